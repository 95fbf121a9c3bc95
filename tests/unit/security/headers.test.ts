// The CSP and HSTS decisions of proxy.ts, as pure functions.
import { describe, expect, test } from 'vitest';
import { securityEnv } from '@/lib/security/config';
import { contentSecurityPolicy, createNonce, servedOverHttps } from '@/lib/security/headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('nonces', () => {
  test('are fresh, 128-bit and base64', () => {
    const seen = new Set(Array.from({ length: 200 }, createNonce));
    expect(seen.size).toBe(200);
    for (const nonce of seen) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('the content security policy', () => {
  const policy = directives(contentSecurityPolicy('abc', { https: false, development: false }));

  test('allows scripts only with the nonce: no unsafe-inline, no eval in production', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
  });

  test('forbids framing, plugins, foreign forms and base tags', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  test('style-src lists no nonce, which would silently disable its unsafe-inline', () => {
    const style = policy.get('style-src') ?? [];
    expect(style).toContain("'unsafe-inline'");
    expect(style.some((v) => v.startsWith("'nonce-"))).toBe(false);
  });

  test('upgrades insecure requests only over HTTPS, and allows eval only in development', () => {
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    const secure = directives(contentSecurityPolicy('n', { https: true, development: true }));
    expect(secure.has('upgrade-insecure-requests')).toBe(true);
    expect(secure.get('script-src')).toContain("'unsafe-eval'");
  });
});

describe('HTTPS detection (HSTS)', () => {
  test('X-Forwarded-Proto counts only when the proxy is trusted', () => {
    expect(servedOverHttps(null, { trustProxy: false, publicHttps: false })).toBe(false);
    expect(servedOverHttps('https', { trustProxy: false, publicHttps: false })).toBe(false);
    expect(servedOverHttps('https, http', { trustProxy: true, publicHttps: false })).toBe(true);
    expect(servedOverHttps('http', { trustProxy: true, publicHttps: false })).toBe(false);
  });

  test('a public https:// NEXTAUTH_URL means HTTPS', () => {
    expect(servedOverHttps(null, { trustProxy: false, publicHttps: true })).toBe(true);
    expect(securityEnv({ NEXTAUTH_URL: 'https://ackademy.example.org' }).publicHttps).toBe(true);
    expect(securityEnv({ NEXTAUTH_URL: 'http://localhost:3000' }).publicHttps).toBe(false);
    expect(securityEnv({}).trustProxy).toBe(false);
    expect(securityEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(securityEnv({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });
});
