// The quiz API's routing: which requests the production server answers directly, that each
// has an app/api route file calling the same handler (what `next dev` serves), and that each
// sits in the admission line of a quiz under way or starting.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  loadAttempt,
  matchQuizApi,
  saveAnswer,
  startAttempt,
  submitAttempt,
  type QuizApiHandler,
} from '@/lib/quiz-api';
import { priorityOf } from '../../../scripts/server/admission.mjs';

const ROUTES: [method: string, url: string, handler: QuizApiHandler, id: string, file: string][] = [
  [
    'POST',
    '/api/attempts/a1/answers',
    saveAnswer,
    'a1',
    'app/api/attempts/[attemptId]/answers/route.ts',
  ],
  [
    'POST',
    '/api/attempts/a1/submit',
    submitAttempt,
    'a1',
    'app/api/attempts/[attemptId]/submit/route.ts',
  ],
  ['GET', '/api/attempts/a1?locale=zh', loadAttempt, 'a1', 'app/api/attempts/[attemptId]/route.ts'],
  [
    'POST',
    '/api/quizzes/q9/attempts',
    startAttempt,
    'q9',
    'app/api/quizzes/[quizId]/attempts/route.ts',
  ],
];

describe('matchQuizApi', () => {
  test.each(ROUTES)('%s %s → its handler and id', (method, url, handler, id) => {
    expect(matchQuizApi(method, url)).toEqual({ handler, id });
  });

  test('path segments are decoded as Next.js decodes them', () => {
    expect(matchQuizApi('POST', '/api/attempts/a%20b/answers')?.id).toBe('a b');
    expect(matchQuizApi('POST', '/api/attempts/a%2Fb/answers')?.id).toBe('a/b');
  });

  test.each([
    ['GET', '/api/attempts/a1/answers', 'another method'],
    ['PUT', '/api/attempts/a1', 'another method'],
    ['HEAD', '/api/attempts/a1', 'HEAD is left to Next.js'],
    ['POST', '/api/attempts/a1/answers/', 'a trailing slash (Next.js redirects it)'],
    ['POST', '/api/attempts//answers', 'an empty id'],
    ['POST', '/api/attempts/a1/b/answers', 'an extra segment'],
    ['POST', '/api/attempts/%E0%A4%A/answers', 'a malformed escape'],
    ['GET', '/api/auth/csrf', 'another API'],
    ['GET', '/quizzes/attempts/a1', 'a page'],
    ['GET', undefined, 'no URL'],
  ] as [string, string | undefined, string][])('%s %s is left to Next.js (%s)', (method, url) => {
    expect(matchQuizApi(method, url)).toBeNull();
  });

  test.each(ROUTES)(
    '%s %s has a route file that calls the same handler',
    (method, _url, handler, _id, file) => {
      const source = readFileSync(file, 'utf8');
      expect(source).toContain(`export async function ${method}(`);
      expect(source).toMatch(new RegExp(`import \\{ ${handler.name} \\} from '@/lib/quiz-api';`));
      expect(source).toContain(`return ${handler.name}(request, (await context.params).`);
    },
  );

  test.each(ROUTES)('%s %s waits in the line of a quiz under way or starting', (method, url) => {
    expect(priorityOf(method, url, () => undefined)).toBeLessThan(2);
  });
});
