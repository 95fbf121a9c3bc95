// The attempt rules: when a student may start or resume, the server's deadline, expiry with
// its grace period, and what the review policy shows when.
import { describe, expect, test } from 'vitest';
import {
  SAVE_GRACE_MS,
  deadlineFor,
  decideStart,
  isExpired,
  reviewAccess,
  secondsLeft,
  type AttemptSummary,
  type QuizWindow,
  type ReviewAccess,
  type ReviewPolicy,
  type ReviewWhen,
  type StartDecision,
} from '@/lib/quiz';

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);
const OPENS = at('09:00:00');
const CLOSES = at('17:00:00');

const quiz: QuizWindow = {
  status: 'published',
  opensAt: OPENS,
  closesAt: CLOSES,
  attemptsAllowed: 2,
  timeLimitSec: 1800,
};

const submitted = (number: number): AttemptSummary => ({
  number,
  status: 'submitted',
  startedAt: at('10:00:00'),
  deadline: at('10:30:00'),
});
const running = (number: number, deadline: Date | null): AttemptSummary => ({
  number,
  status: 'in_progress',
  startedAt: at('12:00:00'),
  deadline,
});

describe('decideStart', () => {
  test.each<[string, Partial<QuizWindow>, AttemptSummary[], Date, StartDecision]>([
    ['a draft is refused', { status: 'draft' }, [], at('12:00:00'), refuse('draft')],
    [
      'a draft is refused even with an attempt running',
      { status: 'draft' },
      [running(1, at('12:30:00'))],
      at('12:10:00'),
      refuse('draft'),
    ],
    ['before opening is refused', {}, [], at('08:59:59'), refuse('not_open')],
    ['at the opening instant starts', {}, [], OPENS, { action: 'start', attempt: 1 }],
    ['while open starts attempt 1', {}, [], at('12:00:00'), { action: 'start', attempt: 1 }],
    ['at the closing instant is refused', {}, [], CLOSES, refuse('closed')],
    ['after closing is refused', {}, [], at('18:00:00'), refuse('closed')],
    [
      'no open or close time: always open',
      { opensAt: null, closesAt: null },
      [],
      new Date('2030-01-01T00:00:00Z'),
      { action: 'start', attempt: 1 },
    ],
    [
      'one attempt used of two starts attempt 2',
      {},
      [submitted(1)],
      at('12:00:00'),
      { action: 'start', attempt: 2 },
    ],
    [
      'all attempts used is refused',
      {},
      [submitted(1), submitted(2)],
      at('12:00:00'),
      refuse('no_attempts_left'),
    ],
    [
      'unlimited attempts (0) starts the next one after many',
      { attemptsAllowed: 0 },
      [1, 2, 3, 4, 5, 6, 7].map(submitted),
      at('12:00:00'),
      { action: 'start', attempt: 8 },
    ],
    [
      'an in-progress attempt resumes',
      {},
      [submitted(1), running(2, at('12:30:00'))],
      at('12:10:00'),
      { action: 'resume', attempt: 2 },
    ],
    [
      'an in-progress attempt resumes even when the limit is reached',
      { attemptsAllowed: 1 },
      [running(1, at('12:30:00'))],
      at('12:29:59'),
      { action: 'resume', attempt: 1 },
    ],
    [
      'an untimed in-progress attempt resumes',
      { closesAt: null, timeLimitSec: null },
      [running(1, null)],
      new Date('2030-01-01T00:00:00Z'),
      { action: 'resume', attempt: 1 },
    ],
    [
      'an expired in-progress attempt counts as used',
      { attemptsAllowed: 1 },
      [running(1, at('12:30:00'))],
      at('12:31:00'),
      refuse('no_attempts_left'),
    ],
    [
      'an expired in-progress attempt is not resumed: the next one starts',
      {},
      [running(1, at('12:30:00'))],
      at('12:31:00'),
      { action: 'start', attempt: 2 },
    ],
    [
      'an expired in-progress attempt after closing: closed',
      {},
      [running(1, CLOSES)],
      at('17:00:01'),
      refuse('closed'),
    ],
    [
      'the next number follows the highest, not the count',
      { attemptsAllowed: 0 },
      [submitted(1), submitted(3)],
      at('12:00:00'),
      { action: 'start', attempt: 4 },
    ],
  ])('%s', (_name, change, attempts, now, expected) => {
    expect(decideStart({ ...quiz, ...change }, attempts, now)).toEqual(expected);
  });

  function refuse(reason: 'draft' | 'not_open' | 'closed' | 'no_attempts_left'): StartDecision {
    return { action: 'refuse', reason };
  }
});

