// Raw SQL for the few statements every autosave runs: the same text on SQLite and PostgreSQL
// (UPDATE … RETURNING, INSERT … ON CONFLICT … DO UPDATE … WHERE), with table names qualified
// by the PostgreSQL schema the models use. Prisma's raw queries skip its query compiler, and
// a conditional upsert replaces a read and a write.
import { databaseConfig } from './client';
import { Prisma } from './generated/sqlite/client';

export type TableName =
  'QuizAttempt' | 'QuizAnswer' | 'RateLimit' | 'Quiz' | 'Class' | 'ClassMember';

/** `"Table"` on SQLite, `"schema"."Table"` on PostgreSQL (the schema is a plain identifier). */
export function table(name: TableName): Prisma.Sql {
  const config = databaseConfig();
  return Prisma.raw(
    config.provider === 'postgresql' ? `"${config.schema}"."${name}"` : `"${name}"`,
  );
}

/** Column names, quoted, for a RETURNING or SELECT list. */
export function columns(names: readonly string[]): Prisma.Sql {
  return Prisma.raw(names.map((n) => `"${n}"`).join(', '));
}
