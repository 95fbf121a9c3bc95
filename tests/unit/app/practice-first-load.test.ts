// What /practice's client entry imports statically, i.e. what its first load must carry
// (npm run bench -- pages counts it): the question form and the keyboard, not the ladder
// diagram, the trace parser, the engine or zod, which load with the first question.
// Follows value imports and re-exports through the project's own files; `import type`,
// dynamic import() and 'use server' modules (reference stubs in the browser) are not followed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/')
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return null;
}

/** Value imports of one file: local files resolved to paths, packages by specifier. */
function valueImports(file: string): { local: string[]; packages: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const local: string[] = [];
  const packages: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      specifier = statement.moduleSpecifier;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const name = specifier.text;
    if (name.startsWith('.') || name.startsWith('@/')) {
      const resolved = resolveLocal(file, name);
      if (resolved) local.push(resolved);
    } else {
      packages.push(name);
    }
  }
  return { local, packages };
}

function isServerActionModule(file: string): boolean {
  return /^\s*['"]use server['"]/.test(readFileSync(file, 'utf8'));
}

/** Every project file and package the entry reaches through static value imports. */
function staticGraph(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (isServerActionModule(file)) continue;
    const imports = valueImports(file);
    imports.packages.forEach((p) => packages.add(p));
    queue.push(...imports.local);
  }
  return { files: [...seen].map((f) => path.relative(ROOT, f)), packages };
}

describe("practice's first-load client code", () => {
  const graph = staticGraph('app/practice/page-client.tsx');

  it('includes the question form and the diagram loader', () => {
    expect(graph.files).toContain('app/practice/question-form.tsx');
    expect(graph.files).toContain('app/practice/lazy-question-trace.tsx');
  });

  it('leaves the diagram, the trace parser, the engine, the question generators and zod to later', () => {
    const heavy = graph.files.filter((f) =>
      /^(app\/_components\/ladder\/|app\/practice\/question-trace|lib\/(engine|trace-export|questions)\/)/.test(
        f,
      ),
    );
    // lib/questions/vocabulary is constants only; nothing on this path needs even that.
    expect(heavy).toEqual([]);
    expect([...graph.packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });
});
