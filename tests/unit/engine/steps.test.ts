// Program steps (issue 21): a validated step reads as a typed step by kind with the file
// format's defaults, and resolution draws only the step's randomisable numbers, `at` first,
// recording each drawn value under the field's path in the file.

import { describe, expect, test } from 'vitest';
import { ScenarioError, createRng, parseScenario, type ScenarioFile } from '@/lib/engine';
import { resolveScenario, type ResolvedStep } from '@/lib/engine/resolve';
import {
  STEP_ACTIONS,
  isValidatedScenario,
  scenarioStep,
  type ScenarioStep,
} from '@/lib/engine/scenario-schema';

/** A server listening on 9000 and a client whose program is `steps`; ISNs fixed (no draws). */
function fileWith(steps: unknown[]): unknown {
  return {
    isn: { server: 1000, client: 2000 },
    endpoints: {
      server: { port: 9000, program: [{ listen: {} }] },
      client: { port: 40001, program: steps },
    },
  };
}

function clientProgram(file: ScenarioFile): ScenarioFile['endpoints'][string]['program'] {
  const client = file.endpoints.client;
  if (client === undefined) throw new Error('the test file has a client');
  return client.program;
}

function typed(written: unknown): ScenarioStep {
  const [only] = clientProgram(parseScenario(fileWith([written])));
  const step = only === undefined ? undefined : scenarioStep(only);
  if (step === undefined) throw new Error('one step with an action expected');
  return step;
}

function resolvedClient(steps: unknown[], seed: number): ResolvedStep[] {
  const resolved = resolveScenario(parseScenario(fileWith(steps)), createRng(seed));
  return resolved.endpoints.find((e) => e.name === 'client')?.program ?? [];
}

const draw = (value: unknown, integer: boolean, field: string) => ({ value, integer, field });

