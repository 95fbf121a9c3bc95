// Which quiz API handler a method and path name: the table the production server dispatches
// on. Next.js routes the same paths to app/api/…/route.ts, which call the same handlers.
import {
  loadAttempt,
  saveAnswer,
  startAttempt,
  submitAttempt,
  type QuizApiHandler,
} from './handlers';

const ROUTES: readonly { method: string; path: RegExp; handler: QuizApiHandler }[] = [
  { method: 'POST', path: /^\/api\/attempts\/([^/]+)\/answers$/, handler: saveAnswer },
  { method: 'POST', path: /^\/api\/attempts\/([^/]+)\/submit$/, handler: submitAttempt },
  { method: 'GET', path: /^\/api\/attempts\/([^/]+)$/, handler: loadAttempt },
  { method: 'POST', path: /^\/api\/quizzes\/([^/]+)\/attempts$/, handler: startAttempt },
];

export type QuizApiRoute = { handler: QuizApiHandler; id: string };

/**
 * The route for a request line, or null for anything else (another path, another method, a
 * malformed escape): Next.js then answers it as it would have (404, 405, 400…).
 */
export function matchQuizApi(
  method: string | undefined,
  url: string | undefined,
): QuizApiRoute | null {
  if (!url?.startsWith('/api/')) return null;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (!match) continue;
    try {
      return { handler: route.handler, id: decodeURIComponent(match[1]!) };
    } catch {
      return null;
    }
  }
  return null;
}
