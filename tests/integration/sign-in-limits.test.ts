// Sign-in's rate limits on each real database, through the same function NextAuth calls; and
// the same password-hashing work whether or not the email has an account.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { authorizeCredentials, SignInRateLimitedError } from '@/lib/auth/authorize';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { createUser } from '@/lib/db/users';
import { RATE_LIMIT_POLICIES } from '@/lib/security/rate-limit';
import { setSecurityLogSink } from '@/lib/security/security-log';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await current?.dispose();
  current = null;
});

/** Password checks, as (hash, password) pairs, made by the sign-ins since the last reset. */
let verified: [string, string][] = [];
const countingVerify = (hash: string, password: string) => {
  verified.push([hash, password]);
  return verifyPassword(hash, password);
};

async function attempt(email: string, password: string, headers: Record<string, string> = {}) {
  try {
    const user = await authorizeCredentials({ email, password }, headers, countingVerify);
    return user ? 'ok' : 'wrong';
  } catch (error) {
    if (error instanceof SignInRateLimitedError) return `wait ${error.retryAfterSec}`;
    throw error;
  }
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)(
    'five wrong passwords start a delay; the right one is refused during it and clears it after',
    async () => {
      current = await createTestDatabase(provider);
      await createUser({ email: 'ann@example.com', passwordHash: await hashPassword('right-one') });
      for (let i = 0; i < 4; i++) expect(await attempt('ann@example.com', 'nope')).toBe('wrong');
      // The fifth failure is answered with the delay it earned.
      expect(await attempt('ANN@example.com', 'nope')).toMatch(/^wait (31|32)$/);
      // Even the right password waits: the delay is checked before the password.
      expect(await attempt('ann@example.com', 'right-one')).toMatch(/^wait \d+$/);
      // Another account is not affected.
      expect(await attempt('bob@example.com', 'x')).toBe('wrong');

      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 33_000);
      expect(await attempt('ann@example.com', 'right-one')).toBe('ok');
      // The success forgot the failures: four more wrong ones are free again.
      for (let i = 0; i < 4; i++) expect(await attempt('ann@example.com', 'nope')).toBe('wrong');
      vi.useRealTimers();
    },
  );

  test.skipIf(!available)(
    'an unknown email earns the same delay (no account enumeration)',
    async () => {
      current = await createTestDatabase(provider);
      for (let i = 0; i < 4; i++) expect(await attempt('ghost@example.com', 'x')).toBe('wrong');
      expect(await attempt('ghost@example.com', 'x')).toMatch(/^wait (31|32)$/);
    },
  );

  test.skipIf(!available)(
    'per-address limit: behind a trusted proxy each address has its own count',
    async () => {
      current = await createTestDatabase(provider);
      vi.stubEnv('TRUST_PROXY', '1');
      const { limit } = RATE_LIMIT_POLICIES['signin-ip'];
      const from = (ip: string) => ({ 'x-forwarded-for': `10.0.0.1, ${ip}` });
      // Different accounts, one address: each stays under its own account limit.
      for (let i = 0; i < limit; i++) {
        expect(await attempt(`user${i}@example.com`, 'x', from('198.51.100.7'))).toBe('wrong');
      }
      expect(await attempt('another@example.com', 'x', from('198.51.100.7'))).toMatch(/^wait/);
      expect(await attempt('another@example.com', 'x', from('198.51.100.8'))).toBe('wrong');
    },
  );

  test.skipIf(!available)(
    'one address failing many sign-ins does not stop another address, or the right password',
    async () => {
      current = await createTestDatabase(provider);
      // What `npm start` does: the socket's address in a header only its server writes.
      vi.stubEnv('ACKADEMY_SOCKET_ADDRESS_HEADER', '1');
      await createUser({ email: 'ann@example.com', passwordHash: await hashPassword('right-one') });
      const { limit } = RATE_LIMIT_POLICIES['signin-ip'];
      const from = (ip: string) => ({ 'x-ackademy-socket-address': ip });
      for (let i = 0; i < limit; i++) {
        expect(await attempt(`user${i}@example.com`, 'x', from('::ffff:127.0.0.2'))).toBe('wrong');
      }
      // The attacker's address is throttled, with "wait", not "wrong password"…
      expect(await attempt('ann@example.com', 'right-one', from('127.0.0.2'))).toMatch(
        /^wait \d+$/,
      );
      // …everyone else signs in.
      expect(await attempt('ann@example.com', 'right-one', from('127.0.0.1'))).toBe('ok');
      expect(await attempt('bob@example.com', 'x', from('::1'))).toBe('wrong');
    },
  );

  test.skipIf(!available)(
    'with no known address nothing is shared: failures elsewhere never refuse a right password',
    async () => {
      current = await createTestDatabase(provider);
      // `next dev`: no flag, so the header (anyone's invention) is ignored.
      await createUser({ email: 'ann@example.com', passwordHash: await hashPassword('right-one') });
      const { limit } = RATE_LIMIT_POLICIES['signin-ip'];
      const forged = { 'x-ackademy-socket-address': '127.0.0.2' };
      for (let i = 0; i < limit + 1; i++) {
        expect(await attempt(`user${i}@example.com`, 'x', forged)).toBe('wrong');
      }
      expect(await attempt('ann@example.com', 'right-one', forged)).toBe('ok');
    },
  );

  test.skipIf(!available)(
    'the per-address limit counts failures only: a class behind one address signs in',
    async () => {
      current = await createTestDatabase(provider);
      vi.stubEnv('ACKADEMY_SOCKET_ADDRESS_HEADER', '1');
      const hash = await hashPassword('right-one');
      const { limit } = RATE_LIMIT_POLICIES['signin-ip'];
      await createUser({ email: 'ann@example.com', passwordHash: hash });
      const nat = { 'x-ackademy-socket-address': '203.0.113.50' };
      for (let i = 0; i < limit - 1; i++) {
        expect(await attempt(`user${i}@example.com`, 'x', nat)).toBe('wrong');
      }
      for (let i = 0; i < 5; i++)
        expect(await attempt('ann@example.com', 'right-one', nat)).toBe('ok');
    },
  );

  test.skipIf(!available)(
    'an unknown email, or an account without a password, costs the same password check',
    async () => {
      current = await createTestDatabase(provider);
      await createUser({ email: 'ann@example.com', passwordHash: await hashPassword('right-one') });
      await createUser({ email: 'oauth@example.com', passwordHash: null });
      const work = async (email: string, password: string) => {
        verified = [];
        const outcome = await attempt(email, password);
        return {
          outcome,
          checks: verified.length,
          hashes: verified.map(([hash]) => hash.split('$').slice(1, 4).join('$')),
        };
      };
      const known = await work('ann@example.com', 'wrong-one');
      const unknown = await work('ghost@example.com', 'wrong-one');
      const passwordless = await work('oauth@example.com', 'wrong-one');
      const right = await work('ann@example.com', 'right-one');
      expect(known).toEqual({
        outcome: 'wrong',
        checks: 1,
        hashes: ['argon2id$v=19$m=19456,t=2,p=1'],
      });
      // The same argon2id check with the same parameters, and the same answer.
      expect(unknown).toEqual(known);
      expect(passwordless).toEqual(known);
      expect(right).toEqual({ ...known, outcome: 'ok' });
    },
  );
});