// Defaults: backlog 128 is SOMAXCONN before Linux 5.4 (FIDELITY.md), the backlog most
// programs pass; syn_flood's src_port 20000 and mss 1460 are docs/engine.md's.
const TYPED: { step: Record<string, unknown>; want: Record<string, unknown> }[] = [
  { step: { listen: {} }, want: { kind: 'listen', backlog: 128 } },
  { step: { listen: { backlog: 5 } }, want: { kind: 'listen', backlog: 5 } },
  { step: { accept: {} }, want: { kind: 'accept' } },
  { step: { connect: 'server' }, want: { kind: 'connect', peer: 'server', port: undefined } },
  {
    step: { connect: { peer: 'server', port: 9001 } },
    want: { kind: 'connect', peer: 'server', port: 9001 },
  },
  { step: { send: 100 }, want: { kind: 'send', bytes: draw(100, true, 'send') } },
  { step: { recv: 'all' }, want: { kind: 'recv', bytes: 'all' } },
  {
    step: { recv: { range: [1, 5] } },
    want: { kind: 'recv', bytes: draw({ range: [1, 5] }, true, 'recv') },
  },
  { step: { recv_until_eof: {} }, want: { kind: 'recv_until_eof' } },
  { step: { shutdown: 'write' }, want: { kind: 'shutdown', how: 'write' } },
  { step: { close: {} }, want: { kind: 'close', socket: undefined } },
  { step: { close: { socket: 'listener' } }, want: { kind: 'close', socket: 'listener' } },
  { step: { abort: {} }, want: { kind: 'abort' } },
  { step: { sleep: 0.5 }, want: { kind: 'sleep', seconds: draw(0.5, false, 'sleep') } },
  {
    step: { setsockopt: { keepalive: { idle: 10, intvl: 2, cnt: 3 }, nodelay: true } },
    want: {
      kind: 'setsockopt',
      keepalive: { idle: 10, intvl: 2, cnt: 3 },
      nodelay: true,
      linger: undefined,
    },
  },
  {
    step: {
      setsockopt: {
        nonblock: true,
        user_timeout: 500,
        maxseg: 1000,
        rcvbuf: 4096,
        reuseaddr: true,
      },
    },
    want: {
      kind: 'setsockopt',
      keepalive: undefined,
      nodelay: undefined,
      linger: undefined,
      nonblock: true,
      userTimeout: 500,
      maxseg: 1000,
      rcvbuf: 4096,
      reuseaddr: true,
    },
  },
  { step: { getsockopt: 'SO_ERROR' }, want: { kind: 'getsockopt', name: 'SO_ERROR' } },
  { step: { ioctl: 'SIOCINQ' }, want: { kind: 'ioctl', name: 'SIOCINQ' } },
  {
    step: { syn_flood: { target: 'server', count: 3, interval: 0.01 } },
    want: {
      kind: 'syn_flood',
      target: 'server',
      count: draw(3, true, 'syn_flood.count'),
      interval: 0.01,
      srcPort: 20000,
      mss: 1460,
    },
  },
  {
    step: { syn_flood: { target: 'server', count: 3, interval: 0, src_port: 1024, mss: 536 } },
    want: {
      kind: 'syn_flood',
      target: 'server',
      count: draw(3, true, 'syn_flood.count'),
      interval: 0,
      srcPort: 1024,
      mss: 536,
    },
  },
  {
    step: { inject_syn: { to: 'server', seq_offset: -5000 } },
    want: {
      kind: 'inject_syn',
      to: 'server',
      seqOffset: draw(-5000, true, 'inject_syn.seq_offset'),
    },
  },
  {
    step: { segment: { to: 'server', flags: 'R', seq: { range: [100, 900] }, spoof: 'client' } },
    want: {
      kind: 'segment',
      to: 'server',
      flags: 'R',
      seq: { absolute: false, value: draw({ range: [100, 900] }, true, 'segment.seq') },
      ack: undefined,
      len: draw(0, true, 'segment.len'),
      win: 65535,
      mss: undefined,
      spoof: 'client',
      port: undefined,
    },
  },
  {
    step: { expect: { flags: 'S.', ack: { abs: 1001 }, from: 'server' } },
    want: {
      kind: 'expect',
      flags: 'S.',
      from: 'server',
      seq: undefined,
      ack: { absolute: true, value: 1001 },
      len: undefined,
    },
  },
];

