// The embedded database must not lose a committed write: WAL journal, synchronous=FULL.
import { afterEach, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

test('the app connection runs in WAL mode with synchronous=FULL and foreign keys on', async () => {
  current = await createTestDatabase('sqlite');
  const client = await db();
  const [journal] = await client.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
  const [sync] =
    await client.$queryRawUnsafe<{ synchronous: number | bigint }[]>('PRAGMA synchronous');
  const [fk] =
    await client.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>('PRAGMA foreign_keys');
  expect(journal?.journal_mode).toBe('wal');
  expect(Number(sync?.synchronous)).toBe(2);
  expect(Number(fk?.foreign_keys)).toBe(1);
});
