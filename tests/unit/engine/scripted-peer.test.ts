// The scripted peer: a `raw` endpoint sends segments with any flags and numbers (optionally
// forged as another endpoint) and checks what reaches it. Expected values are RFC 9293 §3.10.7
// and RFC 5961 (what a Linux socket answers), not read off the engine.

import { describe, expect, test } from 'vitest';
import {
  ScenarioError,
  getScenario,
  simulate,
  type ScenarioInput,
  type Trace,
  type TraceSegment,
} from '@/lib/engine';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

function mismatches(t: Trace): string[] {
  return t.events.filter((e) => e.event === 'mismatch').map((e) => e.detail ?? '');
}

function from(t: Trace, endpoint: string): TraceSegment[] {
  return t.segments.filter((s) => s.from === endpoint);
}

describe('catalog rst-injection: RFC 5961 §3.2 on a live connection', () => {
  test.each(SEEDS)('seed %i: in-window RST → challenge ACK; RST at RCV.NXT → reset', (seed) => {
    const t = simulate(getScenario('rst-injection'), { seed });
    expect(mismatches(t)).toEqual([]);
    const rsts = from(t, 'peer').filter((s) => s.flags === 'R');
    expect(rsts).toHaveLength(2);
    // The server answers only the first RST, with <SEQ=SND.NXT><ACK=RCV.NXT>.
    const replies = from(t, 'server').filter((s) => s.t > rsts[0]!.t);
    expect(replies.map((s) => [s.flags, s.seq, s.ack, s.why])).toEqual([['.', 1, 1, 'challenge']]);
    expect(replies[0]!.t).toBeLessThan(rsts[1]!.t);
    // The exact RST ends the connection: CLOSED and ECONNRESET for the blocked recv.
    const closed = t.states.find(
      (s) => s.endpoint === 'server' && s.socket === 'conn' && s.state === 'CLOSED',
    );
    expect(closed?.t).toBeCloseTo(rsts[1]!.t + 0.01, 6);
    expect(t.events.find((e) => e.endpoint === 'server' && e.event === 'error')?.errno).toBe(
      'ECONNRESET',
    );
  });
});

describe('catalog blind-reset: forged RSTs from off the path', () => {
  test.each(SEEDS)('seed %i: the guesses never reset the connection', (seed) => {
    const t = simulate(getScenario('blind-reset'), { seed });
    const forged = t.segments.filter((s) => s.why === 'spoofed');
    // Forged as the client: its address and port, not the attacker's.
    expect(forged.map((s) => [s.from, s.sport, s.flags])).toEqual([
      ['client', 40200, 'R'],
      ['client', 40200, 'R'],
    ]);
    // Outside the window: nothing. Inside: one challenge ACK, to the real client.
    const challenges = t.segments.filter((s) => s.why === 'challenge');
    expect(challenges).toHaveLength(1);
    expect(challenges[0]).toMatchObject({ from: 'server', to: 'client' });
    expect(challenges[0]!.t).toBeGreaterThan(forged[1]!.t);
    // The connection is unharmed: the server reads EOF, no error anywhere, the client's
    // orderly close ends in TIME_WAIT.
    expect(t.events.filter((e) => e.event === 'error')).toEqual([]);
    expect(t.events.some((e) => e.endpoint === 'server' && e.event === 'eof')).toBe(true);
    expect(t.states.some((s) => s.endpoint === 'client' && s.state === 'TIME_WAIT')).toBe(true);
    // The attacker never receives anything (replies go where the forged address points).
    expect(t.segments.filter((s) => s.to === 'attacker')).toEqual([]);
  });
});

describe('catalog syn-on-established: a rebooted client connects again', () => {
  test.each(SEEDS)('seed %i: challenge ACK, RST at RCV.NXT, then a new connection', (seed) => {
    const t = simulate(getScenario('syn-on-established'), { seed });
    expect(mismatches(t)).toEqual([]);
    const server = from(t, 'server').map((s) => s.flags + (s.why ? `/${s.why}` : ''));
    expect(server).toEqual(['S.', './challenge', 'S.']);
    expect(t.events.filter((e) => e.endpoint === 'server').map((e) => e.event)).toEqual([
      'listen',
      'accept',
      'error',
      'accept',
    ]);
  });
});