describe('deadlineFor', () => {
  test.each<[string, number | null, Date | null, Date, Date | null]>([
    ['untimed and never closing: none', null, null, at('12:00:00'), null],
    ['timed, never closing: start + limit', 1800, null, at('12:00:00'), at('12:30:00')],
    ['untimed: the close time', null, CLOSES, at('12:00:00'), CLOSES],
    ['limit ends before close: start + limit', 1800, CLOSES, at('12:00:00'), at('12:30:00')],
    ['limit would run past close: cut at close', 1800, CLOSES, at('16:45:00'), CLOSES],
    ['limit ends exactly at close', 1800, CLOSES, at('16:30:00'), CLOSES],
    ['a week-long limit', 7 * 24 * 3600, null, at('12:00:00'), new Date('2026-03-08T12:00:00Z')],
  ])('%s', (_name, timeLimitSec, closesAt, start, expected) => {
    expect(deadlineFor({ timeLimitSec, closesAt }, start)).toEqual(expected);
  });
});

describe('isExpired and secondsLeft', () => {
  const attempt = { deadline: at('12:30:00') };
  test.each<[string, Date, number, boolean]>([
    ['before the deadline', at('12:29:59'), 0, false],
    ['at the deadline', at('12:30:00'), 0, false],
    ['a millisecond after the deadline', new Date(at('12:30:00').getTime() + 1), 0, true],
    ['within the grace period', at('12:30:05'), SAVE_GRACE_MS, false],
    ['after the grace period', new Date(at('12:30:05').getTime() + 1), SAVE_GRACE_MS, true],
  ])('%s', (_name, now, grace, expected) => {
    expect(isExpired(attempt, now, grace)).toBe(expected);
  });

  test('an attempt without a deadline never expires', () => {
    expect(isExpired({ deadline: null }, new Date('2099-01-01T00:00:00Z'))).toBe(false);
    expect(secondsLeft({ deadline: null }, at('12:00:00'))).toBeNull();
  });

  test.each<[Date, number]>([
    [at('12:00:00'), 1800],
    [new Date(at('12:29:58').getTime() + 1), 2],
    [at('12:30:00'), 0],
    [at('13:00:00'), 0],
  ])('secondsLeft at %s is %i (rounded up, never negative)', (now, expected) => {
    expect(secondsLeft(attempt, now)).toBe(expected);
  });
});

describe('reviewAccess', () => {
  const NOTHING: ReviewAccess = { responses: false, answers: false, explanations: false };
  const before = at('16:00:00');
  const after = at('17:00:00');
  const flags = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const;

  type Row = [ReviewWhen, Date | null, Date, boolean];
  const windows: Row[] = [
    ['immediately', CLOSES, before, true],
    ['immediately', null, before, true],
    ['after_close', CLOSES, before, false],
    ['after_close', CLOSES, after, true],
    ['after_close', CLOSES, at('23:00:00'), true],
    // With no close time the quiz never closes, so "after close" never comes (as in Moodle).
    ['after_close', null, at('23:00:00'), false],
    ['never', CLOSES, after, false],
    ['never', null, after, false],
  ];
  const rows = windows.flatMap(([when, closesAt, now, open]) =>
    flags.map(([answers, explanations]) => [when, closesAt, now, open, answers, explanations]),
  ) as [ReviewWhen, Date | null, Date, boolean, boolean, boolean][];

  test.each(rows)(
    'reviewWhen %s, closes %s, at %s: open=%s (answers %s, explanations %s)',
    (when, closesAt, now, open, answers, explanations) => {
      const policy: ReviewPolicy = {
        reviewWhen: when,
        reviewAnswers: answers,
        reviewExplanation: explanations,
        closesAt,
      };
      expect(reviewAccess(policy, 'submitted', now)).toEqual(
        open ? { responses: true, answers, explanations } : NOTHING,
      );
      // An attempt in progress never gets a review, whatever the policy.
      expect(reviewAccess(policy, 'in_progress', now)).toEqual(NOTHING);
    },
  );
});
