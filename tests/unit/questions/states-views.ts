// The identical-looking and variety checks of one state-family template, shared by the
// views-*.test.ts files (one file per template keeps each under the unit budget).

import { describe, expect, test } from 'vitest';
import { TEMPLATES, type Question, type TemplateId } from '@/lib/questions';
import {
  VIEW_SEEDS,
  conflicts,
  keyOf,
  longestKeyShare,
  positionShares,
  shapeView,
  shownView,
  sweep,
} from './states-helpers';

/** Fewest distinct question shapes (structure, not numbers) per difficulty, d1..d3. */
export type Floors = readonly [number, number, number];

export function describeViews(template: TemplateId, floors: Floors): void {
  describe(`${template}: what the learner sees decides the key`, () => {
    for (const difficulty of TEMPLATES[template].difficulties) {
      let cached: Question[] | undefined;
      const questions = () => (cached ??= sweep(template, difficulty, VIEW_SEEDS));

      test(`d${difficulty}: no two questions look the same with different keys (${VIEW_SEEDS} seeds)`, () => {
        expect(conflicts(questions(), shownView)).toEqual([]);
      });

      test(`d${difficulty}: nor when they differ only in payload sizes and ISNs`, () => {
        expect(conflicts(questions(), shapeView)).toEqual([]);
      });

      test(`d${difficulty}: at least ${floors[difficulty - 1]} distinct question shapes`, () => {
        expect(new Set(questions().map(shapeView)).size).toBeGreaterThanOrEqual(
          floors[difficulty - 1]!,
        );
      });

      test(`d${difficulty}: no key is more than 60 % of the questions`, () => {
        const counts = new Map<string, number>();
        for (const q of questions()) counts.set(keyOf(q), (counts.get(keyOf(q)) ?? 0) + 1);
        expect(Math.max(...counts.values()) / VIEW_SEEDS).toBeLessThanOrEqual(0.6);
      });

      test(`d${difficulty}: the key's position is balanced and it is not usually the longest option`, () => {
        const shares = positionShares(questions());
        if (shares.size === 0) return;
        // buildChoice shuffles: every position within a wide band around its fair share.
        for (const id of ['a', 'b', 'c']) expect(shares.get(id) ?? 0).toBeGreaterThan(0.15);
        for (const share of shares.values()) expect(share).toBeLessThan(0.4);
        expect(longestKeyShare(questions())).toBeLessThanOrEqual(0.45);
      });
    }
  });
}
