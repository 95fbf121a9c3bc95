// Moodle accepts only a fixed list of answer grades on import (question_bank::fraction_options);
// this picks the listed grade for "one of n right options" so a multi question imports cleanly.

/** Moodle's grade options in percent, as its own exports write them. */
export const MOODLE_FRACTIONS: readonly number[] = [
  100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
  12.5, 11.11111, 10, 5, 0,
];

/** The listed grade nearest to 100 / n (exact for n = 1…10, which covers every template). */
export function shareOf(n: number): number {
  const target = 100 / Math.max(1, n);
  let best = MOODLE_FRACTIONS[0] ?? 100;
  for (const f of MOODLE_FRACTIONS) if (Math.abs(f - target) < Math.abs(best - target)) best = f;
  return best;
}

/** A grade as Moodle writes it: no exponent, at most 7 decimals. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(7).replace(/0+$/, '').replace(/\.$/, '');
}
