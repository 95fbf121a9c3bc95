// Taking a quiz: start or resume an attempt, save answers as they are entered, submit (by the
// student or when the server's timer runs out), and review within the quiz's review policy.
import 'server-only';
import {
  AttemptExistsError,
  createAttempt,
  findAttempt,
  listAttempts,
  saveAnswer,
  submitAttempt,
  type AttemptDto,
  type AttemptWithAnswers,
  type QuizDto,
  type SaveLimit,
  type UserDto,
} from '@/lib/db';
import {
  SAVE_GRACE_MS,
  deadlineFor,
  decideStart,
  isExpired,
  reviewAccess,
  secondsLeft,
  type ReviewAccess,
} from '@/lib/quiz';
import {
  MISCONCEPTION_IDS,
  describeMisconception,
  type MisconceptionId,
  toPublicQuestion,
  type Answer,
  type Locale,
  type PublicQuestion,
} from '@/lib/questions';
import {
  ownAttempt,
  ownAttemptHeader,
  requireAttemptReach,
  requireReach,
  requireSignedIn,
  takeableQuiz,
} from './access';
import { ClassroomError } from './errors';
import {
  checkResponse,
  graderFor,
  gradingQuestionFor,
  parseLayout,
  pointsOf,
  questionFor,
} from './questions';
import { planVariant } from './variants';

/** Auto-submits an attempt whose deadline has passed; returns it as it now is. */
export async function finalizeIfExpired(
  attempt: AttemptDto,
  quiz: QuizDto,
  now: Date,
): Promise<AttemptDto> {
  if (attempt.status !== 'in_progress' || !isExpired(attempt, now)) return attempt;
  const layout = parseLayout(attempt.layout);
  const result = await submitAttempt({
    attemptId: attempt.id,
    // The attempt ended at its deadline, not when someone noticed.
    now: attempt.deadline ?? now,
    kind: 'auto',
    grade: graderFor(layout),
    points: pointsOf(layout, quiz),
  });
  return result.attempt;
}

export type QuizStatusForStudent = {
  quiz: QuizDto;
  attempts: AttemptDto[];
  decision: ReturnType<typeof decideStart>;
};

/** What the quiz page shows a student before they start. */
export async function quizForStudent(
  user: UserDto | null,
  quizId: string,
  now: Date,
): Promise<QuizStatusForStudent> {
  const { user: u, quiz } = await takeableQuiz(user, quizId);
  const attempts = await Promise.all(
    (await listAttempts(quiz.id, u.id)).map((a) => finalizeIfExpired(a, quiz, now)),
  );
  return { quiz, attempts, decision: decideStart(quiz, attempts, now) };
}

/** Starts a new attempt or resumes the open one; returns the attempt id. */
export async function startOrResume(
  user: UserDto | null,
  quizId: string,
  now: Date,
): Promise<string> {
  const u = requireSignedIn(user);
  const { quiz, attempts, decision } = await quizForStudent(u, quizId, now);
  if (decision.action === 'refuse') {
    throw new ClassroomError('refused', decision.reason, decision.reason);
  }
  if (decision.action === 'resume') return attempts.find((a) => a.number === decision.attempt)!.id;
  if (quiz.slots.length === 0) throw new ClassroomError('refused', 'empty', 'empty');
  const layout = planVariant(
    { quizId: quiz.id, userId: u.id, attempt: decision.attempt },
    quiz.slots,
    quiz.shuffle,
  );
  const points = pointsOf(layout, quiz);
  try {
    const attempt = await createAttempt({
      quizId: quiz.id,
      userId: u.id,
      number: decision.attempt,
      layout: JSON.stringify(layout),
      startedAt: now,
      deadline: deadlineFor(quiz, now),
      maxScore: points.reduce((s, p) => s + p, 0),
    });
    return attempt.id;
  } catch (error) {
    // Another tab started the same attempt a moment earlier: continue in it.
    if (!(error instanceof AttemptExistsError)) throw error;
    const again = await listAttempts(quiz.id, u.id);
    const open = again.find((a) => a.number === decision.attempt);
    if (!open) throw error;
    return open.id;
  }
}

export type AttemptQuestion = {
  position: number;
  points: number;
  question: PublicQuestion;
  /** The saved response, if any. */
  response: unknown;
};

export type AttemptView = {
  attemptId: string;
  quizId: string;
  title: string;
  number: number;
  status: AttemptDto['status'];
  /** Seconds left on the server's timer, null when untimed. */
  secondsLeft: number | null;
  questions: AttemptQuestion[];
};

/**
 * Whether the student's attempt is still being taken, and the quiz's title, for the attempt
 * page's shell (the questions follow as JSON); submits it if its time ran out.
 */
export async function attemptStatusForStudent(
  user: UserDto | null,
  attemptId: string,
  now: Date,
): Promise<{ status: AttemptDto['status']; title: string }> {
  const { attempt, quiz, reach } = await ownAttemptHeader(user, attemptId);
  const current = await finalizeIfExpired(attempt, quiz, now);
  requireAttemptReach(current, reach);
  return { status: current.status, title: quiz.title };
}

/** The attempt as the student takes it: questions without keys, their saved responses. */
export async function attemptForStudent(
  user: UserDto | null,
  attemptId: string,
  locale: Locale,
  now: Date,
): Promise<AttemptView> {
  const { attempt: found, quiz, reach } = await ownAttempt(user, attemptId);
  const attempt = await finalizeIfExpired(found, quiz, now);
  requireAttemptReach(attempt, reach);
  const layout = parseLayout(attempt.layout);
  const points = pointsOf(layout, quiz);
  const saved = new Map(found.answers.map((a) => [a.position, a.response]));
  return {
    attemptId: attempt.id,
    quizId: quiz.id,
    title: quiz.title,
    number: attempt.number,
    status: attempt.status,
    secondsLeft: attempt.status === 'in_progress' ? secondsLeft(attempt, now) : 0,
    questions:
      attempt.status === 'in_progress'
        ? layout.map((item, position) => ({
            position,
            points: points[position]!,
            question: toPublicQuestion(questionFor(item, locale)),
            response: saved.get(position) ?? null,
          }))
        : [],
  };
}

