// The 10,000-seed sweep of every template (slow: run on its own, e.g.
// `npx vitest run --project unit tests/unit/questions/sweep.slow.test.ts`). Seeds cycle through
// difficulties 1-3 and both locales; every question passes every check in helpers.ts.

import { describe, test } from 'vitest';
import { DIFFICULTIES, LOCALES, TEMPLATE_IDS, generateQuestion } from '@/lib/questions';
import { checkQuestion } from './helpers';

const SEEDS = 10_000;

describe.each(TEMPLATE_IDS)('%s', (template) => {
  test(`${SEEDS} seeds: well-formed, one correct option, key = fresh simulation, explained`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const q = generateQuestion(template, {
        seed,
        locale: LOCALES[seed % 2] ?? 'zh',
        difficulty: DIFFICULTIES[Math.floor(seed / 2) % 3] ?? 1,
      });
      checkQuestion(q);
    }
  }, 600_000);
});
