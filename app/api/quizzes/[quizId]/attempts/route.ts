// POST /api/quizzes/[quizId]/attempts: start an attempt, or resume the open one; replies with
// its id. The quiz page does the same through a server action; this JSON form serves scripts
// and the load test (lib/quiz-api/handlers.ts; in production the server calls the handler
// without this route, see lib/quiz-api/node.ts).
import { startAttempt } from '@/lib/quiz-api';

type Context = { params: Promise<{ quizId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  return startAttempt(request, (await context.params).quizId);
}