/** Two endpoints: a Linux server listening on 9000 and a scripted client. */
function scripted(program: unknown[], extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'scripted',
    profile: 'linux',
    link: { delay: 0.01 },
    isn: { client: 1000, server: 5000 },
    endpoints: {
      server: { port: 9000, program: [{ listen: {} }, { accept: {} }, { recv_until_eof: {} }] },
      client: { port: 40000, raw: true, program },
    },
    faults: [],
    sysctl: {},
    ...extra,
  } as ScenarioInput;
}

describe('segment and expect', () => {
  test('numbers are relative to the ISNs unless {abs}; the wire carries absolute values', () => {
    const t = simulate(
      scripted([
        { segment: { to: 'server', flags: 'S', seq: 0 } },
        { expect: { flags: 'S.', seq: 0, ack: { abs: 1001 } } },
        { segment: { to: 'server', flags: '.', seq: { abs: 1001 }, ack: 1 } },
        { segment: { to: 'server', flags: 'P.', seq: 1, ack: 1, len: 100 } },
        { expect: { flags: '.', ack: 101 } },
      ]),
      { seed: 1 },
    );
    expect(mismatches(t)).toEqual([]);
    expect(from(t, 'client').map((s) => [s.flags, s.abs_seq, s.abs_ack, s.len, s.win])).toEqual([
      ['S', 1000, null, 0, 65535],
      ['.', 1001, 5001, 0, 65535],
      ['P.', 1001, 5001, 100, 65535],
    ]);
    expect(t.events.find((e) => e.endpoint === 'server' && e.event === 'recv')?.bytes).toBe(100);
  });

  test('a raw endpoint answers nothing: a SYN to it gets no RST', () => {
    const t = simulate(
      {
        name: 'silent',
        profile: 'linux',
        link: { delay: 0.01 },
        isn: { client: 1, peer: 2 },
        endpoints: {
          client: { port: 40000, program: [{ connect: 'peer' }] },
          peer: { port: 80, raw: true, program: [] },
        },
        faults: [],
        sysctl: {},
      },
      { seed: 1 },
    );
    expect(from(t, 'peer')).toEqual([]);
    // The client keeps retransmitting its SYN and finally gives up.
    expect(t.events.at(-1)).toMatchObject({ event: 'connect_error', errno: 'ETIMEDOUT' });
  });

  test('an unmet expectation is a mismatch event and stops the script', () => {
    const t = simulate(
      scripted([
        { segment: { to: 'server', flags: 'S', seq: 0 } },
        { expect: { flags: 'R.' } },
        { segment: { to: 'server', flags: '.', seq: 1, ack: 1 } },
      ]),
      { seed: 1 },
    );
    expect(mismatches(t)).toEqual(['expected R., got S. from server seq 0 ack 1 len 0']);
    // The step after the failed expectation never ran.
    expect(from(t, 'client')).toHaveLength(1);
  });

  test('an expectation still waiting when the run ends is reported', () => {
    const t = simulate(scripted([{ expect: { flags: 'S.' } }]), { seed: 1 });
    expect(mismatches(t)).toEqual(['expected S., nothing arrived']);
  });

  test.each([
    [{ segment: { to: 'nobody', flags: 'S', seq: 0 } }, 'segment.to', 'no endpoint named "nobody"'],
    [
      { segment: { to: 'server', spoof: 'ghost', flags: 'R', seq: 0 } },
      'segment.spoof',
      'no endpoint named "ghost"',
    ],
    [{ expect: { flags: 'S.', from: 'ghost' } }, 'expect.from', 'no endpoint named "ghost"'],
    [{ segment: { to: 'server', flags: '', seq: 0 } }, 'segment.flags', 'at least one flag'],
    [{ segment: { to: 'server', flags: 'SYN', seq: 0 } }, 'segment.flags', 'tcpdump flags'],
    [{ segment: { to: 'server', flags: 'S', seq: { abs: -1 } } }, 'segment.seq.abs', '>=0'],
    [{ segment: { to: 'server', flags: 'S', seq: 'x' } }, 'segment.seq', '{"abs": n}'],
    [{ segment: { to: 'server', flags: 'S' } }, 'segment.seq', '{"abs": n}'],
  ])('%j → ScenarioError at %s', (step, field, problem) => {
    let err: unknown;
    try {
      simulate(scripted([step]), { seed: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).path).toBe(`endpoints.client.program[0].${field}`);
    expect((err as ScenarioError).problem).toContain(problem);
  });
});
