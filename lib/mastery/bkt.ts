// Per-topic mastery by Bayesian knowledge tracing (Corbett & Anderson 1995): the probability
// that the learner knows a topic, updated by Bayes' rule after each graded answer.
//
// Why BKT rather than an exponentially weighted accuracy: it separates a lucky guess on a
// four-option question from a computed sequence number (the guess rate differs by kind), it
// needs no window length, and its four parameters each mean something a teacher can argue with.

/** The four BKT parameters. slip + guess < 1 keeps a correct answer evidence of knowing. */
export interface BktParams {
  /** P(L0): probability the topic is known before any answer. */
  prior: number;
  /** P(T): probability of learning the topic from one practised question and its explanation. */
  learn: number;
  /** P(S): probability of a wrong answer although the topic is known (a slip). */
  slip: number;
  /** P(G): probability of a right answer although the topic is not known (a guess). */
  guess: number;
}

/**
 * Defaults from the ranges the BKT literature fits (Baker et al. 2008: slip ≤ 0.1–0.3, guess
 * ≤ 0.3): a low prior because most learners arrive not knowing Linux's details, learn 0.15
 * because every answer is followed by a worked explanation, slip 0.1 for arithmetic on
 * sequence numbers. `guess` is replaced per question by guessFor().
 */
export const BKT_DEFAULTS: Readonly<BktParams> = {
  prior: 0.2,
  learn: 0.15,
  slip: 0.1,
  guess: 0.2,
};

/** Mastery at or above this counts as mastered (the usual BKT threshold). */
export const MASTERED = 0.95;

export type AnswerKind = 'choice' | 'multi' | 'numeric' | 'fields' | 'order';

/**
 * The chance of answering right without knowing: one option in n for a single choice (capped
 * at 0.3 so a two-option question still counts as evidence), little for anything typed or
 * ordered, where guessing the exact answer is unlikely.
 */
export function guessFor(kind: AnswerKind, optionCount = 4): number {
  switch (kind) {
    case 'choice':
      return Math.min(0.3, 1 / Math.max(2, optionCount));
    case 'multi':
      return 0.1;
    case 'numeric':
    case 'fields':
    case 'order':
      return 0.05;
  }
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Mastery after one answer. `score` is 0..1: a partly right answer (fields, multi, order)
 * weighs the posterior after a right and after a wrong answer by the score, so more credit
 * never means less mastery. The learning transition follows the observation, as in BKT.
 *
 * @example updateMastery(0.2, 1) // 0.6 with the defaults
 */
export function updateMastery(
  known: number,
  score: number,
  params: Partial<BktParams> = {},
): number {
  const { learn, slip, guess } = { ...BKT_DEFAULTS, ...params };
  const p = clamp01(known);
  const s = clamp01(score);
  const ifRight = (p * (1 - slip)) / (p * (1 - slip) + (1 - p) * guess);
  const ifWrong = (p * slip) / (p * slip + (1 - p) * (1 - guess));
  // 0/0 only when p is exactly 0 or 1 and a parameter is 0; p is then unchanged by evidence.
  const posterior =
    s * (Number.isFinite(ifRight) ? ifRight : p) +
    (1 - s) * (Number.isFinite(ifWrong) ? ifWrong : p);
  return clamp01(posterior + (1 - posterior) * learn);
}

/** Probability the next answer on the topic is right: P(L)(1 − S) + (1 − P(L))G. */
export function predictCorrect(known: number, params: Partial<BktParams> = {}): number {
  const { slip, guess } = { ...BKT_DEFAULTS, ...params };
  const p = clamp01(known);
  return p * (1 - slip) + (1 - p) * guess;
}
