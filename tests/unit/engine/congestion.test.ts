// The exam's round model (issue 11): classic textbook exercises reproduced round by round,
// the `congestion` scenario block and its errors, and fast-check properties of the model.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ScenarioError,
  getScenario,
  listScenarios,
  parseScenario,
  runRounds,
  simulate,
  simulateNamed,
  type CongestionEvent,
  type CongestionRound,
  type RoundsConfig,
} from '@/lib/engine';

const MSS = 1000;

/** A config in MSS units (as the exam states them), converted to bytes. */
function inMss(
  over: Partial<Omit<RoundsConfig, 'mss' | 'rwnd'>> & { rounds: number; rwnd?: number },
): RoundsConfig {
  return {
    algorithm: over.algorithm ?? 'reno',
    mss: MSS,
    initialCwnd: (over.initialCwnd ?? 1) * MSS,
    ssthresh: (over.ssthresh ?? 16) * MSS,
    rwnd: (over.rwnd ?? 1000) * MSS,
    events: over.events ?? [],
    rounds: over.rounds,
  };
}

const cwnds = (rounds: CongestionRound[]) => rounds.map((r) => r.cwnd / MSS);
const ssthreshes = (rounds: CongestionRound[]) => rounds.map((r) => r.ssthresh / MSS);

// The familiar chart: ssthresh 16; a timeout when cwnd = 24 (round 13); three duplicate ACKs
// when cwnd = 16 (round 22).
const CHART_EVENTS: CongestionEvent[] = [
  { round: 13, kind: 'timeout' },
  { round: 22, kind: 'dupacks' },
];
const CHART_PREFIX = [
  1, 2, 4, 8, 16, 17, 18, 19, 20, 21, 22, 23, 24, 1, 2, 4, 8, 12, 13, 14, 15, 16,
];

