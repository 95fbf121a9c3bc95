// Sign-in's rate limits on each real database, through the same function NextAuth calls.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { authorizeCredentials, SignInRateLimitedError } from '@/lib/auth/authorize';
import { hashPassword } from '@/lib/auth/password';
import { createUser } from '@/lib/db/users';
import { RATE_LIMIT_POLICIES } from '@/lib/security/rate-limit';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await current?.dispose();
  current = null;
});

async function attempt(email: string, password: string, headers: Record<string, string> = {}) {
  try {
    const user = await authorizeCredentials({ email, password }, headers);
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
});
