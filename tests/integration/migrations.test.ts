// Migrations apply once, in order, and refuse a ledger that no longer matches the code.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadMigrations, migrate, MigrationError } from '@/lib/db/migrate';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';
import { postgresShape, sqliteShape } from '../helpers/schema-shape';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

function copyOfRepoMigrations(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ackademy-migrations-'));
  cpSync('prisma/migrations', path.join(root, 'prisma', 'migrations'), { recursive: true });
  return root;
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('a fresh database gets every migration, a second run none', async () => {
    current = await createTestDatabase(provider, { migrate: false });
    const names = loadMigrations(provider).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await migrate(current.config)).toEqual(names);
    expect(await migrate(current.config)).toEqual([]);
  });

  test.skipIf(!available)('an edited migration is refused, not skipped', async () => {
    current = await createTestDatabase(provider);
    const root = copyOfRepoMigrations();
    const first = loadMigrations(provider, root)[0];
    if (!first) throw new Error('no migrations');
    const file = path.join(root, 'prisma', 'migrations', provider, first.name, 'migration.sql');
    writeFileSync(file, `${first.sql}\n-- edited\n`);
    await expect(migrate(current.config, root)).rejects.toThrow(MigrationError);
    await expect(migrate(current.config, root)).rejects.toThrow(/edited after it was applied/);
  });

  test.skipIf(!available)('a failing migration leaves nothing half-applied', async () => {
    current = await createTestDatabase(provider);
    const root = copyOfRepoMigrations();
    const dir = path.join(root, 'prisma', 'migrations', provider, '9999_broken');
    cpSync(
      path.join(root, 'prisma', 'migrations', provider, loadMigrations(provider)[0]!.name),
      dir,
      {
        recursive: true,
      },
    );
    writeFileSync(
      path.join(dir, 'migration.sql'),
      'CREATE TABLE "Broken" ("id" TEXT NOT NULL);\nTHIS IS NOT SQL;\n',
    );
    await expect(migrate(current.config, root)).rejects.toThrow();
    // The good migrations are still recorded, the broken one is not, and its table is gone.
    expect(await migrate(current.config)).toEqual([]);
    const shape =
      current.config.provider === 'sqlite'
        ? sqliteShape(current.config.file)
        : await postgresShape(current.url, current.config.schema);
    expect(Object.keys(shape)).not.toContain('Broken');
    expect(Object.keys(shape)).toContain('User');
  });
});
