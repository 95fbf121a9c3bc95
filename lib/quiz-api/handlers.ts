// The quiz API as plain Request → Response functions: starting an attempt, loading it,
// autosaving an answer, submitting. They read the session from the request itself, not from
// Next.js's request scope, so the same code runs as Next.js route handlers (app/api/…) and
// directly from the production server (lib/quiz-api/node.ts), where a class's autosaves skip
// the framework's routing.
import { sessionFromRequest } from '@/lib/auth/request-session';
import type { UserDto } from '@/lib/db';
import { attemptForStudent, saveResponse, startOrResume, submitOwnAttempt } from '@/lib/classroom';
import { rateLimitCounter } from '@/lib/security/rate-limit';
import { classroomErrorResponse, jsonError, readJson, refuseCrossSite } from './http';
import { MAX_BODY_BYTES, attemptIdSchema, localeSchema, saveBodySchema } from './schema';

export type QuizApiHandler = (request: Request, id: string) => Promise<Response>;

/**
 * Runs `body` with the request's user (null for none), and adds the renewed session cookie
 * to its answer when the session was due for renewal.
 */
async function withUser(
  request: Request,
  body: (user: UserDto | null) => Promise<Response>,
): Promise<Response> {
  const session = await sessionFromRequest(request);
  const response = await body(session.user);
  if (session.setCookie) response.headers.append('set-cookie', session.setCookie);
  return response;
}

/** POST /api/quizzes/[quizId]/attempts: start an attempt or resume the open one. */
export const startAttempt: QuizApiHandler = async (request, rawQuizId) => {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const quizId = attemptIdSchema.safeParse(rawQuizId);
  if (!quizId.success) return jsonError(404, 'not_found', 'no such quiz');
  return withUser(request, async (user) => {
    if (!user) return jsonError(401, 'unauthenticated', 'sign in first');
    try {
      const attemptId = await startOrResume(user, quizId.data, new Date());
      return Response.json({ attemptId });
    } catch (error) {
      return classroomErrorResponse(error);
    }
  });
};

/**
 * GET /api/attempts/[attemptId]: the questions without keys, the saved responses and the
 * server's seconds left. Sent as JSON rather than rendered into the page, because ten
 * questions with their traces are the heaviest thing a student asks for, all at once when a
 * class starts.
 */
export const loadAttempt: QuizApiHandler = async (request, rawAttemptId) => {
  const attemptId = attemptIdSchema.safeParse(rawAttemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  const locale = localeSchema.parse(new URL(request.url).searchParams.get('locale'));
  return withUser(request, async (user) => {
    if (!user) return jsonError(401, 'unauthenticated', 'sign in first');
    try {
      const view = await attemptForStudent(user, attemptId.data, locale, new Date());
      return Response.json(view, { headers: { 'cache-control': 'private, no-store' } });
    } catch (error) {
      return classroomErrorResponse(error);
    }
  });
};

/**
 * POST /api/attempts/[attemptId]/answers: the autosave of one answer. Replies with whether it
 * was stored (or a newer save already was) and the server's seconds left, to re-sync the timer.
 */
export const saveAnswer: QuizApiHandler = async (request, rawAttemptId) => {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const attemptId = attemptIdSchema.safeParse(rawAttemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = saveBodySchema.safeParse(body.value);
  if (!input.success) return jsonError(400, 'invalid', input.error.issues[0]?.message ?? 'invalid');
  return withUser(request, async (user) => {
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
  });
};

/**
 * POST /api/attempts/[attemptId]/submit: the student submits (or the page does at time-out).
 * Submitting twice, or after the server auto-submitted, answers with the attempt as it is.
 */
export const submitAttempt: QuizApiHandler = async (request, rawAttemptId) => {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const attemptId = attemptIdSchema.safeParse(rawAttemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  // The body carries nothing, but an oversized one is still refused unread.
  if (request.headers.get('content-length') !== '0' && request.body) {
    const body = await readJson(request, MAX_BODY_BYTES);
    if (!body.ok && body.response.status === 413) return body.response;
  }
  return withUser(request, async (user) => {
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
  });
};
