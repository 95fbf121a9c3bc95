// The bounds of lib/engine/limits.ts leave room for everything the app itself runs: every
// catalog scenario, every trace block of the lessons and many generated questions fit a
// tenth of the run budget, and the catalog files sit well inside the scenario bounds.

import { describe, expect, test } from 'vitest';
import { loadLessons, renderMarkdown } from '@/lib/content';
import {
  getScenario,
  listScenarios,
  parseScenario,
  RUN_LIMITS,
  SCENARIO_LIMITS,
  simulate,
  type Profile,
  type ScenarioFile,
} from '@/lib/engine';
import { DIFFICULTIES, generateQuestion, TEMPLATE_IDS } from '@/lib/questions';

/** The file with its own run budget lowered to a tenth of RUN_LIMITS. */
function tenthOfTheBudget(file: ScenarioFile): ScenarioFile {
  return parseScenario({
    ...file,
    limits: {
      max_events: RUN_LIMITS.events / 10,
      max_time: RUN_LIMITS.time / 10,
      max_trace_entries: RUN_LIMITS.traceEntries / 10,
    },
  });
}

const high = (v: unknown): number =>
  typeof v === 'number'
    ? v
    : typeof v === 'object' && v !== null && 'range' in v
      ? (v as { range: [number, number] }).range[1]
      : 0;

describe('limits leave room for what the app runs', () => {
  const catalog = listScenarios().map(({ name }) => name);

  test.each(catalog)(
    'catalog %s: 50 seeds × both profiles fit a tenth of the run budget',
    (name) => {
      const file = tenthOfTheBudget(getScenario(name));
      for (let seed = 0; seed < 50; seed++) {
        for (const profile of ['linux', 'rfc'] as const) {
          expect(
            () => simulate(file, { seed, profile }),
            `${name} seed ${seed} ${profile}`,
          ).not.toThrow();
        }
      }
    },
  );

  test.each(catalog)('catalog %s: at most half of each scenario bound', (name) => {
    const file = getScenario(name);
    const programs = Object.values(file.endpoints).map(
      (e) => e.program as Record<string, unknown>[],
    );
    const steps = programs.flat();
    expect(Object.keys(file.endpoints).length).toBeLessThanOrEqual(SCENARIO_LIMITS.endpoints / 2);
    expect(Math.max(0, ...programs.map((p) => p.length))).toBeLessThanOrEqual(
      SCENARIO_LIMITS.programSteps / 2,
    );
    expect(file.faults.length).toBeLessThanOrEqual(SCENARIO_LIMITS.faults / 2);
    for (const step of steps) {
      const flood = step.syn_flood as { count: unknown } | undefined;
      if (flood) expect(high(flood.count)).toBeLessThanOrEqual(SCENARIO_LIMITS.synFloodCount / 2);
      for (const key of ['send', 'recv'])
        expect(high(step[key])).toBeLessThanOrEqual(SCENARIO_LIMITS.stepBytes / 2);
      for (const key of ['at', 'sleep'])
        expect(high(step[key])).toBeLessThanOrEqual(SCENARIO_LIMITS.seconds / 2);
    }
  });

  test(
    'every trace block of every lesson fits a tenth of the run budget',
    { timeout: 60_000 },
    () => {
      const blocks = new Set<string>();
      for (const lesson of loadLessons()) {
        for (const block of renderMarkdown(lesson.body).traces) {
          const profiles: Profile[] = block.compare ? ['linux', 'rfc'] : [block.profile];
          for (const profile of profiles) blocks.add(`${block.scenario}|${block.seed}|${profile}`);
        }
      }
      expect(blocks.size).toBeGreaterThan(20);
      for (const key of blocks) {
        const [scenario = '', seed = '', profile] = key.split('|');
        const file = tenthOfTheBudget(getScenario(scenario));
        expect(
          () => simulate(file, { seed: Number(seed), profile: profile as Profile }),
          key,
        ).not.toThrow();
      }
    },
  );

  // The generators run catalog scenarios with their own overrides (more retries, other
  // timeouts); they cannot take a lower budget, so they run under the real one.
  test(
    '40 seeds of every question template at every difficulty generate within the limits',
    {
      timeout: 60_000,
    },
    () => {
      let count = 0;
      for (const template of TEMPLATE_IDS) {
        for (const difficulty of DIFFICULTIES) {
          for (let seed = 0; seed < 40; seed++) {
            expect(
              () => generateQuestion(template, { seed, difficulty, locale: 'en' }),
              `${template} d${difficulty} seed ${seed}`,
            ).not.toThrow();
            count++;
          }
        }
      }
      expect(count).toBeGreaterThan(1000);
    },
  );
});
