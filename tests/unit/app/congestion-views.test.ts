// The round table's and chart's data (app/_components/congestion): MSS and byte rows, the MSS
// of a trace, and the rounds a graded congestion question's explanation shows.
import { describe, expect, test } from 'vitest';
import { explainedRounds } from '@/app/_components/congestion/explained-rounds';
import { ROUND_TEMPLATES } from '@/app/_components/congestion/round-templates';
import { chartPoints, displayRows, mssOf } from '@/app/_components/congestion/rows';
import { simulateNamed } from '@/lib/engine';
import { generateQuestion, listTemplates } from '@/lib/questions';

describe('round rows', () => {
  const trace = simulateNamed('congestion-rounds-reno', { seed: 1 });
  const rounds = trace.rounds ?? [];

  test('the trace records its MSS, and MSS rows are bytes / MSS', () => {
    const mss = mssOf(trace);
    expect(mss).toBe(trace.params['congestion.mss']);
    const inMss = displayRows(rounds, mss, 'mss');
    const inBytes = displayRows(rounds, mss, 'bytes');
    expect(inMss.map((r) => r.cwnd * mss)).toEqual(rounds.map((r) => r.cwnd));
    expect(inBytes.map((r) => r.swnd)).toEqual(rounds.map((r) => r.swnd));
    expect(inMss.slice(0, 4).map((r) => r.cwnd)).toEqual([1, 2, 4, 8]);
  });

  test('without a recorded MSS the smallest cwnd stands in', () => {
    expect(mssOf({ params: {}, rounds })).toBe(Math.min(...rounds.map((r) => r.cwnd)));
    expect(mssOf({ params: {}, rounds: [] })).toBe(1);
  });

  test('chart points carry one point per round and the events', () => {
    const points = chartPoints(rounds, mssOf(trace));
    expect(points).toHaveLength(rounds.length);
    expect(points.filter((p) => p.event !== null).map((p) => p.event)).toEqual(
      rounds.filter((r) => r.event !== null).map((r) => r.event),
    );
  });
});

describe('explanation rounds', () => {
  test('the listed templates are the round-model templates that exist', () => {
    const ids = listTemplates().map((t) => t.id);
    for (const id of ROUND_TEMPLATES) expect(ids).toContain(id);
  });

  for (const template of ROUND_TEMPLATES) {
    test(`${template}: rebuilt from the question told after grading, up to the round asked about`, () => {
      for (const difficulty of [1, 2, 3] as const) {
        const q = generateQuestion(template, { seed: 11, locale: 'en', difficulty });
        const shown = explainedRounds(q);
        expect(shown).not.toBeNull();
        expect(shown!.rounds.length).toBeGreaterThan(0);
        expect(shown!.rounds[0]!.round).toBe(1);
        const focusRound = Number(q.source.focus.round);
        if (Number.isInteger(focusRound) && focusRound > 0)
          expect(shown!.rounds.length).toBeGreaterThanOrEqual(focusRound);
      }
    });
  }

  test('other templates have none', () => {
    const q = generateQuestion('seq-ack-numbers', { seed: 3 });
    expect(explainedRounds(q)).toBeNull();
  });
});
