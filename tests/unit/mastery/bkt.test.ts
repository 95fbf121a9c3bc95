// Bayesian knowledge tracing: hand-computed values with the documented parameters, and
// properties that must hold for every parameter set with slip + guess < 1.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BKT_DEFAULTS, guessFor, MASTERED, predictCorrect, updateMastery } from '@/lib/mastery';

describe('updateMastery with the defaults (prior 0.2, learn 0.15, slip 0.1, guess 0.2)', () => {
  test.each([
    // known, score, expected: posterior by Bayes' rule, then + (1 − posterior) × learn
    [0.2, 1, 0.6], // 0.18 / (0.18 + 0.16) = 0.5294 → 0.6
    [0.2, 0, 0.17576], // 0.02 / (0.02 + 0.64) = 0.0303 → 0.1758
    [0.9, 1, 0.97952], // 0.81 / (0.81 + 0.02) = 0.9759 → 0.9795
    [0.9, 0, 0.6], // 0.09 / (0.09 + 0.08) = 0.5294 → 0.6
  ])('known %f, score %f → %f', (known, score, expected) => {
    expect(updateMastery(known, score)).toBeCloseTo(expected, 4);
  });
});

// Three right in a row is the mastery rule of thumb of tutoring systems such as ASSISTments.
test('from the prior, three right answers in a row pass the mastered threshold, two do not', () => {
  let p = BKT_DEFAULTS.prior;
  const path: number[] = [];
  for (let i = 0; i < 3; i++) path.push((p = updateMastery(p, 1)));
  expect(path[0]).toBeCloseTo(0.6, 4);
  expect(path[1]).toBeLessThan(MASTERED);
  expect(path[2]).toBeGreaterThanOrEqual(MASTERED);
});

test('a lucky guess counts for less on a 2-option question than a typed number', () => {
  const choice = updateMastery(0.2, 1, { guess: guessFor('choice', 2) });
  const numeric = updateMastery(0.2, 1, { guess: guessFor('numeric') });
  expect(numeric).toBeGreaterThan(choice);
});

test.each([
  ['choice', 4, 0.25],
  ['choice', 2, 0.3],
  ['choice', 10, 0.1],
  ['multi', 4, 0.1],
  ['numeric', 0, 0.05],
  ['fields', 0, 0.05],
  ['order', 0, 0.05],
] as const)('guessFor(%s, %i) = %f', (kind, n, g) => {
  expect(guessFor(kind, n)).toBeCloseTo(g, 10);
});

const params = fc
  .record({
    prior: fc.double({ min: 0, max: 1, noNaN: true }),
    learn: fc.double({ min: 0, max: 0.5, noNaN: true }),
    slip: fc.double({ min: 0.01, max: 0.45, noNaN: true }),
    guess: fc.double({ min: 0.01, max: 0.45, noNaN: true }),
  })
  .filter((p) => p.slip + p.guess < 0.99);
const prob = fc.double({ min: 0, max: 1, noNaN: true });

describe('properties', () => {
  test('mastery stays in [0, 1]', () => {
    fc.assert(
      fc.property(prob, prob, params, (known, score, p) => {
        const next = updateMastery(known, score, p);
        return next >= 0 && next <= 1;
      }),
    );
  });

  test('a fully right answer never lowers mastery', () => {
    fc.assert(fc.property(prob, params, (known, p) => updateMastery(known, 1, p) >= known - 1e-12));
  });

  test('more credit never means less mastery', () => {
    fc.assert(
      fc.property(prob, prob, prob, params, (known, a, b, p) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return updateMastery(known, hi, p) >= updateMastery(known, lo, p) - 1e-12;
      }),
    );
  });

  test('a right answer never leaves mastery below a wrong one', () => {
    fc.assert(
      fc.property(
        prob,
        params,
        (known, p) => updateMastery(known, 1, p) >= updateMastery(known, 0, p),
      ),
    );
  });

  test('any sequence of answers keeps mastery a probability', () => {
    fc.assert(
      fc.property(fc.array(prob, { maxLength: 60 }), params, (scores, p) => {
        let m = p.prior;
        for (const s of scores) m = updateMastery(m, s, p);
        return m >= 0 && m <= 1 && predictCorrect(m, p) >= 0 && predictCorrect(m, p) <= 1;
      }),
    );
  });
});