describe('textbook exercises, round by round', () => {
  test('ssthresh 8: slow start 1, 2, 4, 8 stops at ssthresh, then 9, 10 by congestion avoidance', () => {
    const r = runRounds(inMss({ ssthresh: 8, rounds: 6 }));
    expect(cwnds(r)).toEqual([1, 2, 4, 8, 9, 10]);
    expect(r.map((x) => x.phase)).toEqual([
      'slow_start',
      'slow_start',
      'slow_start',
      'congestion_avoidance',
      'congestion_avoidance',
      'congestion_avoidance',
    ]);
  });

  test('ssthresh 12 is not a power of two: 1, 2, 4, 8, 12 (not 16), 13', () => {
    expect(cwnds(runRounds(inMss({ ssthresh: 12, rounds: 6 })))).toEqual([1, 2, 4, 8, 12, 13]);
  });

  test('the chart with Reno: timeout at 24 → ssthresh 12, cwnd 1; 3 dup ACKs at 16 → cwnd = ssthresh = 8', () => {
    const r = runRounds(inMss({ algorithm: 'reno', events: CHART_EVENTS, rounds: 26 }));
    expect(cwnds(r)).toEqual([...CHART_PREFIX, 8, 9, 10, 11]);
    expect(ssthreshes(r)).toEqual([
      ...Array<number>(13).fill(16),
      ...Array<number>(9).fill(12),
      ...Array<number>(4).fill(8),
    ]);
    expect(r[12]!.event).toBe('timeout');
    expect(r[21]!.event).toBe('dupacks');
    expect(r[22]!.phase).toBe('fast_recovery');
    expect(r[23]!.phase).toBe('congestion_avoidance');
  });

  test('the chart with Tahoe: 3 dup ACKs at 16 → ssthresh 8 and cwnd back to 1, then 2, 4, 8, 9', () => {
    const r = runRounds(inMss({ algorithm: 'tahoe', events: CHART_EVENTS, rounds: 27 }));
    expect(cwnds(r)).toEqual([...CHART_PREFIX, 1, 2, 4, 8, 9]);
    expect(r[22]!.ssthresh / MSS).toBe(8);
    expect(r[22]!.phase).toBe('slow_start');
  });

  test('swnd = min(cwnd, rwnd): rwnd 10 caps the sending window while cwnd keeps its rule', () => {
    const r = runRounds(inMss({ ssthresh: 16, rwnd: 10, rounds: 6 }));
    expect(cwnds(r)).toEqual([1, 2, 4, 8, 16, 17]);
    expect(r.map((x) => x.swnd / MSS)).toEqual([1, 2, 4, 8, 10, 10]);
    expect(r[4]!.sent).toEqual([[15_001, 25_000]]);
  });

  test('sent: consecutive byte ranges from byte 1; a timeout goes back to the lost window', () => {
    const r = runRounds(inMss({ ssthresh: 8, events: [{ round: 3, kind: 'timeout' }], rounds: 5 }));
    expect(r.map((x) => x.sent)).toEqual([
      [[1, 1000]],
      [[1001, 3000]],
      [[3001, 7000]],
      [[3001, 4000]],
      [[4001, 6000]],
    ]);
    expect(r[3]!.ssthresh).toBe(2 * MSS);
  });

  test('fast retransmit resends the first segment of the window, then new data fills cwnd', () => {
    const r = runRounds(inMss({ ssthresh: 8, events: [{ round: 4, kind: 'dupacks' }], rounds: 5 }));
    expect(r[3]!.sent).toEqual([[7001, 15_000]]);
    expect(r[4]!.cwnd).toBe(4 * MSS);
    expect(r[4]!.sent).toEqual([
      [7001, 8000],
      [15_001, 18_000],
    ]);
  });

  test('an odd cwnd halves to whole segments: 17 → ssthresh 8', () => {
    const r = runRounds(
      inMss({ ssthresh: 16, events: [{ round: 6, kind: 'timeout' }], rounds: 7 }),
    );
    expect(r[5]!.cwnd / MSS).toBe(17);
    expect(r[6]!.ssthresh / MSS).toBe(8);
  });

  test('three duplicate ACKs with fewer than 4 segments in the window are impossible', () => {
    expect(() => runRounds(inMss({ events: [{ round: 2, kind: 'dupacks' }], rounds: 3 }))).toThrow(
      /congestion\.events\[0\]: three duplicate ACKs need at least 4 segments/,
    );
  });

  test('events out of order or past the last round are rejected, naming the field', () => {
    expect(() =>
      runRounds(
        inMss({
          events: [
            { round: 5, kind: 'timeout' },
            { round: 5, kind: 'timeout' },
          ],
          rounds: 8,
        }),
      ),
    ).toThrow(/congestion\.events\[1\]\.round/);
    expect(() => runRounds(inMss({ events: [{ round: 9, kind: 'timeout' }], rounds: 8 }))).toThrow(
      ScenarioError,
    );
  });
});

