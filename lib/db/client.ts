// The one Prisma client of this process, built for whichever provider DATABASE_URL names.
// Kept on globalThis so Next's dev reloads and parallel route modules share a connection.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabaseConfig, type DatabaseConfig } from './config';
import { serialSqlite } from './sqlite-serial';
import { PrismaClient as PostgresClient } from './generated/postgres/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';

/**
 * Both generated clients come from the same schema (scripts/db/generate.mjs), so their
 * model APIs are identical; the rest of the app is typed against the SQLite one.
 */
export type Db = SqliteClient;

type Holder = { ackademyDb?: Promise<Db>; ackademyDbConfig?: DatabaseConfig };
const holder = globalThis as typeof globalThis & Holder;

/**
 * Prisma's defaults (wait 2 s for a transaction to start, 5 s to finish) fail requests when
 * a whole class autosaves at once and transactions queue for the connection (PostgreSQL's
 * pool) or the single writer (SQLite); waiting longer is the right answer for a save.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;

/** PostgreSQL connections per instance (DATABASE_POOL_SIZE; pg's default of 10 is small). */
function poolSize(): number {
  const n = Number(process.env.DATABASE_POOL_SIZE ?? 20);
  return Number.isInteger(n) && n > 0 ? n : 20;
}

async function connect(config: DatabaseConfig): Promise<Db> {
  if (config.provider === 'sqlite') {
    const client = new SqliteClient({
      adapter: serialSqlite(new PrismaBetterSqlite3({ url: config.file, timeout: 10_000 })),
      transactionOptions: TRANSACTION_OPTIONS,
    });
    // Per-connection settings (WAL itself is stored in the file by the migrator).
    await client.$executeRawUnsafe('PRAGMA synchronous = FULL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  }
  const client = new PostgresClient({
    adapter: new PrismaPg(
      { connectionString: config.url, max: poolSize() },
      { schema: config.schema },
    ),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  // Same schema, same generated API: only the provider differs (see the type above).
  return client as unknown as Db;
}

/** The process-wide client, connected on first use. */
export function db(): Promise<Db> {
  if (!holder.ackademyDb) {
    const config = resolveDatabaseConfig();
    holder.ackademyDbConfig = config;
    holder.ackademyDb = connect(config).catch((error: unknown) => {
      holder.ackademyDb = undefined;
      throw error;
    });
  }
  return holder.ackademyDb;
}

/** Closes the process-wide client (scripts and tests). */
export async function disconnectDb(): Promise<void> {
  const pending = holder.ackademyDb;
  holder.ackademyDb = undefined;
  if (pending) await (await pending).$disconnect();
}

/** The database in use (the one db() connected to, or DATABASE_URL before it has). */
export function databaseConfig(): DatabaseConfig {
  return holder.ackademyDbConfig ?? resolveDatabaseConfig();
}

/** The provider in use, for the few places that must know (health, demo data). */
export function databaseProvider(): DatabaseConfig['provider'] {
  return databaseConfig().provider;
}
