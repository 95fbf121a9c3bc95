// Applies the plain-SQL migrations in prisma/migrations/<provider>/ in name order, once
// each, recording a checksum so an edited migration is refused rather than silently skipped.
// (Prisma Migrate needs a native schema engine that cannot be installed offline.)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseConfig } from './config';

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const LEDGER = '_ackademy_migrations';

export function loadMigrations(provider: DatabaseConfig['provider'], root = process.cwd()) {
  const dir = path.join(root, 'prisma', 'migrations', provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name): Migration => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function checkLedger(applied: Map<string, string>, migrations: Migration[]) {
  for (const [name, checksum] of applied) {
    const known = migrations.find((m) => m.name === name);
    if (!known)
      throw new MigrationError(`database has migration ${name}, which this code does not know`);
    if (known.checksum !== checksum) {
      throw new MigrationError(`migration ${name} was edited after it was applied`);
    }
  }
}

/** Opens a SQLite file with the settings Ackademy relies on for durability. */
export function openSqlite(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  // WAL lets readers run beside the writer; synchronous=FULL makes every committed
  // transaction survive a crash or power loss, which acknowledged quiz answers need.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  const db = openSqlite(file);
  try {
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${LEDGER}" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`,
    );
    const rows = db.prepare(`SELECT name, checksum FROM "${LEDGER}"`).all() as {
      name: string;
      checksum: string;
    }[];
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    checkLedger(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "${LEDGER}" VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
      })();
      done.push(m.name);
    }
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, schema: string, migrations: Migration[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several app instances may start at once: one migrates, the others wait.
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${LEDGER}" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "${LEDGER}"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    checkLedger(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${LEDGER}" (name, checksum) VALUES ($1, $2)`, [
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await client.end();
  }
}

/** Brings the database up to date; returns the names of the migrations it applied. */
export async function migrate(config: DatabaseConfig, root = process.cwd()): Promise<string[]> {
  const migrations = loadMigrations(config.provider, root);
  return config.provider === 'sqlite'
    ? migrateSqlite(config.file, migrations)
    : migratePostgres(config.url, config.schema, migrations);
}