describe('receiver buffer and read rate: rwnd = buffer − bytes held unread', () => {
  const withReceiver = (
    buffer: number,
    read: number,
    over: Partial<RoundsConfig> & { rounds: number },
  ) => ({
    ...inMss({ ssthresh: 64, ...over, rwnd: undefined }),
    rwnd: { buffer: buffer * MSS, read: read * MSS },
  });

  test('buffer 8, the application reads 2 per round: rwnd 8, 8, 8, 6, 2, 2 limits the window', () => {
    const r = runRounds(withReceiver(8, 2, { rounds: 7 }));
    expect(r.map((x) => x.rwnd / MSS)).toEqual([8, 8, 8, 6, 2, 2, 2]);
    expect(r.map((x) => x.swnd / MSS)).toEqual([1, 2, 4, 6, 2, 2, 2]);
    expect(cwnds(r)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  test('an application that never reads closes the window: rwnd 0, nothing sent', () => {
    const r = runRounds(withReceiver(6, 0, { rounds: 5 }));
    expect(r.map((x) => x.rwnd / MSS)).toEqual([6, 5, 3, 0, 0]);
    expect(r[3]!.sent).toEqual([]);
  });

  test('bytes beyond a lost segment take buffer space until the retransmission fills the hole', () => {
    const r = runRounds(
      withReceiver(20, 20, { ssthresh: 8, events: [{ round: 4, kind: 'dupacks' }], rounds: 6 }),
    );
    // Round 4 sends 8 segments, the first is lost, 7 wait beyond the hole.
    expect(r[4]!.rwnd / MSS).toBe(13);
    expect(r[4]!.swnd / MSS).toBe(4);
    expect(r[5]!.rwnd / MSS).toBe(20);
  });
});

const pureBlock = {
  name: 'chart',
  congestion: {
    model: 'rounds',
    algorithm: 'reno',
    mss: 1000,
    initial_cwnd: 1000,
    ssthresh: 16000,
    rwnd: 64000,
    events: [
      { round: 13, timeout: true },
      { round: 22, dupacks: 3 },
    ],
  },
};

describe('the `congestion` scenario block', () => {
  test('a pure round-model scenario (no endpoints): empty packet-level trace, rounds in bytes', () => {
    const t = simulate(pureBlock, { seed: 1 });
    expect(t.segments).toEqual([]);
    expect(t.states).toEqual([]);
    // Default length: 20 rounds, or one past the last event (round 22).
    expect(t.rounds).toHaveLength(23);
    expect(t.rounds![0]).toEqual({
      round: 1,
      cwnd: 1000,
      ssthresh: 16000,
      rwnd: 64000,
      swnd: 1000,
      phase: 'slow_start',
      sent: [[1, 1000]],
      event: null,
    });
    expect(cwnds(t.rounds!)).toEqual([...CHART_PREFIX, 8]);
  });

  test('`rounds` sets the table length; initial_cwnd defaults to 1 MSS', () => {
    const { initial_cwnd: _unused, ...rest } = pureBlock.congestion;
    const t = simulate({ congestion: { ...rest, events: [], rounds: 5 } });
    expect(cwnds(t.rounds!)).toEqual([1, 2, 4, 8, 16]);
  });

  test('a `receiver` block (buffer, read per round, randomisable) instead of rwnd', () => {
    const { rwnd: _rwnd, ...rest } = pureBlock.congestion;
    const t = simulate(
      {
        congestion: {
          ...rest,
          events: [],
          rounds: 6,
          receiver: { buffer: 8000, read: { range: [2000, 2000] } },
        },
      },
      { seed: 2 },
    );
    expect(t.params['congestion.receiver.read']).toBe(2000);
    expect(t.rounds!.map((r) => r.rwnd)).toEqual([8000, 8000, 8000, 6000, 2000, 2000]);
  });

  test('a scenario without a congestion block has no rounds (existing traces unchanged)', () => {
    expect('rounds' in simulateNamed('refused', { seed: 3 })).toBe(false);
  });

  test.each([
    { what: 'bad algorithm', block: { algorithm: 'cubic' }, path: 'congestion.algorithm' },
    { what: 'mss 0', block: { mss: 0 }, path: 'congestion.mss' },
    { what: 'ssthresh text', block: { ssthresh: 'big' }, path: 'congestion.ssthresh' },
    {
      what: 'dupacks 2',
      block: { events: [{ round: 3, dupacks: 2 }] },
      path: 'congestion.events[0].dupacks',
    },
    {
      what: 'event with both',
      block: { events: [{ round: 3, timeout: true, dupacks: 3 }] },
      path: 'congestion.events[0]',
    },
    { what: 'event with neither', block: { events: [{ round: 3 }] }, path: 'congestion.events[0]' },
    { what: 'unknown field', block: { cwnd: 3 }, path: 'congestion' },
    { what: 'unknown model', block: { model: 'packets' }, path: 'congestion.model' },
    {
      what: 'rwnd and receiver',
      block: { receiver: { buffer: 8000, read: 1000 } },
      path: 'congestion.rwnd',
    },
    {
      what: 'receiver without read',
      block: { rwnd: undefined, receiver: { buffer: 8000 } },
      path: 'congestion.receiver.read',
    },
  ])('$what → $path', ({ block, path }) => {
    let error: unknown;
    try {
      parseScenario({ congestion: { ...pureBlock.congestion, ...block } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).path).toBe(path);
  });

  test('no endpoints and no congestion block is still an error on `endpoints`', () => {
    expect(() => parseScenario({ endpoints: {} })).toThrow(
      /^endpoints: expected at least one endpoint/,
    );
  });

  test.each(['congestion-reno', 'congestion-tahoe'])(
    '%s: randomised ssthresh (whole MSS) and event rounds are in params; --set fixes them',
    (name) => {
      const entry = listScenarios().find((s) => s.name === name);
      expect(entry?.params.map((p) => p.path)).toEqual(
        expect.arrayContaining(['congestion.ssthresh', 'congestion.events[0].round']),
      );
      for (const seed of [1, 2, 3, 4, 5]) {
        const t = simulate(getScenario(name), { seed });
        const ss = t.params['congestion.ssthresh'] as number;
        expect(ss % 1000).toBe(0);
        expect(t.rounds![0]!.ssthresh).toBe(ss);
        const timeoutRound = t.params['congestion.events[0].round'] as number;
        expect(t.rounds![timeoutRound - 1]!.event).toBe('timeout');
        expect(t.segments.length).toBeGreaterThan(0);
      }
      const fixed = simulate(getScenario(name), {
        seed: 9,
        set: { 'congestion.ssthresh': 8000, 'congestion.events[0].round': 6 },
      });
      expect(cwnds(fixed.rounds!).slice(0, 7)).toEqual([1, 2, 4, 8, 9, 10, 1]);
    },
  );
});

type Choice = 'none' | 'timeout' | 'dupacks';

const sentBytes = (r: CongestionRound) => r.sent.reduce((n, [a, b]) => n + b - a + 1, 0);

/**
 * Random configs whose events are legal: rounds are visited in order and a chosen three-dup-ACK
 * event is kept only when that round's window holds at least 4 segments (an event never
 * changes the rounds before it, so the check holds in the final table).
 */
const configArbFor = (model: NonNullable<RoundsConfig['model']>): fc.Arbitrary<RoundsConfig> =>
  fc
    .record({
      algorithm: fc.constantFrom<'tahoe' | 'reno'>('tahoe', 'reno'),
      mss: fc.constantFrom(1, 536, 1000, 1460),
      initial: fc.integer({ min: 1, max: 4 }),
      ssthresh: fc.integer({ min: 1, max: 64 }),
      rwnd: fc.integer({ min: 0, max: 80 }),
      receiver: fc.option(
        fc.record({
          buffer: fc.integer({ min: 1, max: 64 }),
          read: fc.integer({ min: 0, max: 16 }),
        }),
      ),
      choices: fc.array(
        fc.constantFrom<Choice>('none', 'none', 'none', 'none', 'timeout', 'dupacks'),
        { minLength: 1, maxLength: 40 },
      ),
    })
    .map((c) => {
      const config: RoundsConfig = {
        model,
        algorithm: c.algorithm,
        mss: c.mss,
        initialCwnd: c.initial * c.mss,
        ssthresh: c.ssthresh * c.mss,
        rwnd:
          c.receiver === null
            ? c.rwnd * c.mss
            : { buffer: c.receiver.buffer * c.mss, read: c.receiver.read * c.mss },
        events: [],
        rounds: c.choices.length,
      };
      const events: CongestionEvent[] = [];
      c.choices.forEach((choice, i) => {
        const round = i + 1;
        if (choice === 'timeout') events.push({ round, kind: 'timeout' });
        if (choice === 'dupacks') {
          const row = runRounds({ ...config, events, rounds: round })[i]!;
          if (sentBytes(row) >= 4 * c.mss) events.push({ round, kind: 'dupacks' });
        }
      });
      return { ...config, events };
    });
const configArb = configArbFor('rounds');

describe('properties of the round model', () => {
  const arb = configArb;

  test('cwnd ≥ 1 MSS, ssthresh ≥ 1 MSS, swnd = min(cwnd, rwnd), one row per round', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const table = runRounds(c);
        expect(table.map((r) => r.round)).toEqual(
          Array.from({ length: c.rounds }, (_, i) => i + 1),
        );
        for (const r of table) {
          expect(r.cwnd).toBeGreaterThanOrEqual(c.mss);
          expect(r.ssthresh).toBeGreaterThanOrEqual(c.mss);
          expect(r.swnd).toBe(Math.min(r.cwnd, r.rwnd));
          const limit = typeof c.rwnd === 'number' ? c.rwnd : c.rwnd.buffer;
          expect(r.rwnd).toBeGreaterThanOrEqual(0);
          expect(r.rwnd).toBeLessThanOrEqual(limit);
          const bytes = r.sent.reduce((n, [a, b]) => n + b - a + 1, 0);
          expect(bytes).toBe(r.swnd);
        }
      }),
    );
  });

  test('each round follows the rule of the one before: slow start never passes ssthresh', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const table = runRounds(c);
        for (let i = 1; i < table.length; i++) {
          const prev = table[i - 1]!;
          const cur = table[i]!;
          const half = Math.max(Math.floor(prev.cwnd / 2 / c.mss) * c.mss, 2 * c.mss);
          if (prev.event === null) {
            expect(cur.ssthresh).toBe(prev.ssthresh);
            if (prev.cwnd < prev.ssthresh) {
              expect(cur.cwnd).toBe(Math.min(2 * prev.cwnd, prev.ssthresh));
              expect(cur.cwnd).toBeLessThanOrEqual(prev.ssthresh);
            } else {
              expect(cur.cwnd).toBe(prev.cwnd + c.mss);
            }
          } else {
            expect(cur.ssthresh).toBe(half);
            const renoDupacks = prev.event === 'dupacks' && c.algorithm === 'reno';
            expect(cur.cwnd).toBe(renoDupacks ? half : c.mss);
            expect(cur.phase).toBe(renoDupacks ? 'fast_recovery' : 'slow_start');
          }
        }
      }),
    );
  });

  test('deterministic: the same config gives the same table; the catalog the same trace', () => {
    fc.assert(
      fc.property(arb, (c) => {
        expect(runRounds(c)).toEqual(runRounds(structuredClone(c)));
      }),
    );
    expect(JSON.stringify(simulateNamed('congestion-reno', { seed: 7 }))).toBe(
      JSON.stringify(simulateNamed('congestion-reno', { seed: 7 })),
    );
  });
});

