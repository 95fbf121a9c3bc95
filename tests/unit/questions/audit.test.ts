// The validity audit on a few seeds per template (the 10,000-seed run is audit.slow.test.ts):
// no key the RFC 9293 oracle rejects, no key an unstated fact would move, no two questions
// that look the same with different keys, zh and en one question, and every seed generates.

import { describe, expect, test } from 'vitest';
import { TEMPLATE_IDS } from '@/lib/questions';
import { auditTemplate, validityFailures } from '@/lib/questions/audit/run';

/** Enough to meet each template's common plans; the slow sweep covers the rare ones. */
const SEEDS = 50;

describe.each(TEMPLATE_IDS)('%s', (template) => {
  test(`${SEEDS} seeds × every difficulty × both locales: every key valid`, () => {
    const { cells } = auditTemplate(template, { seeds: SEEDS });
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.seeds).toBe(SEEDS);
    expect(cells.flatMap(validityFailures)).toEqual([]);
  });
});
