// The shape of a database schema, reduced to what must agree across providers: tables,
// columns (type class and nullability), primary keys, unique and plain indexes, foreign keys.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

export type TableShape = {
  columns: Record<string, { type: string; required: boolean }>;
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
};
export type SchemaShape = Record<string, TableShape>;

const LEDGER = '_ackademy_migrations';

const SQLITE_TYPES: Record<string, string> = {
  TEXT: 'String',
  INTEGER: 'Int',
  DATETIME: 'DateTime',
  BOOLEAN: 'Boolean',
  REAL: 'Float',
  BIGINT: 'BigInt',
};
const PG_TYPES: Record<string, string> = {
  text: 'String',
  integer: 'Int',
  'timestamp without time zone': 'DateTime',
  boolean: 'Boolean',
  'double precision': 'Float',
  bigint: 'BigInt',
};

const onDeleteName = (value: string) => value.toLowerCase().replace(/_/g, ' ');

export function sqliteShape(file: string): SchemaShape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const shape: SchemaShape = {};
    for (const { name } of tables) {
      if (name === LEDGER) continue;
      const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const indexes = db.prepare(`PRAGMA index_list("${name}")`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[];
      const fks = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        id: number;
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[];
      const indexColumns = (index: string) =>
        (db.prepare(`PRAGMA index_info("${index}")`).all() as { name: string }[])
          .map((c) => c.name)
          .join(',');
      const grouped = new Map<number, typeof fks>();
      for (const fk of fks) grouped.set(fk.id, [...(grouped.get(fk.id) ?? []), fk]);
      shape[name] = {
        columns: Object.fromEntries(
          cols.map((c) => [
            c.name,
            {
              type: SQLITE_TYPES[c.type.toUpperCase()] ?? `?${c.type}`,
              required: c.notnull === 1 || c.pk > 0,
            },
          ]),
        ),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        unique: indexes
          .filter((i) => i.unique === 1 && i.origin !== 'pk')
          .map((i) => indexColumns(i.name))
          .sort(),
        indexes: indexes
          .filter((i) => i.unique === 0)
          .map((i) => indexColumns(i.name))
          .sort(),
        foreignKeys: [...grouped.values()]
          .map(
            (parts) =>
              `${parts.map((p) => p.from).join(',')}->${parts[0]?.table}(${parts.map((p) => p.to).join(',')}) on delete ${onDeleteName(parts[0]?.on_delete ?? '')}`,
          )
          .sort(),
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

const PG_ON_DELETE: Record<string, string> = {
  c: 'cascade',
  n: 'set null',
  r: 'restrict',
  a: 'no action',
  d: 'set default',
};

export async function postgresShape(url: string, schema: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      'SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position',
      [schema],
    );
    const indexes = await client.query<{
      table: string;
      unique: boolean;
      primary: boolean;
      columns: string[];
    }>(
      `SELECT t.relname AS "table", ix.indisunique AS "unique", ix.indisprimary AS "primary",
              array_agg(a.attname::text ORDER BY k.n) AS columns
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE ns.nspname = $1
        GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary`,
      [schema],
    );
    const fks = await client.query<{
      table: string;
      ref: string;
      deltype: string;
      columns: string[];
      refcolumns: string[];
    }>(
      `SELECT cl.relname AS "table", ref.relname AS ref, c.confdeltype AS deltype,
              (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS refcolumns
         FROM pg_constraint c
         JOIN pg_class cl ON cl.oid = c.conrelid
         JOIN pg_class ref ON ref.oid = c.confrelid
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace
        WHERE c.contype = 'f' AND ns.nspname = $1`,
      [schema],
    );
    const shape: SchemaShape = {};
    const table = (name: string) =>
      (shape[name] ??= { columns: {}, primaryKey: [], unique: [], indexes: [], foreignKeys: [] });
    for (const c of columns.rows) {
      if (c.table_name === LEDGER) continue;
      table(c.table_name).columns[c.column_name] = {
        type: PG_TYPES[c.data_type] ?? `?${c.data_type}`,
        required: c.is_nullable === 'NO',
      };
    }
    for (const i of indexes.rows) {
      if (i.table === LEDGER) continue;
      const t = table(i.table);
      if (i.primary) t.primaryKey = i.columns;
      else if (i.unique) t.unique.push(i.columns.join(','));
      else t.indexes.push(i.columns.join(','));
    }
    for (const f of fks.rows) {
      table(f.table).foreignKeys.push(
        `${f.columns.join(',')}->${f.ref}(${f.refcolumns.join(',')}) on delete ${PG_ON_DELETE[f.deltype] ?? f.deltype}`,
      );
    }
    for (const t of Object.values(shape)) {
      t.unique.sort();
      t.indexes.sort();
      t.foreignKeys.sort();
    }
    return shape;
  } finally {
    await client.end();
  }
}

type DmmfField = {
  name: string;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueIndexes: { fields: string[] }[];
};

/** What prisma/schema.prisma says the database must look like. */
export async function expectedShape(schemaPath = 'prisma/schema.prisma'): Promise<SchemaShape> {
  const source = readFileSync(schemaPath, 'utf8');
  const wasm = (await import('@prisma/prisma-schema-wasm')) as unknown as {
    get_dmmf: (params: string) => string;
  };
  const dmmf = JSON.parse(
    wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', source]] })),
  ) as {
    datamodel: { models: DmmfModel[] };
  };
  const modelBlocks = new Map(
    [...source.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  const shape: SchemaShape = {};
  const tableOf = (name: string) =>
    dmmf.datamodel.models.find((m) => m.name === name)?.dbName ?? name;
  for (const model of dmmf.datamodel.models) {
    const scalars = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    const plainIndexes = [
      ...(modelBlocks.get(model.name) ?? '').matchAll(/@@index\(\[([^\]]+)\]/g),
    ].map((m) =>
      (m[1] ?? '')
        .split(',')
        .map((s) => s.trim())
        .join(','),
    );
    shape[model.dbName ?? model.name] = {
      columns: Object.fromEntries(
        scalars.map((f) => [f.name, { type: f.type, required: f.isRequired }]),
      ),
      primaryKey: model.primaryKey?.fields ?? scalars.filter((f) => f.isId).map((f) => f.name),
      unique: [
        ...scalars.filter((f) => f.isUnique).map((f) => f.name),
        ...model.uniqueIndexes.map((u) => u.fields.join(',')),
      ].sort(),
      indexes: plainIndexes.sort(),
      foreignKeys: model.fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const from = f.relationFromFields ?? [];
          const required = from.every((name) => scalars.find((s) => s.name === name)?.isRequired);
          const onDelete = f.relationOnDelete
            ? f.relationOnDelete.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
            : required
              ? 'restrict'
              : 'set null';
          return `${from.join(',')}->${tableOf(f.type)}(${(f.relationToFields ?? []).join(',')}) on delete ${onDelete}`;
        })
        .sort(),
    };
  }
  return shape;
}
