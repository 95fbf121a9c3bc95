// Fresh, isolated databases for integration tests: a new SQLite file, or a new schema in
// the test PostgreSQL database, each migrated and pointed to by DATABASE_URL.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabaseConfig, type DatabaseConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';

export type Provider = DatabaseConfig['provider'];

export type TestDatabase = {
  provider: Provider;
  url: string;
  config: DatabaseConfig;
  /** Drops the database and restores the previous DATABASE_URL. */
  dispose: () => Promise<void>;
};

let counter = 0;

function uniqueName(prefix: string) {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** The providers this run can test: SQLite always, PostgreSQL when reachable. */
export function availableProviders(): { provider: Provider; available: boolean }[] {
  return [
    { provider: 'sqlite', available: true },
    { provider: 'postgresql', available: inject('postgresUrl') !== null },
  ];
}

export async function createTestDatabase(
  provider: Provider,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const previous = process.env.DATABASE_URL;
  let url: string;
  let drop: () => Promise<void>;
  if (provider === 'sqlite') {
    const dir = path.resolve('tests/.tmp');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${uniqueName('it')}.db`);
    url = `file:${file}`;
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    };
  } else {
    const base = inject('postgresUrl');
    if (!base) throw new Error('PostgreSQL is not available in this run');
    const schema = uniqueName('ack_it');
    const parsed = new URL(base);
    parsed.searchParams.set('schema', schema);
    url = parsed.toString();
    drop = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  await disconnectDb();
  process.env.DATABASE_URL = url;
  const config = resolveDatabaseConfig(url);
  if (options.migrate !== false) await migrate(config);
  return {
    provider,
    url,
    config,
    dispose: async () => {
      await disconnectDb();
      await drop();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    },
  };
}
