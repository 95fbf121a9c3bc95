// Requests share one SQLite connection (a pool on PostgreSQL). While one request's transaction
// is open, another request's plain read must not see its uncommitted rows, and a write that
// was acknowledged must survive that transaction rolling back.
import { afterEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { hitRateLimit, readRateLimit } from '@/lib/db/rate-limits';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

const T0 = new Date('2026-01-01T00:00:00.000Z');

/** A transaction that writes a row, stays open for `openMs`, then rolls back. */
function rollingBackTransaction(openMs: number) {
  let signalWritten!: () => void;
  const written = new Promise<void>((resolve) => (signalWritten = resolve));
  const settled = db().then((client) =>
    client
      .$transaction(async (tx) => {
        await tx.rateLimit.create({ data: { key: 'inside', count: 1, windowStart: T0 } });
        signalWritten();
        await new Promise((resolve) => setTimeout(resolve, openMs));
        throw new Error('refused by the business rule');
      })
      .then(
        () => 'committed',
        (error: Error) => error.message,
      ),
  );
  return { written, settled };
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)(
    "a write acknowledged while another transaction is open survives that transaction's rollback",
    async () => {
      current = await createTestDatabase(provider);
      const tx = rollingBackTransaction(50);
      await tx.written;
      const hit = await hitRateLimit('outside', 60_000, T0);
      expect(hit.count).toBe(1);
      expect(await tx.settled).toBe('refused by the business rule');
      expect((await readRateLimit('outside'))?.count).toBe(1);
      expect(await readRateLimit('inside')).toBeNull();
    },
  );

  test.skipIf(!available)(
    "a read while another transaction is open does not see that transaction's rows",
    async () => {
      current = await createTestDatabase(provider);
      const tx = rollingBackTransaction(50);
      await tx.written;
      expect(await readRateLimit('inside')).toBeNull();
      expect(await tx.settled).toBe('refused by the business rule');
    },
  );

  test.skipIf(!available)('transactions and plain writes from many requests all land', async () => {
    current = await createTestDatabase(provider);
    const client = await db();
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? client.$transaction(async (tx) => {
              await tx.rateLimit.create({ data: { key: `tx-${i}`, count: 1, windowStart: T0 } });
              await new Promise((resolve) => setTimeout(resolve, 1));
              await tx.rateLimit.update({ where: { key: `tx-${i}` }, data: { count: 2 } });
            })
          : hitRateLimit(`plain-${i}`, 60_000, T0),
      ),
    );
    const rows = await client.rateLimit.findMany({ orderBy: { key: 'asc' } });
    expect(rows).toHaveLength(n);
    expect(rows.filter((r) => r.key.startsWith('tx-')).every((r) => r.count === 2)).toBe(true);
  });
});
