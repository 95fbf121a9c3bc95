// Issue 19, finding 1, as a property: any scenario the schema accepts, however extreme its
// values within the bounds, finishes quickly, either with a trace inside the run budget or
// with a RunLimitError; and no JSON value makes parseScenario fail any other way.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EngineError,
  parseScenario,
  RUN_LIMITS,
  RunLimitError,
  SCENARIO_LIMITS,
  ScenarioError,
  simulate,
  SYSCTL_MAX,
  SYSCTL_NAMES,
} from '@/lib/engine';

const L = SCENARIO_LIMITS;
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

/** A value up to `max`: mostly small, sometimes at or near the bound (where trouble is). */
const upTo = (max: number, integer = true) =>
  fc.oneof(
    integer
      ? fc.integer({ min: 0, max: Math.min(max, 50) })
      : fc.double({ min: 0, max: Math.min(max, 2), noNaN: true }),
    integer ? fc.integer({ min: 0, max }) : fc.double({ min: 0, max, noNaN: true }),
    fc.constant(max),
  );
const randomisable = (max: number, min = 0) =>
  fc.oneof(
    upTo(max).map((n) => Math.max(min, n)),
    fc
      .tuple(upTo(max), upTo(max))
      .map(([a, b]) => ({ range: [Math.max(min, Math.min(a, b)), Math.max(min, a, b)] })),
  );

const stepArb = (peers: string[]) => {
  const peer = fc.constantFrom(...peers);
  const action = fc.oneof(
    fc.record({ listen: fc.record({ backlog: fc.integer({ min: 0, max: 65_535 }) }) }),
    fc.constant({ accept: {} }),
    fc.record({ connect: peer }),
    fc.record({ send: randomisable(L.stepBytes) }),
    fc.record({ recv: fc.oneof(randomisable(L.stepBytes), fc.constant('all')) }),
    fc.constant({ recv_until_eof: {} }),
    fc.record({ shutdown: fc.constantFrom('write', 'read', 'both') }),
    fc.constantFrom({ close: {} }, { close: { socket: 'listener' } }, { abort: {} }),
    fc.record({ sleep: randomisable(L.seconds) }),
    fc.record({
      setsockopt: fc.record({
        keepalive: fc.oneof(
          fc.boolean(),
          fc.record({
            idle: fc.integer({ min: 1, max: SYSCTL_MAX.tcp_keepalive_time }),
            intvl: fc.integer({ min: 1, max: SYSCTL_MAX.tcp_keepalive_intvl }),
            cnt: fc.integer({ min: 1, max: SYSCTL_MAX.tcp_keepalive_probes }),
          }),
        ),
        nodelay: fc.boolean(),
      }),
    }),
    fc.record({
      syn_flood: fc.record({
        target: peer,
        count: randomisable(L.synFloodCount, 1),
        interval: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      }),
    }),
    fc.record({ inject_syn: fc.record({ to: peer, seq_offset: fc.integer() }) }),
  );
  return fc
    .tuple(action, fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }))
    .map(([a, at]) => (at === undefined ? a : { ...a, at }));
};

const sysctlArb = fc
  .subarray([...SYSCTL_NAMES], { maxLength: 6 })
  .chain((names) =>
    fc
      .tuple(...names.map((n) => upTo(SYSCTL_MAX[n])))
      .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]]))),
  );

const scenarioArb = fc.integer({ min: 1, max: NAMES.length }).chain((n) => {
  const names = NAMES.slice(0, n);
  const endpoint = fc.record({
    port: fc.integer({ min: 1, max: 65_535 }),
    program: fc.array(stepArb(names), { maxLength: 10 }),
  });
  const fault = fc.record({
    from: fc.constantFrom(...names),
    to: fc.constantFrom(...names),
    match: fc.record(
      {
        flags: fc.constantFrom('S', 'S.', '.', 'F.', 'R'),
        pure_ack: fc.boolean(),
        nth: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: [] },
    ),
    action: fc.constantFrom('drop', 'duplicate', 'delay'),
    delay: upTo(L.seconds, false),
  });
  return fc.record(
    {
      profile: fc.constantFrom('linux', 'rfc'),
      link: fc.record({ delay: randomisable(1) }),
      endpoints: fc
        .tuple(...names.map(() => endpoint))
        .map((eps) => Object.fromEntries(names.map((name, i) => [name, eps[i]]))),
      sysctl: fc
        .tuple(...names.map(() => sysctlArb))
        .map((s) => Object.fromEntries(names.map((name, i) => [name, s[i]]))),
      faults: fc.array(fault, { maxLength: 4 }),
      congestion: fc.record({
        model: fc.constantFrom('rounds', 'segments'),
        algorithm: fc.constantFrom('tahoe', 'reno'),
        mss: fc.integer({ min: 1, max: 65_535 }),
        ssthresh: randomisable(L.congestionBytes, 1),
        rwnd: randomisable(L.congestionBytes),
        rounds: fc.integer({ min: 1, max: L.congestionRounds }),
      }),
    },
    { requiredKeys: ['endpoints'] },
  );
});

const RUNS = {
  numRuns: Number(process.env.FC_RUNS ?? 80),
  seed: Number(process.env.FC_SEED ?? 20261207),
};

// Generous for a shared 2-core machine; a bounded run takes well under a second.
const WALL_CLOCK_MS = 5_000;

describe('any scenario the schema accepts finishes within the budget', () => {
  test('a trace inside the budget, or a RunLimitError; never a hang or another failure', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (input, seed) => {
        let accepted = true;
        try {
          parseScenario(input);
        } catch (e) {
          // Combinations the schema refuses on purpose (e.g. an unknown peer) are not the point.
          if (!(e instanceof ScenarioError)) throw e;
          accepted = false;
        }
        fc.pre(accepted);
        const started = performance.now();
        try {
          const trace = simulate(input, { seed });
          const entries =
            trace.segments.length + trace.states.length + trace.events.length + trace.timers.length;
          expect(entries).toBeLessThanOrEqual(RUN_LIMITS.traceEntries);
          expect(trace.end + Number(trace.params.t0)).toBeLessThanOrEqual(RUN_LIMITS.time);
          expect(trace.rounds?.length ?? 0).toBeLessThanOrEqual(L.congestionRounds);
        } catch (e) {
          // A run-time refusal is typed: the budget, or the round model's own consistency checks.
          expect(e).toBeInstanceOf(EngineError);
          if (!(e instanceof RunLimitError)) expect(e).toBeInstanceOf(ScenarioError);
        }
        expect(performance.now() - started).toBeLessThan(WALL_CLOCK_MS);
      }),
      RUNS,
    );
  }, 120_000);

  test('any JSON value is accepted or refused with a ScenarioError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        try {
          parseScenario(value);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { ...RUNS, numRuns: 500 },
    );
  });
});
