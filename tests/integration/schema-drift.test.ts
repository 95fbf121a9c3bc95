// The Prisma schema is the one source of truth; each provider's SQL migrations must build
// exactly the tables, columns, keys and indexes it declares, and the two must agree.
import { afterAll, describe, expect, test } from 'vitest';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';
import {
  expectedShape,
  postgresShape,
  sqliteShape,
  type SchemaShape,
} from '../helpers/schema-shape';

async function shapeOf(db: TestDatabase): Promise<SchemaShape> {
  return db.config.provider === 'sqlite'
    ? sqliteShape(db.config.file)
    : postgresShape(db.url, db.config.schema);
}

const shapes = new Map<string, SchemaShape>();
const created: TestDatabase[] = [];
afterAll(async () => {
  for (const db of created) await db.dispose();
});

describe.each(availableProviders())('migrations for $provider', ({ provider, available }) => {
  test.skipIf(!available)('build exactly what prisma/schema.prisma declares', async () => {
    const db = await createTestDatabase(provider);
    created.push(db);
    const actual = await shapeOf(db);
    shapes.set(provider, actual);
    expect(actual).toEqual(await expectedShape());
  });
});

describe('SQLite and PostgreSQL', () => {
  test.skipIf(availableProviders().some((p) => !p.available))('have the same schema', async () => {
    for (const provider of ['sqlite', 'postgresql'] as const) {
      if (!shapes.has(provider)) {
        const db = await createTestDatabase(provider);
        created.push(db);
        shapes.set(provider, await shapeOf(db));
      }
    }
    expect(shapes.get('postgresql')).toEqual(shapes.get('sqlite'));
  });
});

test('the comparison notices drift', async () => {
  const expected = await expectedShape();
  const drifted = structuredClone(expected);
  const user = drifted.User;
  if (!user) throw new Error('no User model');
  user.columns.email = { type: 'String', required: false };
  expect(drifted).not.toEqual(expected);
});
