// The validity audit over 10,000 seeds per template × difficulty, both locales (slow project,
// `npm run test:slow`; measured 8.5 min of one core). Every key valid, as in audit.test.ts,
// and every floor of lib/questions/audit/floors.ts met.

import { describe, expect, test } from 'vitest';
import { TEMPLATE_IDS } from '@/lib/questions';
import { auditTemplate, validityFailures } from '@/lib/questions/audit/run';

const SEEDS = 10_000;

describe.each(TEMPLATE_IDS)('%s', (template) => {
  test(`${SEEDS} seeds: every key valid, every floor met`, () => {
    const { cells, floors } = auditTemplate(template, { seeds: SEEDS });
    expect(cells.flatMap(validityFailures)).toEqual([]);
    const missed = [
      ...cells.flatMap((c) =>
        c.floors.filter((f) => !f.ok).map((f) => `d${c.difficulty} ${f.floor}: ${f.detail}`),
      ),
      ...floors.filter((f) => !f.ok).map((f) => `${f.floor}: ${f.detail}`),
    ];
    expect(missed).toEqual([]);
  }, 1_200_000);
});
