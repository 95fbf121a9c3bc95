// Which database Ackademy talks to, decided once from DATABASE_URL: the embedded SQLite
// file by default, PostgreSQL when the URL says so.
import path from 'node:path';

export type DatabaseConfig =
  | { provider: 'sqlite'; file: string; url: string }
  | { provider: 'postgresql'; url: string; schema: string };

/** The embedded default: a SQLite file in the gitignored data folder. */
export const DEFAULT_DATABASE_URL = 'file:./data/ackademy.db';

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/**
 * Parses DATABASE_URL. Relative SQLite paths are resolved against `cwd` (the project root
 * when started through npm), so the CLI scripts and the server open the same file.
 */
export function resolveDatabaseConfig(
  url: string | undefined = process.env.DATABASE_URL,
  cwd: string = process.cwd(),
): DatabaseConfig {
  const value = url && url.trim() !== '' ? url.trim() : DEFAULT_DATABASE_URL;
  if (value.startsWith('file:')) {
    const raw = value.slice('file:'.length).split('?')[0] ?? '';
    if (raw === '') throw new DatabaseConfigError('DATABASE_URL: a file: URL needs a path');
    const file = path.resolve(cwd, raw);
    return { provider: 'sqlite', file, url: `file:${file}` };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseConfigError('DATABASE_URL: not a valid postgresql:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new DatabaseConfigError(`DATABASE_URL: schema "${schema}" is not a plain identifier`);
    }
    return { provider: 'postgresql', url: value, schema };
  }
  throw new DatabaseConfigError(
    'DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)',
  );
}
