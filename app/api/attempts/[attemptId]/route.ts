// GET /api/attempts/[attemptId]: the attempt being taken, as the attempt page's script loads
// it (lib/quiz-api/handlers.ts; in production the server calls the handler without this
// route, see lib/quiz-api/node.ts).
import { loadAttempt } from '@/lib/quiz-api';

type Context = { params: Promise<{ attemptId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return loadAttempt(request, (await context.params).attemptId);
}
