// POST /api/attempts/[attemptId]/answers: the autosave of one answer. Replies with whether it
// was stored (or a newer save already was) and the server's seconds left, to re-sync the timer.
import { getCurrentUser } from '@/lib/auth';
import { saveResponse } from '@/lib/classroom';
import { rateLimitCounter } from '@/lib/security';
import { classroomErrorResponse, jsonError, readJson, refuseCrossSite } from '../../_lib/http';
import { MAX_BODY_BYTES, attemptIdSchema, saveBodySchema } from '../../_lib/schema';

type Context = { params: Promise<{ attemptId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const attemptId = attemptIdSchema.safeParse((await context.params).attemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = saveBodySchema.safeParse(body.value);
  if (!input.success) return jsonError(400, 'invalid', input.error.issues[0]?.message ?? 'invalid');
  const user = await getCurrentUser();
  if (!user) return jsonError(401, 'unauthenticated', 'sign in first');
  try {
    const result = await saveResponse(
      user,
      { attemptId: attemptId.data, ...input.data },
      new Date(),
      // Counted in the save's own transaction: one commit per autosave, not two.
      rateLimitCounter('answer-account', user.id),
    );
    if (result.status === 'rate_limited') {
      return jsonError(429, 'rate_limited', 'Too many saves; retrying shortly.', {
        headers: { 'retry-after': String(result.retryAfterSec) },
      });
    }
    return Response.json(result);
  } catch (error) {
    return classroomErrorResponse(error);
  }
}
