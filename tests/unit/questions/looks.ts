// What the learner sees decides the key, per template, over 500 seeds per difficulty, through
// the validity audit alone (its fingerprints, shapes and floors); the looks-*.test.ts files.

import { beforeAll, describe, expect, test } from 'vitest';
import { TEMPLATES, type TemplateId } from '@/lib/questions';
import { auditTemplate, reproduce, type CellReport, type Tally } from '@/lib/questions/audit/run';

export const SEEDS = 500;

export interface LooksRow {
  template: TemplateId;
  /**
   * Fewest distinct shapes (`shapeOf`, the audit's `shapes`) per difficulty, d1..d3, where a
   * template promises more variety than the audit's floor of structures.
   */
  shapes?: readonly [number, number, number];
}

/** Each failure as the command that reproduces it. */
function failures(cells: readonly CellReport[], tallies: (c: CellReport) => Tally[]): string[] {
  return cells.flatMap((c) =>
    tallies(c).flatMap((t) => t.examples.map((e) => `${reproduce(e)} — ${e.note}`)),
  );
}

export function describeLooks(rows: readonly LooksRow[]): void {
  describe.each(rows)('$template', ({ template, shapes }) => {
    let audit: ReturnType<typeof auditTemplate>;
    beforeAll(() => {
      audit = auditTemplate(template, { seeds: SEEDS, invarianceEvery: 0 });
    }, 120_000);

    test(`${SEEDS} seeds per difficulty, zh and en: no two questions look the same with different keys`, () => {
      expect(audit.cells.map((c) => c.seeds)).toEqual(
        TEMPLATES[template].difficulties.map(() => SEEDS),
      );
      expect(failures(audit.cells, (c) => [c.sameLook])).toEqual([]);
    });

    test('nor two that differ only in ISNs and payload sizes (one shape, other key)', () => {
      expect(failures(audit.cells, (c) => [c.sameShape])).toEqual([]);
    });

    test('every seed generates, the oracle agrees with every key it covers, zh and en agree', () => {
      const tallies = (c: CellReport) => [
        c.errors,
        c.oracle.disagree,
        c.oracle.unreadable,
        c.localeMismatch,
      ];
      expect(failures(audit.cells, tallies)).toEqual([]);
    });

    test('every floor of floors.ts is met (variety, key share, option position, longest key, topics)', () => {
      // Floors are judged on full samples; a cell that judged none would pass by default.
      for (const c of audit.cells) expect(c.floors.map((f) => f.floor)).toContain('key-share');
      const missed = [
        ...audit.cells.flatMap((c) =>
          c.floors.filter((f) => !f.ok).map((f) => `d${c.difficulty} ${f.floor}: ${f.detail}`),
        ),
        ...audit.floors.filter((f) => !f.ok).map((f) => `${f.floor}: ${f.detail}`),
      ];
      expect(missed).toEqual([]);
    });

    if (shapes !== undefined)
      test(`at least ${shapes.join(', ')} distinct shapes at d1, d2, d3`, () => {
        for (const c of audit.cells)
          expect(c.shapes.en, `d${c.difficulty}`).toBeGreaterThanOrEqual(shapes[c.difficulty - 1]!);
      });
  });
}
