// Derives the PostgreSQL schema from the SQLite source of truth: only the provider and
// the client's output folder differ, so the two can never disagree about the model.
const PROVIDER = /provider\s*=\s*"sqlite"/;
const OUTPUT = 'output       = "../lib/db/generated/sqlite"';

export function postgresSchemaFrom(source) {
  if (!PROVIDER.test(source) || !source.includes(OUTPUT)) {
    throw new Error(
      'prisma/schema.prisma: expected provider "sqlite" and output ../lib/db/generated/sqlite',
    );
  }
  const header =
    '// GENERATED from prisma/schema.prisma by scripts/db/generate.mjs. Do not edit.\n';
  return (
    header +
    source
      .replace(PROVIDER, 'provider = "postgresql"')
      .replace(OUTPUT, 'output       = "../../lib/db/generated/postgres"')
  );
}
