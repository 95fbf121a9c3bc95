// Item analysis as Moodle defines it: facility is the mean score on the slot, discrimination
// Pearson's r between the slot and the rest of the attempt, wrong answers by misconception.
import { describe, expect, test } from 'vitest';
import { correlation, slotStatistics, type StatAttempt, type StatItem } from '@/lib/quiz';

const item = (
  slot: number,
  fraction: number | null,
  points: number,
  misconception: string | null = null,
  answered = true,
): StatItem => ({ slot, fraction, points, misconception, answered });

// Slot 0 is worth 1 point, slot 1 worth 2.
//            slot 0              slot 1
// A          1                   1
// B          0 (syn-consumes)    1
// C          1                   unanswered
// D          0 (syn-consumes)    0.5 (no misconception named)
const table: StatAttempt[] = [
  { items: [item(0, 1, 1), item(1, 1, 2)] },
  { items: [item(0, 0, 1, 'syn-consumes'), item(1, 1, 2)] },
  { items: [item(0, 1, 1), item(1, null, 2, null, false)] },
  { items: [item(0, 0, 1, 'syn-consumes'), item(1, 0.5, 2)] },
];

/** Pearson's r written out, for the hand-computed expectations below. */
function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b) / n;
  const my = ys.reduce((a, b) => a + b) / n;
  const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const vx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const vy = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  return cov / Math.sqrt(vx * vy);
}

describe('slotStatistics', () => {
  const [s0, s1] = slotStatistics(table);

  test('one entry per slot, in slot order, counting the attempts that had it', () => {
    expect(slotStatistics(table).map((s) => [s.slot, s.attempts])).toEqual([
      [0, 4],
      [1, 4],
    ]);
  });

  test('facility is the mean fraction on the slot (unanswered counts as 0)', () => {
    expect(s0!.facility).toBe(0.5);
    expect(s1!.facility).toBe((1 + 1 + 0 + 0.5) / 4);
  });

  test('discrimination is Pearson r of the slot against the rest of the attempt', () => {
    // Slot 0: own [1,0,1,0], rest in points [2,2,0,1]: r = -0.5 / sqrt(1 × 2.75).
    expect(s0!.discrimination).toBeCloseTo(-0.5 / Math.sqrt(2.75), 12);
    expect(s0!.discrimination).toBeCloseTo(pearson([1, 0, 1, 0], [2, 2, 0, 1]), 12);
    // Slot 1: own [1,1,0,0.5], rest [1,0,1,0]: r = -0.25 / sqrt(0.6875 × 1).
    expect(s1!.discrimination).toBeCloseTo(-0.25 / Math.sqrt(0.6875), 12);
  });

  test('a slot that sorts strong from weak students has positive discrimination', () => {
    const good: StatAttempt[] = [
      { items: [item(0, 1, 1), item(1, 1, 1), item(2, 1, 1)] },
      { items: [item(0, 1, 1), item(1, 1, 1), item(2, 0, 1)] },
      { items: [item(0, 0, 1), item(1, 0, 1), item(2, 1, 1)] },
      { items: [item(0, 0, 1), item(1, 0, 1), item(2, 0, 1)] },
    ];
    const stats = slotStatistics(good);
    expect(stats[0]!.discrimination).toBeCloseTo(pearson([1, 1, 0, 0], [2, 1, 1, 0]), 12);
    expect(stats[0]!.discrimination).toBeGreaterThan(0.5);
    expect(stats[2]!.discrimination).toBeCloseTo(0, 12);
  });

  test('discrimination is null when everyone scores the same on the slot', () => {
    const same: StatAttempt[] = [
      { items: [item(0, 1, 1), item(1, 1, 1)] },
      { items: [item(0, 1, 1), item(1, 0, 1)] },
    ];
    expect(slotStatistics(same)[0]!.discrimination).toBeNull();
    // …and when the rest of the attempt does not vary.
    expect(slotStatistics(same)[1]!.discrimination).toBeNull();
  });

  test('discrimination is null with a single attempt', () => {
    expect(slotStatistics([table[0]!])[0]!.discrimination).toBeNull();
  });

  test('wrong answers are grouped by misconception, most frequent first; unanswered apart', () => {
    expect(s0!.wrong).toEqual([{ misconception: 'syn-consumes', count: 2 }]);
    expect(s0!.unanswered).toBe(0);
    // The half-right answer counts as wrong with no misconception; the blank one is unanswered.
    expect(s1!.wrong).toEqual([{ misconception: null, count: 1 }]);
    expect(s1!.unanswered).toBe(1);
  });

  test('ties between misconceptions are broken by name', () => {
    const stats = slotStatistics([
      { items: [item(0, 0, 1, 'b-mistake')] },
      { items: [item(0, 0, 1, 'a-mistake')] },
      { items: [item(0, 0, 1, 'b-mistake')] },
      { items: [item(0, 0, 1, 'c-mistake')] },
    ]);
    expect(stats[0]!.wrong).toEqual([
      { misconception: 'b-mistake', count: 2 },
      { misconception: 'a-mistake', count: 1 },
      { misconception: 'c-mistake', count: 1 },
    ]);
  });

  test('a slot of several questions is scored by its points-weighted mean', () => {
    const stats = slotStatistics([
      { items: [item(0, 1, 1), item(0, 0, 3)] },
      { items: [item(0, 1, 1), item(0, 1, 3)] },
    ]);
    expect(stats[0]!.facility).toBe((0.25 + 1) / 2);
  });

  test('no attempts: no statistics', () => {
    expect(slotStatistics([])).toEqual([]);
  });
});

describe('correlation', () => {
  test.each<[string, number[], number[], number | null]>([
    ['perfectly aligned', [1, 2, 3], [2, 4, 6], 1],
    ['perfectly opposed', [1, 2, 3], [3, 2, 1], -1],
    ['constant x', [1, 1, 1], [1, 2, 3], null],
    ['constant y', [1, 2, 3], [5, 5, 5], null],
    ['one point', [1], [1], null],
    ['no points', [], [], null],
    ['lengths differ', [1, 2], [1, 2, 3], null],
  ])('%s', (_name, xs, ys, expected) => {
    const r = correlation(xs, ys);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 12);
  });

  test('matches the textbook formula on an irregular table', () => {
    const xs = [0.2, 0.9, 0.4, 1, 0];
    const ys = [3, 7, 2, 9, 1];
    expect(correlation(xs, ys)).toBeCloseTo(pearson(xs, ys), 12);
  });
});
