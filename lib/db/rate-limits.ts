// Rate-limit counters in the database, so every app instance sees the same counts: a fixed
// window per key, counted without losing increments under concurrency on SQLite and
// PostgreSQL alike (an atomic increment, and a compare-and-swap to start a new window).
import { db, type Db } from './client';
import { table } from './sql';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export type RateLimitRow = { count: number; windowStart: Date; blockedUntil: Date | null };

const select = { count: true, windowStart: true, blockedUntil: true } as const;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

/** Enough for any realistic contention; each lost round means another request made progress. */
const MAX_ROUNDS = 50;

/**
 * Counts one hit for `key` in its current window of `windowMs` and returns the row after
 * it. When the stored window has ended, the first request to notice starts a new one (the
 * update matches on the old windowStart, so exactly one wins); the others count again in
 * the new window. No read-modify-write, so no increment is lost.
 */
export async function hitRateLimit(
  key: string,
  windowMs: number,
  now: Date,
): Promise<RateLimitRow> {
  const client = await db();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let row: RateLimitRow;
    try {
      row = await client.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, windowStart: now },
        update: { count: { increment: 1 } },
        select,
      });
    } catch (error) {
      // Two first hits raced to create the row: the loser counts again, as an update.
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    if (row.windowStart.getTime() + windowMs > now.getTime()) return row;
    const restarted = await client.rateLimit.updateMany({
      where: { key, windowStart: row.windowStart },
      data: { count: 1, windowStart: now },
    });
    if (restarted.count === 1)
      return { count: 1, windowStart: now, blockedUntil: row.blockedUntil };
  }
  throw new Error(`rate limit ${key}: too much contention`);
}

/**
 * The same count inside a caller's transaction (the autosave counts its hit in the save's
 * own transaction: one commit instead of two). The upsert is a single atomic statement on
 * both databases, and the transaction holds the row until it commits, so a new window
 * starts once.
 */
export async function hitRateLimitIn(
  tx: Pick<Tx, 'rateLimit' | '$queryRaw'>,
  key: string,
  windowMs: number,
  now: Date,
): Promise<RateLimitRow> {
  // Raw SQL: this runs in every autosave (lib/db/sql.ts).
  const [row] = await tx.$queryRaw<RateLimitRow[]>`
    INSERT INTO ${table('RateLimit')} ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET "count" = ${table('RateLimit')}."count" + 1
    RETURNING "count", "windowStart", "blockedUntil"`;
  if (!row) throw new Error(`rate limit ${key}: the upsert returned no row`);
  if (row.windowStart.getTime() + windowMs > now.getTime()) return row;
  await tx.rateLimit.update({ where: { key }, data: { count: 1, windowStart: now } });
  return { count: 1, windowStart: now, blockedUntil: row.blockedUntil };
}

export async function readRateLimit(key: string): Promise<RateLimitRow | null> {
  const client = await db();
  return client.rateLimit.findUnique({ where: { key }, select });
}

/** Refuses `key` until `until` (growing sign-in delays). The row exists: a hit came first. */
export async function blockRateLimitKey(key: string, until: Date): Promise<void> {
  const client = await db();
  await client.rateLimit.updateMany({ where: { key }, data: { blockedUntil: until } });
}

export async function clearRateLimit(key: string): Promise<void> {
  const client = await db();
  await client.rateLimit.deleteMany({ where: { key } });
}

/** Drops rows whose window started before `before` and that block nothing any more. */
export async function pruneRateLimits(before: Date, now: Date): Promise<number> {
  const client = await db();
  const { count } = await client.rateLimit.deleteMany({
    where: {
      windowStart: { lt: before },
      OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }],
    },
  });
  return count;
}
