// Generates both Prisma clients (SQLite and PostgreSQL) from the one schema in
// prisma/schema.prisma. Runs on `npm ci` (postinstall) and `npm run db:generate`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresSchemaFrom } from './postgres-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
const pgPath = join(root, 'prisma/postgres/schema.prisma');
mkdirSync(dirname(pgPath), { recursive: true });
writeFileSync(pgPath, postgresSchemaFrom(source));

// `prisma generate` needs no schema engine, but the CLI tries to download one unless told
// where it is; there is no network here, so point it at a binary that is never run.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prisma = join(root, 'node_modules/prisma/build/index.js');
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
console.log('ackademy: generated Prisma clients for SQLite and PostgreSQL');
