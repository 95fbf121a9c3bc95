// Shared rate-limit counters on each real database: fixed windows, no lost increments under
// concurrency, the growing delay after failed sign-ins, and the policies' verdicts.
import { afterEach, describe, expect, test } from 'vitest';
import { hitRateLimit, readRateLimit } from '@/lib/db/rate-limits';
import {
  checkRateLimit,
  rateLimitReached,
  clearSignInFailures,
  RATE_LIMIT_POLICIES,
  recordSignInFailure,
  signInDelay,
} from '@/lib/security/rate-limit';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)(
    'counts hits in a fixed window and starts a new one after it',
    async () => {
      current = await createTestDatabase(provider);
      expect((await hitRateLimit('k', 1000, at(0))).count).toBe(1);
      expect((await hitRateLimit('k', 1000, at(10))).count).toBe(2);
      expect((await hitRateLimit('k', 1000, at(999))).count).toBe(3);
      const next = await hitRateLimit('k', 1000, at(1000));
      expect(next.count).toBe(1);
      expect(next.windowStart.getTime()).toBe(at(1000).getTime());
      expect((await hitRateLimit('other', 1000, at(1000))).count).toBe(1);
    },
  );

  test.skipIf(!available)('loses no increment when many requests hit one key at once', async () => {
    current = await createTestDatabase(provider);
    const n = 60;
    const rows = await Promise.all(
      Array.from({ length: n }, () => hitRateLimit('burst', 60_000, at(0))),
    );
    // Every request saw a distinct count: none was lost or double counted.
    expect(rows.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
    expect((await readRateLimit('burst'))?.count).toBe(n);
  });

  test.skipIf(!available)(
    'a window rollover under concurrency restarts the count exactly once',
    async () => {
      current = await createTestDatabase(provider);
      for (let i = 0; i < 5; i++) await hitRateLimit('roll', 1000, at(0));
      const n = 40;
      const rows = await Promise.all(
        Array.from({ length: n }, () => hitRateLimit('roll', 1000, at(5000))),
      );
      expect(rows.map((r) => r.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: n }, (_, i) => i + 1),
      );
      const stored = await readRateLimit('roll');
      expect(stored?.count).toBe(n);
      expect(stored?.windowStart.getTime()).toBe(at(5000).getTime());
    },
  );

  test.skipIf(!available)('a policy refuses past its limit and says how long to wait', async () => {
    current = await createTestDatabase(provider);
    const { limit, windowSec } = RATE_LIMIT_POLICIES['signup-ip'];
    for (let i = 0; i < limit; i++) {
      expect(await checkRateLimit('signup-ip', '203.0.113.7', at(i * 1000))).toEqual({
        ok: true,
        retryAfterSec: 0,
      });
    }
    expect(await checkRateLimit('signup-ip', '203.0.113.7', at(limit * 1000))).toEqual({
      ok: false,
      retryAfterSec: windowSec - limit,
    });
    // Another address and another policy have their own buckets.
    expect((await checkRateLimit('signup-ip', '203.0.113.8', at(0))).ok).toBe(true);
    expect((await checkRateLimit('signin-ip', '203.0.113.7', at(0))).ok).toBe(true);
    // After the window, the address may try again.
    expect((await checkRateLimit('signup-ip', '203.0.113.7', at(windowSec * 1000))).ok).toBe(true);
  });

  test.skipIf(!available)(
    'an unknown address is never counted: no shared bucket that one client could fill',
    async () => {
      current = await createTestDatabase(provider);
      const { limit } = RATE_LIMIT_POLICIES['signup-ip'];
      for (let i = 0; i < limit * 3; i++) {
        expect(await checkRateLimit('signup-ip', null, at(0))).toEqual({
          ok: true,
          retryAfterSec: 0,
        });
      }
      expect(await rateLimitReached('signin-ip', null, at(0))).toEqual({
        ok: true,
        retryAfterSec: 0,
      });
      const client = await (await import('@/lib/db/client')).db();
      expect(await client.rateLimit.count()).toBe(0);
    },
  );

  test.skipIf(!available)(
    'rateLimitReached reads a limit without counting, until its window ends',
    async () => {
      current = await createTestDatabase(provider);
      const { limit, windowSec } = RATE_LIMIT_POLICIES['signin-ip'];
      for (let i = 0; i < limit - 1; i++) await checkRateLimit('signin-ip', '192.0.2.1', at(0));
      for (let i = 0; i < 5; i++) {
        expect((await rateLimitReached('signin-ip', '192.0.2.1', at(1000))).ok).toBe(true);
      }
      await checkRateLimit('signin-ip', '192.0.2.1', at(1000));
      expect(await rateLimitReached('signin-ip', '192.0.2.1', at(2000))).toEqual({
        ok: false,
        retryAfterSec: windowSec - 2,
      });
      expect((await rateLimitReached('signin-ip', '192.0.2.2', at(2000))).ok).toBe(true);
      expect((await rateLimitReached('signin-ip', '192.0.2.1', at(windowSec * 1000))).ok).toBe(
        true,
      );
    },
  );

  test.skipIf(!available)(
    'failed sign-ins earn a growing delay, capped, and a success forgets them',
    async () => {
      current = await createTestDatabase(provider);
      const email = 'Victim@Example.com';
      for (let i = 1; i <= 4; i++) {
        expect(await recordSignInFailure(email, at(i))).toEqual({ ok: true, retryAfterSec: 0 });
      }
      expect((await signInDelay(email, at(5))).ok).toBe(true);
      // The fifth failure: 2^5 s.
      expect(await recordSignInFailure(email, at(10))).toEqual({ ok: false, retryAfterSec: 32 });
      expect(await signInDelay('victim@example.com', at(1010))).toEqual({
        ok: false,
        retryAfterSec: 31,
      });
      expect((await signInDelay(email, at(32_010))).ok).toBe(true);
      expect((await recordSignInFailure(email, at(40_000))).retryAfterSec).toBe(64);
      for (let i = 0; i < 10; i++) await recordSignInFailure(email, at(50_000 + i));
      expect((await signInDelay(email, at(60_000))).retryAfterSec).toBeLessThanOrEqual(15 * 60);
      expect((await recordSignInFailure(email, at(60_000))).retryAfterSec).toBe(15 * 60);
      // Another account is untouched.
      expect((await signInDelay('other@example.com', at(60_000))).ok).toBe(true);
      await clearSignInFailures(email);
      expect((await signInDelay(email, at(60_001))).ok).toBe(true);
      expect((await recordSignInFailure(email, at(60_002))).ok).toBe(true);
    },
  );

  test.skipIf(!available)('stores no email or address in clear', async () => {
    current = await createTestDatabase(provider);
    await checkRateLimit('signin-account', 'alice@example.com', at(0));
    await checkRateLimit('signin-ip', '198.51.100.1', at(0));
    await recordSignInFailure('alice@example.com', at(0));
    const client = await (await import('@/lib/db/client')).db();
    const keys = (await client.rateLimit.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).not.toMatch(/alice|example|198\.51/);
  });
});