/** RFC 5681's per-ACK rules written out again, independently of the engine. */
function perAck(cwnd: number, ssthresh: number, mss: number, acks: number): number {
  let c = cwnd;
  for (let i = 0; i < acks; i++) c += c < ssthresh ? mss : Math.max(1, Math.floor((mss * mss) / c));
  return c;
}

describe('the segments model: per-ACK growth in bytes (RFC 5681)', () => {
  const base = { model: 'segments' as const, algorithm: 'reno' as const, mss: MSS };

  test('slow start adds 1 MSS per ACK and switches to congestion avoidance mid-round', () => {
    const r = runRounds({
      ...base,
      initialCwnd: MSS,
      ssthresh: 5 * MSS,
      rwnd: 64 * MSS,
      events: [],
      rounds: 5,
    });
    // Round 3 sends 4 segments: the 1st ACK takes cwnd 4000 → 5000 (= ssthresh), the other
    // three add 1e6/5000 = 200, 1e6/5200 = 192, 1e6/5392 = 185.
    expect(r.map((x) => x.cwnd)).toEqual([1000, 2000, 4000, 5577, 6420]);
    expect(r.map((x) => x.phase)).toEqual([
      'slow_start',
      'slow_start',
      'slow_start',
      'congestion_avoidance',
      'congestion_avoidance',
    ]);
    // Whole segments only: cwnd 5577 sends 5 segments.
    expect(r[3]!.sent).toEqual([[7001, 12000]]);
  });

  test('a loss halves the bytes in flight; Reno recovers to it, a timeout restarts at 1 MSS', () => {
    const r = runRounds({
      ...base,
      initialCwnd: MSS,
      ssthresh: 5 * MSS,
      rwnd: 64 * MSS,
      events: [
        { round: 6, kind: 'dupacks' },
        { round: 9, kind: 'timeout' },
      ],
      rounds: 11,
    });
    const rows = r.map((x) => [x.round, x.cwnd, x.ssthresh, x.phase]);
    expect(rows.slice(5)).toEqual([
      [6, 7301, 5000, 'congestion_avoidance'],
      // 7 segments were in flight: ssthresh = 7000 / 2; cwnd 3500 sends the lost segment and two new.
      [7, 3500, 3500, 'fast_recovery'],
      [8, 4295, 3500, 'congestion_avoidance'],
      [9, 5158, 3500, 'congestion_avoidance'],
      // A timeout with 5 segments in flight: ssthresh = max(2500, 2 MSS).
      [10, 1000, 2500, 'slow_start'],
      [11, 2000, 2500, 'slow_start'],
    ]);
    expect(r[6]!.sent).toEqual([
      [18001, 19000],
      [25001, 27000],
    ]);
  });

  test('rwnd limits what is sent, so fewer ACKs and slower growth than the exam model', () => {
    const c = {
      ...base,
      initialCwnd: MSS,
      ssthresh: 64 * MSS,
      rwnd: 4 * MSS,
      events: [],
      rounds: 6,
    };
    const segments = runRounds(c);
    const exam = runRounds({ ...c, model: 'rounds' });
    expect(segments.map((x) => x.cwnd / MSS)).toEqual([1, 2, 4, 8, 12, 16]);
    expect(exam.map((x) => x.cwnd / MSS)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(segments.map((x) => x.swnd / MSS)).toEqual([1, 2, 4, 4, 4, 4]);
  });

  test('a scenario block selects it with "model": "segments"', () => {
    const t = simulate(
      parseScenario({
        name: 'per-ack',
        congestion: {
          model: 'segments',
          algorithm: 'tahoe',
          mss: 1000,
          ssthresh: 3000,
          rwnd: 64000,
          rounds: 4,
        },
      }),
      { seed: 1 },
    );
    expect(t.rounds?.map((r) => r.cwnd)).toEqual([1000, 2000, 3333, 4163]);
  });

  test('properties: swnd = min(cwnd, rwnd); whole segments; cwnd never exceeds the per-ACK rule', () => {
    fc.assert(
      fc.property(configArbFor('segments'), (c) => {
        const table = runRounds(c);
        for (let i = 0; i < table.length; i++) {
          const cur = table[i]!;
          expect(cur.swnd).toBe(Math.min(cur.cwnd, cur.rwnd));
          const bytes = sentBytes(cur);
          expect(bytes).toBeLessThanOrEqual(cur.swnd);
          if (cur.swnd >= c.mss) expect(bytes % c.mss).toBe(0);
          expect(cur.cwnd).toBeGreaterThanOrEqual(c.mss);
          if (i === 0) continue;
          const prev = table[i - 1]!;
          const flight = sentBytes(prev);
          if (prev.event === null) {
            const acks = Math.ceil(flight / c.mss);
            expect(cur.cwnd).toBe(perAck(prev.cwnd, prev.ssthresh, c.mss, acks));
            // Slow start at most doubles; congestion avoidance adds at most 1 MSS per round.
            expect(cur.cwnd).toBeLessThanOrEqual(prev.cwnd + acks * c.mss);
            expect(cur.cwnd).toBeLessThanOrEqual(2 * prev.cwnd);
            // (Unless MSS² < cwnd, where RFC 5681's 1-byte floor per ACK takes over: mss 1.)
            if (prev.cwnd >= prev.ssthresh && c.mss * c.mss >= cur.cwnd)
              expect(cur.cwnd).toBeLessThanOrEqual(prev.cwnd + c.mss);
          } else {
            const half = Math.max(Math.floor(flight / 2), 2 * c.mss);
            expect(cur.ssthresh).toBe(half);
            const renoDupacks = prev.event === 'dupacks' && c.algorithm === 'reno';
            expect(cur.cwnd).toBe(renoDupacks ? half : c.mss);
          }
        }
      }),
    );
  });
});
