// The cross-site request check every mutating route handler runs.
import { describe, expect, test } from 'vitest';
import { checkSameOrigin } from '@/lib/security/origin';
import { withSameOrigin } from '@/lib/security/csrf-guard';

const URL_ = 'http://localhost:3000/api/auth/signout';
const direct = { trustProxy: false };

function request(method: string, headers: Record<string, string>, url = URL_) {
  return { method, url, headers: new Headers({ host: 'localhost:3000', ...headers }) };
}

describe('checkSameOrigin', () => {
  test('lets reads through whatever their origin', () => {
    expect(checkSameOrigin(request('GET', { origin: 'https://evil.example' }), direct).ok).toBe(
      true,
    );
  });

  test('accepts a same-origin POST', () => {
    const req = request('POST', {
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
    });
    expect(checkSameOrigin(req, direct, undefined)).toEqual({ ok: true });
  });

  test('refuses a POST from another site, by Origin or by Sec-Fetch-Site', () => {
    expect(
      checkSameOrigin(request('POST', { origin: 'https://evil.example' }), direct, undefined).ok,
    ).toBe(false);
    expect(
      checkSameOrigin(request('POST', { 'sec-fetch-site': 'cross-site' }), direct, undefined).ok,
    ).toBe(false);
    expect(
      checkSameOrigin(request('POST', { 'sec-fetch-site': 'same-site' }), direct, undefined).ok,
    ).toBe(false);
    expect(checkSameOrigin(request('POST', { origin: 'null' }), direct, undefined).ok).toBe(false);
  });

  test('a different port or scheme is another origin', () => {
    expect(
      checkSameOrigin(request('POST', { origin: 'http://localhost:3001' }), direct, undefined).ok,
    ).toBe(false);
    expect(
      checkSameOrigin(request('DELETE', { origin: 'https://localhost:3000' }), direct, undefined)
        .ok,
    ).toBe(false);
  });

  test('accepts the configured public URL (the app behind a proxy)', () => {
    const req = request(
      'POST',
      { origin: 'https://ackademy.example.org', host: 'app-1:3000' },
      'http://app-1:3000/api/auth/signout',
    );
    expect(checkSameOrigin(req, direct, 'https://ackademy.example.org/').ok).toBe(true);
    expect(checkSameOrigin(req, direct, undefined).ok).toBe(false);
  });

  test('X-Forwarded-Host counts only when the proxy is trusted', () => {
    const req = request(
      'POST',
      {
        origin: 'https://ackademy.example.org',
        host: 'app-1:3000',
        'x-forwarded-host': 'ackademy.example.org',
        'x-forwarded-proto': 'https',
      },
      'http://app-1:3000/x',
    );
    expect(checkSameOrigin(req, { trustProxy: false }, undefined).ok).toBe(false);
    expect(checkSameOrigin(req, { trustProxy: true }, undefined).ok).toBe(true);
  });

  test('lets a request with neither header through (not a browser, no ambient cookies)', () => {
    expect(checkSameOrigin(request('POST', {}), direct, undefined).ok).toBe(true);
  });
});

describe('withSameOrigin', () => {
  test('answers 403 without calling the handler for a cross-site POST', async () => {
    let calls = 0;
    const guarded = withSameOrigin<null>(() => {
      calls += 1;
      return new Response('ok');
    });
    const evil = new Request(URL_, {
      method: 'POST',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
    });
    const refused = await guarded(evil, null);
    expect(refused.status).toBe(403);
    expect(calls).toBe(0);
    const good = new Request(URL_, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    expect((await guarded(good, null)).status).toBe(200);
    expect(calls).toBe(1);
  });
});
