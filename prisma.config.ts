// Prisma CLI configuration. Only `prisma generate` is used (see scripts/db/generate.mjs);
// migrations are plain SQL per provider, applied by lib/db/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/ackademy.db' },
});
