// The namespaces each part of the app sends to the browser are exactly those its components
// read with useTranslations, found by following imports from the part's files. A component
// added to a part with a new namespace fails here instead of showing raw keys in the browser.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT_CLIENT_NAMESPACES, SEGMENT_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n';

const ROOT = process.cwd();
const SOURCE = /\.(ts|tsx)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
const USE_TRANSLATIONS = /useTranslations\(\s*(?:'([^']*)'|"([^"]*)")?\s*\)/g;

/** Every top-level namespace read with useTranslations in the files reachable from `entries`. */
function namespacesReachedFrom(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  const found = new Set<string>();
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(USE_TRANSLATIONS)) {
      const ns = m[1] ?? m[2];
      // useTranslations() with no namespace would need the whole catalogue.
      found.add(ns ? ns.split('.')[0]! : '*');
    }
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, m[1]!);
      if (target) stack.push(target);
    }
  }
  return [...found].sort();
}

const segments = readdirSync(path.join(ROOT, 'app')).filter(
  (name) =>
    statSync(path.join(ROOT, 'app', name)).isDirectory() && !name.startsWith('_') && name !== 'api',
);

describe('messages sent to the browser', () => {
  test('the root sends what the root layout, landing, error and not-found pages read', () => {
    const entries = ['layout.tsx', 'page.tsx', 'error.tsx', 'not-found.tsx'].map((f) =>
      path.join(ROOT, 'app', f),
    );
    expect([...ROOT_CLIENT_NAMESPACES].sort()).toEqual(namespacesReachedFrom(entries));
  });

  test.each(segments)('app/%s sends exactly the namespaces its components read', (segment) => {
    const needed = namespacesReachedFrom(filesUnder(path.join(ROOT, 'app', segment)));
    const own = (SEGMENT_CLIENT_NAMESPACES as Record<string, readonly string[]>)[segment];
    if (own) {
      expect([...own].sort()).toEqual(needed);
      // The list only takes effect through the segment's layout.
      const layout = readFileSync(path.join(ROOT, 'app', segment, 'layout.tsx'), 'utf8');
      expect(layout).toContain(`<ClientMessages segment="${segment}">`);
    } else {
      // Without its own layout a part gets the root's messages, which must then suffice.
      expect(needed.filter((ns) => !ROOT_CLIENT_NAMESPACES.includes(ns as never))).toEqual([]);
    }
  });

  test('every listed part exists', () => {
    expect(Object.keys(SEGMENT_CLIENT_NAMESPACES).filter((s) => !segments.includes(s))).toEqual([]);
  });

  test('pickMessages keeps the named namespaces and invents none', () => {
    const messages = { a: { x: '1' }, b: { y: '2' }, c: {} };
    expect(pickMessages(messages, ['a', 'c', 'missing'])).toEqual({ a: { x: '1' }, c: {} });
    expect(pickMessages(messages, [])).toEqual({});
  });
});
