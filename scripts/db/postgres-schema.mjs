// Derives the PostgreSQL schema from the SQLite source of truth: only the provider and
// the client's output folder differ, so the two can never disagree about the model.
export function postgresSchemaFrom(source) {
  const header =
    '// GENERATED from prisma/schema.prisma by scripts/db/generate.mjs. Do not edit.\n';
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(
      'output       = "../lib/db/generated/sqlite"',
      'output       = "../../lib/db/generated/postgres"',
    );
  if (out === source || !out.includes('generated/postgres')) {
    throw new Error(
      'prisma/schema.prisma: expected provider "sqlite" and output ../lib/db/generated/sqlite',
    );
  }
  return header + out;
}
