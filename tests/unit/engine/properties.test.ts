// Property-based tests (fast-check) over random two-endpoint scenarios and fault schedules.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  getScenario,
  isLegalTransition,
  listScenarios,
  simulate,
  type ScenarioInput,
  type TcpState,
  type Trace,
} from '@/lib/engine';

const faultArb = fc.record({
  from: fc.constantFrom('client', 'server'),
  kind: fc.constantFrom('data', 'fin', 'pure_ack', 'syn', 'synack'),
  nth: fc.integer({ min: 1, max: 3 }),
  action: fc.constantFrom('drop', 'delay', 'duplicate'),
});

const scenarioArb = fc.record({
  clientBytes: fc.integer({ min: 0, max: 12000 }),
  serverBytes: fc.integer({ min: 0, max: 6000 }),
  serverCloseFirst: fc.boolean(),
  closeAt: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  delay: fc.double({ min: 0.0001, max: 0.05, noNaN: true }),
  profile: fc.constantFrom('linux', 'rfc'),
  faults: fc.array(faultArb, { maxLength: 3 }),
});

type Params = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): ScenarioInput {
  const match = (kind: string, nth: number) =>
    kind === 'data'
      ? { data: true, nth }
      : kind === 'fin'
        ? { flags: 'F.', nth }
        : kind === 'pure_ack'
          ? { pure_ack: true, nth }
          : kind === 'syn'
            ? { flags: 'S', nth }
            : { flags: 'S.', nth };
  const server = [
    { listen: {} },
    { accept: {} },
    { recv_until_eof: {} },
    { send: p.serverBytes },
    { close: {} },
  ];
  const client = p.serverCloseFirst
    ? [
        { connect: 'server' },
        { send: p.clientBytes },
        { shutdown: 'write' },
        { recv_until_eof: {} },
        { close: {}, at: p.closeAt },
      ]
    : [{ connect: 'server' }, { send: p.clientBytes }, { close: {}, at: p.closeAt }];
  return {
    name: 'random',
    profile: p.profile as 'linux' | 'rfc',
    link: { delay: p.delay },
    endpoints: {
      server: { port: 9000, program: server },
      client: { port: 40001, program: client },
    },
    faults: p.faults.map((f) => ({
      from: f.from,
      to: f.from === 'client' ? 'server' : 'client',
      match: match(f.kind, f.nth),
      action: f.action as 'drop' | 'delay' | 'duplicate',
      ...(f.action === 'delay' ? { delay: 0.3 } : {}),
    })),
  } as ScenarioInput;
}

function statesBySocket(t: Trace): Map<string, TcpState[]> {
  const m = new Map<string, TcpState[]>();
  for (const s of t.states) {
    const k = `${s.endpoint}|${s.socket}|${s.cport}`;
    m.set(k, [...(m.get(k) ?? []), s.state]);
  }
  return m;
}

const RUNS = {
  numRuns: Number(process.env.FC_RUNS ?? 60),
  seed: Number(process.env.FC_SEED ?? 20261123),
};

describe('catalog scenarios', () => {
  test('every state change the world applies is in TRANSITIONS (checkTransitions on)', () => {
    for (const { name } of listScenarios())
      for (const profile of ['linux', 'rfc'] as const)
        for (let seed = 1; seed <= 5; seed++)
          expect(() =>
            simulate(getScenario(name), { seed, profile, checkTransitions: true }),
          ).not.toThrow();
  });
});

describe('random scenarios and fault schedules', () => {
  test('only legal transitions (the trace, and the world checking each state change as it is applied)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (p, seed) => {
        const t = simulate(build(p), { seed, checkTransitions: true });
        for (const [key, states] of statesBySocket(t)) {
          let prev: TcpState = key.includes('|listener|')
            ? 'CLOSED'
            : states[0] === 'SYN_RECV'
              ? 'LISTEN'
              : 'CLOSED';
          for (const s of states) {
            if (s !== prev && !isLegalTransition(prev, s)) {
              // Zero-time intermediate states are collapsed by the table (FIN_WAIT1→FIN_WAIT2→TIME_WAIT).
              expect(`${key}: ${prev} → ${s}`).toBe('a legal transition');
            }
            prev = s;
          }
        }
      }),
      RUNS,
    );
  });

  test('never ACKs beyond what the peer sent; seq/ack consistent with the bytes written', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (p, seed) => {
        const t = simulate(build(p), { seed });
        const highest: Record<string, number> = { client: 0, server: 0 };
        const written: Record<string, number> = { client: 0, server: 0 };
        const events = [...t.events];
        let ei = 0;
        for (const s of t.segments) {
          while (ei < events.length && events[ei]!.t <= s.t) {
            const e = events[ei++]!;
            if (e.event === 'send')
              written[e.endpoint] = (written[e.endpoint] ?? 0) + (e.bytes ?? 0);
          }
          const peer = s.from === 'client' ? 'server' : 'client';
          if (s.ack !== null && !s.flags.includes('R'))
            expect(s.ack).toBeLessThanOrEqual(highest[peer]!);
          if (s.seq !== null && !s.flags.includes('R') && s.why !== 'keepalive') {
            const end =
              s.seq + s.len + (s.flags.includes('S') ? 1 : 0) + (s.flags.includes('F') ? 1 : 0);
            // Data never runs past what the application wrote (+1 for SYN, +1 for FIN).
            if (s.len > 0) expect(s.seq + s.len).toBeLessThanOrEqual(1 + written[s.from]!);
            expect(s.seq).toBeLessThanOrEqual(2 + written[s.from]!);
            if (!s.dropped) highest[s.from] = Math.max(highest[s.from]!, end);
          }
        }
      }),
      RUNS,
    );
  });

  test('every connection ends in a defined state; a fully closed run ends CLOSED', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (p, seed) => {
        const t = simulate(build(p), { seed });
        for (const [key, states] of statesBySocket(t)) {
          const last = states[states.length - 1]!;
          if (key.startsWith('client|conn') || key.includes('|listener|'))
            expect(last).toBe('CLOSED');
        }
      }),
      RUNS,
    );
  });

  test('determinism: same scenario and seed → byte-identical JSON', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (p, seed) => {
        expect(JSON.stringify(simulate(build(p), { seed }))).toBe(
          JSON.stringify(simulate(build(p), { seed })),
        );
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
