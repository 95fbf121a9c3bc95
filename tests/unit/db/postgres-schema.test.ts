import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
// @ts-expect-error – a plain .mjs build script without type declarations.
import { postgresSchemaFrom } from '@/scripts/db/postgres-schema.mjs';

const derive = postgresSchemaFrom as (source: string) => string;

describe('the PostgreSQL schema is derived from the SQLite one', () => {
  const source = readFileSync('prisma/schema.prisma', 'utf8');
  const derived = derive(source);

  test('only the provider and the client output differ', () => {
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('generated/postgres');
    const strip = (s: string) =>
      s
        .split('\n')
        .filter(
          (line) => !/provider\s*=\s*"(sqlite|postgresql)"|output\s*=|^\/\/ GENERATED/.test(line),
        )
        .join('\n');
    expect(strip(derived)).toBe(strip(source));
  });

  test('refuses a source that no longer targets SQLite', () => {
    expect(() => derive(source.replace('"sqlite"', '"mysql"'))).toThrow(
      /expected provider "sqlite"/,
    );
  });
});
