// The audit's floors, in one place: what `npm run questions:audit` requires of every template ×
// difficulty beyond zero wrong keys (docs/questions.md, "Validity audit", says why each is so).

/**
 * Share floors (option position, key length, variety, topics) are judged only on at least this
 * many questions per cell: with fewer, chance alone can break them (at 4 options and n = 200
 * the position share's standard deviation is 0.03, so 0.40 is five deviations above 0.25).
 */
export const MIN_SAMPLE = 200;

/**
 * A guesser who always picks one position, or the longest option, may do at most this much
 * better than chance (1 / options): 4 options → 0.40, 3 → 0.48, 2 → 0.65.
 */
export const CUE_MARGIN = 0.15;

export function maxCueShare(options: number): number {
  return Math.min(1, 1 / Math.max(1, options) + CUE_MARGIN);
}

/**
 * Nor may any position be the key much less often than chance: a letter that is seldom right
 * lets a guesser rule it out. At least 1 / options − this: 4 options → 0.15, 3 → 0.23.
 */
export const POSITION_DEFICIT = 0.1;

export function minPositionShare(options: number): number {
  return Math.max(0, 1 / Math.max(1, options) - POSITION_DEFICIT);
}

/**
 * Distinct structures (the learner's view with every number replaced by #) per template ×
 * difficulty whose questions show a trace: fewer means a learner meets the same question with
 * numbers swapped.
 */
export const MIN_STRUCTURES = 3;

/**
 * The most common key of a cell (any kind: an option's text, a number, fields, an order) may be
 * the key of at most this share of its questions: above it the learner meets one answer again
 * and again and learns a reflex.
 */
export const MAX_KEY_SHARE = 0.6;

/** Examples kept per failure kind and cell (enough to reproduce, not a flood). */
export const MAX_EXAMPLES = 5;
