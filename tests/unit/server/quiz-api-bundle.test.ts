// The bundle the production server loads for the quiz API: it builds, keeps npm packages as
// imports (none of them Next.js's or React's, which need a request scope it does not have),
// and answers route lookups like the source.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import type * as QuizApiNode from '@/lib/quiz-api/node';
import { buildQuizApi } from '../../../scripts/server/quiz-api-bundle.mjs';

const root = process.cwd();
// Inside the project, so the bundle's package imports resolve from its node_modules.
const outfile = path.join(root, '.cache', 'test-bundle', `quiz-api-${process.pid}.mjs`);

afterAll(() => rmSync(path.dirname(outfile), { recursive: true, force: true }));

test('builds with only server packages as imports, and routes like the source', async () => {
  const imports = await buildQuizApi(root, outfile);
  expect(imports.filter((i) => /^(next|next-intl|react|react-dom)(\/|$)/.test(i))).toEqual([]);
  expect(imports).toEqual(expect.arrayContaining(['@prisma/client/runtime/client', 'zod']));
  const bundle = (await import(pathToFileURL(outfile).href)) as typeof QuizApiNode;
  expect(bundle.matchQuizApi('POST', '/api/attempts/a1/answers')?.id).toBe('a1');
  expect(bundle.matchQuizApi('GET', '/quizzes')).toBeNull();
  expect(typeof bundle.serveQuizApi).toBe('function');
}, 60_000);