/**
 * Saves one answer. A response of the wrong shape is refused with the grader's message and
 * nothing is written; after the deadline (plus grace) the save is refused and the attempt
 * is submitted with what was saved before. `limit` is the caller's rate limit on saves,
 * counted in the same transaction.
 */
export async function saveResponse(
  user: UserDto | null,
  input: { attemptId: string; position: number; response: unknown; clientRev: number },
  now: Date,
  limit?: SaveLimit,
): Promise<
  | { status: 'saved' | 'superseded'; secondsLeft: number | null }
  | { status: 'rate_limited'; retryAfterSec: number }
> {
  const u = requireSignedIn(user);
  const result = await saveAnswer({
    attemptId: input.attemptId,
    userId: u.id,
    position: input.position,
    response: input.response,
    clientRev: input.clientRev,
    now,
    limit,
    admit: (attempt, facts) => {
      requireReach(facts, 'take', 'attempt');
      const item = parseLayout(attempt.layout)[input.position];
      if (!item) throw new ClassroomError('invalid', 'no such question in this attempt');
      // null clears the answer (it then scores 0); anything else must fit the question.
      if (input.response !== null) checkResponse(gradingQuestionFor(item), input.response);
      return {
        acceptUntil: attempt.deadline ? new Date(attempt.deadline.getTime() + SAVE_GRACE_MS) : null,
      };
    },
  });
  switch (result.status) {
    case 'missing':
      throw new ClassroomError('not_found', 'no such attempt');
    case 'rate_limited':
      return result;
    case 'closed': {
      // Submitted, or past its deadline: said only to a student who may still see it.
      const { quiz } = await ownAttemptHeader(u, input.attemptId);
      await finalizeIfExpired(result.attempt, quiz, now);
      throw new ClassroomError('closed', 'time is up: your earlier answers were submitted');
    }
    default:
      return { status: result.status, secondsLeft: secondsLeft(result.attempt, now) };
  }
}

export async function submitOwnAttempt(
  user: UserDto | null,
  attemptId: string,
  now: Date,
): Promise<AttemptDto> {
  const { attempt, quiz, reach } = await ownAttempt(user, attemptId);
  if (attempt.status === 'submitted') return attempt;
  if (isExpired(attempt, now)) return finalizeIfExpired(attempt, quiz, now);
  requireAttemptReach(attempt, reach);
  const layout = parseLayout(attempt.layout);
  const result = await submitAttempt({
    attemptId,
    now,
    kind: 'student',
    grade: graderFor(layout),
    points: pointsOf(layout, quiz),
  });
  return result.attempt;
}

export type ReviewedQuestion = {
  position: number;
  points: number;
  question: PublicQuestion;
  response: unknown;
  /** 0..1, null when the responses may not be shown. */
  fraction: number | null;
  answer: Answer | null;
  explanation: string | null;
  misconception: string | null;
};

export type AttemptReview = {
  attempt: AttemptDto;
  quizTitle: string;
  /** When review opens, for a page that must say so while access is closed. */
  policy: Pick<QuizDto, 'reviewWhen' | 'closesAt' | 'reviewAnswers' | 'reviewExplanation'>;
  access: ReviewAccess;
  questions: ReviewedQuestion[];
};

/** What the review policy lets a student see of an attempt (or everything, for its instructor). */
export function reviewOf(
  attempt: AttemptWithAnswers,
  quiz: QuizDto,
  access: ReviewAccess,
  locale: Locale,
): AttemptReview {
  const layout = parseLayout(attempt.layout);
  const points = pointsOf(layout, quiz);
  const answers = new Map(attempt.answers.map((a) => [a.position, a]));
  const questions = access.responses
    ? layout.map((item, position) => {
        const full = questionFor(item, locale);
        const saved = answers.get(position);
        const misconception = saved?.misconception ?? null;
        return {
          position,
          points: points[position]!,
          question: toPublicQuestion(full),
          response: saved?.response ?? null,
          fraction: saved ? (saved.fraction ?? 0) : 0,
          answer: access.answers ? full.answer : null,
          explanation: access.explanations ? full.explanation : null,
          misconception:
            access.explanations && misconception !== null && isMisconception(misconception)
              ? describeMisconception(misconception, locale)
              : null,
        };
      })
    : [];
  const { reviewWhen, closesAt, reviewAnswers, reviewExplanation } = quiz;
  return {
    attempt,
    quizTitle: quiz.title,
    policy: { reviewWhen, closesAt, reviewAnswers, reviewExplanation },
    access,
    questions,
  };
}

export async function reviewOwnAttempt(
  user: UserDto | null,
  attemptId: string,
  locale: Locale,
  now: Date,
): Promise<AttemptReview> {
  const { attempt, quiz } = await ownAttempt(user, attemptId);
  const current = await finalizeIfExpired(attempt, quiz, now);
  // Grading just happened: read the graded answers back.
  const graded = current.status === attempt.status ? attempt : await findAttempt(attemptId);
  if (!graded) throw new ClassroomError('not_found', 'no such attempt');
  return reviewOf(graded, quiz, reviewAccess(quiz, graded.status, now), locale);
}

function isMisconception(id: string): id is MisconceptionId {
  return (MISCONCEPTION_IDS as readonly string[]).includes(id);
}
