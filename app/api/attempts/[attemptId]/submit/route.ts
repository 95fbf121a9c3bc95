// POST /api/attempts/[attemptId]/submit: the student submits (or the page does at time-out).
// Submitting twice, or after the server auto-submitted, answers with the attempt as it is.
import { getCurrentUser } from '@/lib/auth';
import { submitOwnAttempt } from '@/lib/classroom';
import { classroomErrorResponse, jsonError, readJson, refuseCrossSite } from '../../_lib/http';
import { MAX_BODY_BYTES, attemptIdSchema } from '../../_lib/schema';

type Context = { params: Promise<{ attemptId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const attemptId = attemptIdSchema.safeParse((await context.params).attemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  // The body carries nothing, but an oversized one is still refused unread.
  if (request.headers.get('content-length') !== '0' && request.body) {
    const body = await readJson(request, MAX_BODY_BYTES);
    if (!body.ok && body.response.status === 413) return body.response;
  }
  const user = await getCurrentUser();
  try {
    const attempt = await submitOwnAttempt(user, attemptId.data, new Date());
    return Response.json({
      status: attempt.status,
      submitKind: attempt.submitKind,
      score: attempt.score,
      maxScore: attempt.maxScore,
      reviewUrl: `/quizzes/attempts/${attempt.id}/review`,
    });
  } catch (error) {
    return classroomErrorResponse(error);
  }
}
