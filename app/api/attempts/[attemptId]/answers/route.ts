// POST /api/attempts/[attemptId]/answers: the autosave of one answer (lib/quiz-api/handlers.ts;
// in production the server calls the handler without this route, see lib/quiz-api/node.ts).
import { saveAnswer } from '@/lib/quiz-api';

type Context = { params: Promise<{ attemptId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  return saveAnswer(request, (await context.params).attemptId);
}
