// POST /api/quizzes/[quizId]/attempts: start an attempt, or resume the open one, for the
// signed-in student; replies with its id. The quiz page does the same through a server
// action; this JSON form serves scripts and the load test.
import { getCurrentUser } from '@/lib/auth';
import { startOrResume } from '@/lib/classroom';
import { classroomErrorResponse, jsonError, refuseCrossSite } from '../../../attempts/_lib/http';
import { attemptIdSchema } from '../../../attempts/_lib/schema';

type Context = { params: Promise<{ quizId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const quizId = attemptIdSchema.safeParse((await context.params).quizId);
  if (!quizId.success) return jsonError(404, 'not_found', 'no such quiz');
  const user = await getCurrentUser();
  if (!user) return jsonError(401, 'unauthenticated', 'sign in first');
  try {
    const attemptId = await startOrResume(user, quizId.data, new Date());
    return Response.json({ attemptId });
  } catch (error) {
    return classroomErrorResponse(error);
  }
}