describe.each(availableProviders())('$provider: the security log', ({ provider, available }) => {
  afterEach(() => setSecurityLogSink(null));

  test.skipIf(!available)(
    'every sign-in decision is one line, with no email, password or raw address in it',
    async () => {
      current = await createTestDatabase(provider);
      vi.stubEnv('ACKADEMY_SOCKET_ADDRESS_HEADER', '1');
      const lines: string[] = [];
      setSecurityLogSink((line) => lines.push(line));
      const user = await createUser({
        email: 'ann@example.com',
        passwordHash: await hashPassword('right-one'),
      });
      const from = { 'x-ackademy-socket-address': '192.0.2.9' };
      expect(await attempt('ann@example.com', 'right-one', from)).toBe('ok');
      expect(await attempt('ann@example.com', 'wrong-one', from)).toBe('wrong');
      expect(await attempt('ghost@example.com', 'wrong-two', from)).toBe('wrong');
      const signIns = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.event === 'auth.signin');
      expect(signIns.map((e) => [e.outcome, e.userId ?? null])).toEqual([
        ['success', user.id],
        ['failure', user.id],
        ['failure', null],
      ]);
      expect(new Set(signIns.map((e) => e.source)).size).toBe(1);
      for (const secret of ['ann@example.com', 'ghost@', 'right-one', 'wrong-', '192.0.2.9'])
        expect(lines.join('\n')).not.toContain(secret);
    },
  );
});
