// Which address a per-address rate limit counts: X-Forwarded-For only from trusted proxies.
import { describe, expect, test } from 'vitest';
import { clientIp } from '@/lib/security/client-ip';
import { securityEnv } from '@/lib/security/config';

describe('clientIp', () => {
  test('ignores X-Forwarded-For unless a proxy is trusted (anyone can send it)', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.9' });
    expect(clientIp(headers, { proxyHops: 0 })).toBeNull();
    expect(clientIp(headers, securityEnv({}))).toBeNull();
  });

  test('takes the entry the trusted proxy appended, not the client-supplied ones', () => {
    const headers = new Headers({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9' });
    expect(clientIp(headers, { proxyHops: 1 })).toBe('203.0.113.9');
    expect(clientIp(headers, { proxyHops: 2 })).toBe('1.2.3.4');
    expect(clientIp(headers, { proxyHops: 3 })).toBeNull();
  });

  test('accepts IPv6 and ports, refuses garbage', () => {
    expect(clientIp({ 'x-forwarded-for': '2001:DB8::1' }, { proxyHops: 1 })).toBe('2001:db8::1');
    expect(clientIp({ 'x-forwarded-for': '[2001:db8::1]:443' }, { proxyHops: 1 })).toBe(
      '2001:db8::1',
    );
    expect(clientIp({ 'x-forwarded-for': '203.0.113.9:5555' }, { proxyHops: 1 })).toBe(
      '203.0.113.9',
    );
    expect(clientIp({ 'x-forwarded-for': 'evil; drop table' }, { proxyHops: 1 })).toBeNull();
    expect(clientIp({}, { proxyHops: 1 })).toBeNull();
  });

  test('without a proxy, the socket address header counts only when our server says it wrote it', () => {
    const headers = new Headers({
      'x-ackademy-socket-address': '::ffff:127.0.0.2',
      'x-forwarded-for': '203.0.113.9',
    });
    // `npm start` (scripts/start.mjs) sets the flag and overwrites the header on every request.
    expect(clientIp(headers, securityEnv({ ACKADEMY_SOCKET_ADDRESS_HEADER: '1' }))).toBe(
      '127.0.0.2',
    );
    // `next dev` or any other server: the header may be the client's own, so nobody is named.
    expect(clientIp(headers, securityEnv({}))).toBeNull();
    expect(clientIp(headers, securityEnv({ ACKADEMY_SOCKET_ADDRESS_HEADER: 'true' }))).toBeNull();
    expect(
      clientIp({ 'x-ackademy-socket-address': '::1' }, { proxyHops: 0, socketAddressHeader: true }),
    ).toBe('::1');
    expect(
      clientIp(
        { 'x-ackademy-socket-address': 'garbage' },
        { proxyHops: 0, socketAddressHeader: true },
      ),
    ).toBeNull();
    expect(clientIp({}, { proxyHops: 0, socketAddressHeader: true })).toBeNull();
  });

  test('behind a trusted proxy, X-Forwarded-For wins over the socket (which is the proxy)', () => {
    const headers = { 'x-ackademy-socket-address': '10.0.0.2', 'x-forwarded-for': '203.0.113.9' };
    const env = securityEnv({ TRUST_PROXY: '1', ACKADEMY_SOCKET_ADDRESS_HEADER: '1' });
    expect(clientIp(headers, env)).toBe('203.0.113.9');
  });

  test('TRUST_PROXY: 1/true is one proxy, a number is that many, anything else none', () => {
    expect(securityEnv({ TRUST_PROXY: 'true' }).proxyHops).toBe(1);
    expect(securityEnv({ TRUST_PROXY: '2' }).proxyHops).toBe(2);
    expect(securityEnv({ TRUST_PROXY: 'no' }).proxyHops).toBe(0);
    expect(securityEnv({ TRUST_PROXY: '-1' }).proxyHops).toBe(0);
  });
});

describe('signInDelaySec', async () => {
  const { signInDelaySec } = await import('@/lib/security/rate-limit');
  test('is free for four failures, then 2^n seconds, capped at 15 minutes', () => {
    expect([0, 1, 4].map(signInDelaySec)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 9].map(signInDelaySec)).toEqual([32, 64, 128, 512]);
    expect([10, 11, 50].map(signInDelaySec)).toEqual([900, 900, 900]);
  });
});
