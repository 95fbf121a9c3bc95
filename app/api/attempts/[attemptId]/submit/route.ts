// POST /api/attempts/[attemptId]/submit: the student submits (lib/quiz-api/handlers.ts; in
// production the server calls the handler without this route, see lib/quiz-api/node.ts).
import { submitAttempt } from '@/lib/quiz-api';

type Context = { params: Promise<{ attemptId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  return submitAttempt(request, (await context.params).attemptId);
}