describe('a validated step reads as its typed step', () => {
  test.each(TYPED)('$step', ({ step, want }) => {
    expect(typed(step)).toEqual({ at: undefined, ...want });
    // `at` is a time, drawn like `sleep`.
    expect(typed({ at: 2, ...step })).toEqual({ at: draw(2, false, 'at'), ...want });
  });

  test('every action of the file format has a row in the table', () => {
    const covered = new Set(TYPED.flatMap(({ step }) => Object.keys(step)));
    expect([...covered].sort()).toEqual([...STEP_ACTIONS].sort());
  });

  test.each([{ step: {} }, { step: { at: 1 } }])(
    'a hand-built step without an action → ScenarioError naming the step ($step)',
    ({ step }) => {
      const file = parseScenario(fileWith([{ close: {} }]));
      const handBuilt: ScenarioFile = structuredClone(file);
      clientProgram(handBuilt).splice(0, 1, step);
      const e = (() => {
        try {
          resolveScenario(handBuilt, createRng(1));
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(ScenarioError);
      expect(e).toMatchObject({
        path: 'endpoints.client.program[0]',
        problem: 'expected exactly one action',
      });
    },
  );
});

describe('resolution draws only the randomisable numbers, in program order', () => {
  test('fixed numbers are taken as written and draw nothing from the seed', () => {
    const steps = [{ at: 1, send: 100 }, { sleep: 0.25 }, { recv: 10 }];
    const resolved = resolveScenario(parseScenario(fileWith(steps)), createRng(7));
    expect(resolved.endpoints.find((e) => e.name === 'client')?.program).toEqual([
      { at: 1, kind: 'send', bytes: 100 },
      { at: undefined, kind: 'sleep', seconds: 0.25 },
      { at: undefined, kind: 'recv', bytes: 10 },
    ]);
    // Only the fixed values of the file and the defaults are in params: nothing was drawn.
    expect(Object.keys(resolved.params).filter((k) => k.includes('program'))).toEqual([]);
  });

  test.each([1, 7, 42])('seed %i: `at` before the action, step after step', (seed) => {
    const steps = [
      { at: { range: [1, 2] }, send: { range: [100, 200] } },
      { sleep: { range: [0.5, 1] } },
      { recv: 'all' },
      { inject_syn: { to: 'server', seq_offset: { range: [-9000, -1000] } } },
    ];
    // The same seed's stream, consumed in the documented order.
    const stream = createRng(seed);
    const at = stream.float(1, 2);
    const bytes = stream.int(100, 200);
    const seconds = stream.float(0.5, 1);
    const seqOffset = stream.int(-9000, -1000);

    const resolved = resolveScenario(parseScenario(fileWith(steps)), createRng(seed));
    const [send, sleep, recv, inject] = resolved.endpoints.find((e) => e.name === 'client')
      ?.program ?? [undefined];
    expect(send).toMatchObject({ kind: 'send', bytes });
    expect(send?.at).toBeCloseTo(at, 5);
    expect(sleep).toMatchObject({ kind: 'sleep', at: undefined });
    expect(sleep?.kind === 'sleep' ? sleep.seconds : NaN).toBeCloseTo(seconds, 5);
    expect(recv).toEqual({ at: undefined, kind: 'recv', bytes: 'all' });
    expect(inject).toEqual({ at: undefined, kind: 'inject_syn', to: 'server', seqOffset });
    // Each drawn value is in the trace's params under its path in the file.
    expect(resolved.params).toMatchObject({
      'client.program[0].send': bytes,
      'client.program[3].inject_syn.seq_offset': seqOffset,
    });
    expect(resolved.params['client.program[0].at']).toBe(send?.at);
    expect(resolved.params['client.program[1].sleep']).toBe(
      sleep?.kind === 'sleep' ? sleep.seconds : NaN,
    );
    expect(Object.keys(resolved.params).filter((k) => k.includes('program'))).toHaveLength(4);
  });

  test('a SYN count drawn from a range is whole and recorded as syn_flood.count', () => {
    for (let seed = 0; seed < 20; seed++) {
      const [flood] = resolvedClient(
        [{ syn_flood: { target: 'server', count: { range: [2, 9] }, interval: 0.01 } }],
        seed,
      );
      if (flood?.kind !== 'syn_flood') throw new Error('a syn_flood step expected');
      expect(Number.isInteger(flood.count)).toBe(true);
      expect(flood.count).toBeGreaterThanOrEqual(2);
      expect(flood.count).toBeLessThanOrEqual(9);
      expect(flood).toMatchObject({ srcPort: 20000, mss: 1460, interval: 0.01 });
    }
  });
});

describe('the parsed file stays in the file format', () => {
  // The simulator page shows getScenario() as editable JSON and --set writes paths such as
  // `endpoints.client.program[1].send` into a parsed file: its steps must read as written.
  test('a parsed file parses again to itself, steps unchanged', () => {
    const steps = [{ connect: 'server' }, { at: 1, send: { range: [1, 9] } }, { close: {} }];
    const file = parseScenario(fileWith(steps));
    expect(clientProgram(file)).toEqual(steps);
    expect(parseScenario(JSON.parse(JSON.stringify(file)))).toEqual(file);
  });

  test('a parsed file is not validated twice; a clone of it is', () => {
    const file = parseScenario(fileWith([{ close: {} }]));
    expect(isValidatedScenario(file)).toBe(true);
    expect(parseScenario(file)).toBe(file);
    const clone = structuredClone(file);
    expect(isValidatedScenario(clone)).toBe(false);
    const again = parseScenario(clone);
    expect(again).toEqual(file);
    expect(isValidatedScenario(again)).toBe(true);
  });
});
