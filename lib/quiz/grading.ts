// Scores: an attempt's points from its per-question fractions, and a student's quiz grade
// from their submitted attempts by the quiz's grading method.
import type { GradingMethod } from './settings';

export type GradedItem = { fraction: number | null; points: number };

/** Unanswered questions score 0. Rounded to 1e-6 so sums of thirds compare equal. */
export function attemptScore(items: readonly GradedItem[]): { score: number; max: number } {
  let score = 0;
  let max = 0;
  for (const item of items) {
    score += (item.fraction ?? 0) * item.points;
    max += item.points;
  }
  return { score: round(score), max: round(max) };
}

export type ScoredAttempt = { number: number; score: number; max: number };

/** The grade as a fraction 0..1 of the attempts' maximum, or null with no submitted attempt. */
export function quizGrade(
  attempts: readonly ScoredAttempt[],
  method: GradingMethod,
): number | null {
  if (attempts.length === 0) return null;
  const sorted = [...attempts].sort((a, b) => a.number - b.number);
  const ratio = (a: ScoredAttempt) => (a.max > 0 ? a.score / a.max : 0);
  switch (method) {
    case 'highest':
      return round(Math.max(...sorted.map(ratio)));
    case 'first':
      return round(ratio(sorted[0]!));
    case 'last':
      return round(ratio(sorted[sorted.length - 1]!));
    case 'average':
      return round(sorted.reduce((s, a) => s + ratio(a), 0) / sorted.length);
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
