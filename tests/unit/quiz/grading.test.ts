// Scores: an attempt's points from its per-question fractions, and the quiz grade from the
// submitted attempts by the quiz's grading method.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GRADING_METHODS, attemptScore, quizGrade, type ScoredAttempt } from '@/lib/quiz';

describe('attemptScore', () => {
  test.each<[string, { fraction: number | null; points: number }[], number, number]>([
    ['no questions', [], 0, 0],
    [
      'all right',
      [
        { fraction: 1, points: 2 },
        { fraction: 1, points: 3 },
      ],
      5,
      5,
    ],
    [
      'unanswered scores 0',
      [
        { fraction: null, points: 2 },
        { fraction: 1, points: 3 },
      ],
      3,
      5,
    ],
    ['partial credit is weighted by points', [{ fraction: 0.5, points: 4 }], 2, 4],
    [
      'wrong scores 0',
      [
        { fraction: 0, points: 4 },
        { fraction: 0, points: 1 },
      ],
      0,
      5,
    ],
    [
      'thirds add up to a whole',
      [
        { fraction: 1 / 3, points: 1 },
        { fraction: 1 / 3, points: 1 },
        { fraction: 1 / 3, points: 1 },
      ],
      1,
      3,
    ],
    [
      'fractional points',
      [
        { fraction: 1, points: 0.1 },
        { fraction: 1, points: 0.2 },
      ],
      0.3,
      0.3,
    ],
  ])('%s', (_name, items, score, max) => {
    expect(attemptScore(items)).toEqual({ score, max });
  });

  test('scores are rounded to six decimals', () => {
    expect(attemptScore([{ fraction: 1 / 7, points: 1 }]).score).toBe(0.142857);
  });
});

describe('quizGrade', () => {
  // Attempt 1: 2/10, attempt 2: 9/10, attempt 3: 5/10 (listed out of order on purpose).
  const attempts: ScoredAttempt[] = [
    { number: 3, score: 5, max: 10 },
    { number: 1, score: 2, max: 10 },
    { number: 2, score: 9, max: 10 },
  ];
  test.each([
    ['highest', 0.9],
    ['first', 0.2],
    ['last', 0.5],
    ['average', 0.533333],
  ] as const)('%s of 2/10, 9/10, 5/10 is %d', (method, expected) => {
    expect(quizGrade(attempts, method)).toBe(expected);
  });

  test.each(GRADING_METHODS)('%s: no submitted attempt is no grade (null)', (method) => {
    expect(quizGrade([], method)).toBeNull();
  });

  test.each(GRADING_METHODS)('%s: an attempt with no points scores 0', (method) => {
    expect(quizGrade([{ number: 1, score: 0, max: 0 }], method)).toBe(0);
  });

  test('attempts with different maxima are compared as fractions', () => {
    const mixed = [
      { number: 1, score: 3, max: 4 },
      { number: 2, score: 5, max: 10 },
    ];
    expect(quizGrade(mixed, 'highest')).toBe(0.75);
    expect(quizGrade(mixed, 'average')).toBe(0.625);
  });

  const attemptArb = fc
    .array(
      fc
        .record({
          max: fc.integer({ min: 0, max: 200 }),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
        })
        .map(({ max, share }) => ({ max, score: Math.round(max * share * 100) / 100 })),
      { minLength: 1, maxLength: 12 },
    )
    .map((list) => list.map((a, i) => ({ ...a, number: i + 1 })));

  test('property: every grade lies within [0, 1]', () => {
    fc.assert(
      fc.property(attemptArb, fc.constantFrom(...GRADING_METHODS), (list, method) => {
        const grade = quizGrade(list, method)!;
        expect(grade).toBeGreaterThanOrEqual(0);
        expect(grade).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('property: highest ≥ first, last and average; average between min and max', () => {
    fc.assert(
      fc.property(attemptArb, (list) => {
        const highest = quizGrade(list, 'highest')!;
        const first = quizGrade(list, 'first')!;
        const last = quizGrade(list, 'last')!;
        const average = quizGrade(list, 'average')!;
        const ratios = list.map((a) => (a.max > 0 ? a.score / a.max : 0));
        expect(highest).toBeGreaterThanOrEqual(first);
        expect(highest).toBeGreaterThanOrEqual(last);
        expect(highest).toBeGreaterThanOrEqual(average);
        expect(average).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-6);
        expect(average).toBeLessThanOrEqual(Math.max(...ratios) + 1e-6);
      }),
    );
  });

  test('property: the order attempts are listed in does not matter', () => {
    fc.assert(
      fc.property(attemptArb, fc.constantFrom(...GRADING_METHODS), (list, method) => {
        expect(quizGrade([...list].reverse(), method)).toBe(quizGrade(list, method));
      }),
    );
  });
});
