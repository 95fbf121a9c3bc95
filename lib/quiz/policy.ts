// When a student may start, resume or review an attempt: the open and close window, the
// attempt limit, the server's timer and the review policy. Pure: `now` is a parameter.
import type { QuizStatus, ReviewWhen } from './settings';

export type QuizWindow = {
  status: QuizStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  attemptsAllowed: number;
  timeLimitSec: number | null;
};

export type AttemptSummary = {
  number: number;
  status: 'in_progress' | 'submitted';
  startedAt: Date;
  deadline: Date | null;
};

export type StartDecision =
  | { action: 'resume'; attempt: number }
  | { action: 'start'; attempt: number }
  | { action: 'refuse'; reason: 'draft' | 'not_open' | 'closed' | 'no_attempts_left' };

/** What opening the quiz does for this student now. An unfinished attempt always resumes. */
export function decideStart(
  quiz: QuizWindow,
  attempts: readonly AttemptSummary[],
  now: Date,
): StartDecision {
  if (quiz.status !== 'published') return { action: 'refuse', reason: 'draft' };
  const open = attempts.find((a) => a.status === 'in_progress');
  if (open && !isExpired(open, now)) return { action: 'resume', attempt: open.number };
  if (quiz.opensAt && now < quiz.opensAt) return { action: 'refuse', reason: 'not_open' };
  if (quiz.closesAt && now >= quiz.closesAt) return { action: 'refuse', reason: 'closed' };
  // An expired unfinished attempt is submitted by the caller before counting.
  const used = attempts.length;
  if (quiz.attemptsAllowed > 0 && used >= quiz.attemptsAllowed) {
    return { action: 'refuse', reason: 'no_attempts_left' };
  }
  const next = attempts.reduce((n, a) => Math.max(n, a.number), 0) + 1;
  return { action: 'start', attempt: next };
}

/** The server's deadline: the time limit from the start, cut short by the close time. */
export function deadlineFor(
  quiz: Pick<QuizWindow, 'timeLimitSec' | 'closesAt'>,
  startedAt: Date,
): Date | null {
  const byLimit =
    quiz.timeLimitSec === null ? null : startedAt.getTime() + quiz.timeLimitSec * 1000;
  const byClose = quiz.closesAt?.getTime() ?? null;
  if (byLimit === null && byClose === null) return null;
  if (byLimit === null) return new Date(byClose!);
  if (byClose === null) return new Date(byLimit);
  return new Date(Math.min(byLimit, byClose));
}

/**
 * Saves are accepted until the deadline plus a grace period that covers the network trip of
 * the last autosave (the browser stops sending at the deadline).
 */
export const SAVE_GRACE_MS = 5_000;

export function isExpired(
  attempt: Pick<AttemptSummary, 'deadline'>,
  now: Date,
  graceMs = 0,
): boolean {
  return attempt.deadline !== null && now.getTime() > attempt.deadline.getTime() + graceMs;
}

export function secondsLeft(attempt: Pick<AttemptSummary, 'deadline'>, now: Date): number | null {
  if (attempt.deadline === null) return null;
  return Math.max(0, Math.ceil((attempt.deadline.getTime() - now.getTime()) / 1000));
}

export type ReviewPolicy = {
  reviewWhen: ReviewWhen;
  reviewAnswers: boolean;
  reviewExplanation: boolean;
  closesAt: Date | null;
};

/** What a student sees of a submitted attempt. The score is always theirs to see. */
export type ReviewAccess = {
  /** Their own responses, marked right or wrong. */
  responses: boolean;
  /** The answer key. */
  answers: boolean;
  /** Explanations and the misconception a wrong answer reveals. */
  explanations: boolean;
};

const NOTHING: ReviewAccess = { responses: false, answers: false, explanations: false };

export function reviewAccess(
  policy: ReviewPolicy,
  attemptStatus: AttemptSummary['status'],
  now: Date,
): ReviewAccess {
  if (attemptStatus !== 'submitted') return NOTHING;
  const open =
    policy.reviewWhen === 'immediately' ||
    (policy.reviewWhen === 'after_close' && policy.closesAt !== null && now >= policy.closesAt);
  if (!open) return NOTHING;
  return { responses: true, answers: policy.reviewAnswers, explanations: policy.reviewExplanation };
}
