// Issue 19, finding 1: every bound on what a scenario may ask for, and on what one run may
// do, stops it with a typed error that names the limit and the field.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import {
  RUN_LIMITS,
  RunLimitError,
  SCENARIO_LIMITS,
  SYSCTL_MAX,
  ScenarioLimitError,
  parseScenario,
  runRounds,
  simulate,
  type ScenarioInput,
} from '@/lib/engine';

// These tests start `node --import tsx` (one to two seconds each, more on a loaded machine):
// the limit guards against a hang, it does not time the CLI.
vi.setConfig({ testTimeout: 60_000 });

const server = { port: 9000, program: [{ listen: {} }, { accept: {} }] };
const client = (...steps: unknown[]) => ({
  port: 40001,
  program: [{ connect: 'server' }, ...steps],
});
const twoEnds = (steps: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  endpoints: { server, client: client(...steps) },
  ...extra,
});
const flood = (count: unknown, extra: Record<string, unknown> = {}) => ({
  endpoints: {
    server,
    attacker: { port: 6666, program: [{ syn_flood: { target: 'server', count, interval: 0 } }] },
  },
  ...extra,
});
const congestion = (block: Record<string, unknown>) => ({
  congestion: { algorithm: 'reno', mss: 1000, ssthresh: 8000, rwnd: 64000, ...block },
});
const manyEndpoints = (n: number) => ({
  endpoints: Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`h${i}`, { port: 1000 + i, program: [] }]),
  ),
});

function limitError(input: unknown): ScenarioLimitError {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioLimitError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioLimitError');
}

describe('scenario bounds (SCENARIO_LIMITS): one past the bound is refused, naming the field', () => {
  const L = SCENARIO_LIMITS;
  test.each([
    {
      what: 'a 50,000-SYN flood (the crashing share link)',
      input: flood(50_000),
      path: 'endpoints.attacker.program[0].syn_flood.count',
      limit: 'synFloodCount',
      max: L.synFloodCount,
    },
    {
      what: 'a flood count drawn from a range that reaches past the bound',
      input: flood({ range: [1, L.synFloodCount + 1] }),
      path: 'endpoints.attacker.program[0].syn_flood.count',
      limit: 'synFloodCount',
      max: L.synFloodCount,
    },
    {
      what: 'too many endpoints',
      input: manyEndpoints(L.endpoints + 1),
      path: 'endpoints',
      limit: 'endpoints',
      max: L.endpoints,
    },
    {
      what: 'too many program steps',
      input: twoEnds(Array.from({ length: L.programSteps }, () => ({ send: 1 }))),
      path: 'endpoints.client.program',
      limit: 'programSteps',
      max: L.programSteps,
    },
    {
      what: 'too many faults',
      input: twoEnds([], {
        faults: Array.from({ length: L.faults + 1 }, () => ({
          from: 'client',
          to: 'server',
          action: 'drop',
        })),
      }),
      path: 'faults',
      limit: 'faults',
      max: L.faults,
    },
    {
      what: 'a send past the byte bound',
      input: twoEnds([{ send: L.stepBytes + 1 }]),
      path: 'endpoints.client.program[1].send',
      limit: 'stepBytes',
      max: L.stepBytes,
    },
    {
      what: 'a recv past the byte bound',
      input: twoEnds([{ recv: { range: [1, L.stepBytes + 1] } }]),
      path: 'endpoints.client.program[1].recv',
      limit: 'stepBytes',
      max: L.stepBytes,
    },
    {
      what: 'a sleep past the virtual-time horizon',
      input: twoEnds([{ sleep: L.seconds + 1 }]),
      path: 'endpoints.client.program[1].sleep',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a step starting past the horizon',
      input: twoEnds([{ close: {}, at: L.seconds + 1 }]),
      path: 'endpoints.client.program[1].at',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a flood interval past the horizon',
      input: {
        endpoints: {
          server,
          attacker: {
            port: 6666,
            program: [{ syn_flood: { target: 'server', count: 2, interval: L.seconds + 1 } }],
          },
        },
      },
      path: 'endpoints.attacker.program[0].syn_flood.interval',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a link delay past the horizon',
      input: twoEnds([], { link: { delay: L.seconds + 1 } }),
      path: 'link.delay',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a fault delay past the horizon',
      input: twoEnds([], {
        faults: [{ from: 'client', to: 'server', action: 'delay', delay: L.seconds + 1 }],
      }),
      path: 'faults[0].delay',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a fault window past the horizon',
      input: twoEnds([], {
        faults: [{ from: 'client', to: 'server', action: 'drop', window: [0, L.seconds + 1] }],
      }),
      path: 'faults[0].window[1]',
      limit: 'seconds',
      max: L.seconds,
    },
    {
      what: 'a sysctl past Linux’s own bound',
      input: twoEnds([], {
        sysctl: { client: { tcp_syn_retries: SYSCTL_MAX.tcp_syn_retries + 1 } },
      }),
      path: 'sysctl.client.tcp_syn_retries',
      limit: 'sysctl',
      max: 127,
    },
    {
      what: 'a huge tcp_max_syn_backlog',
      input: twoEnds([], { sysctl: { server: { tcp_max_syn_backlog: 1e12 } } }),
      path: 'sysctl.server.tcp_max_syn_backlog',
      limit: 'sysctl',
      max: SYSCTL_MAX.tcp_max_syn_backlog,
    },
    {
      what: 'a keepalive probe count past MAX_TCP_KEEPCNT',
      input: twoEnds([{ setsockopt: { keepalive: { idle: 1, intvl: 1, cnt: 128 } } }]),
      path: 'endpoints.client.program[1].setsockopt.keepalive.cnt',
      limit: 'keepalive',
      max: 127,
    },
    {
      what: 'a very long scenario name',
      input: twoEnds([], { name: 'x'.repeat(L.nameChars + 1) }),
      path: 'name',
      limit: 'nameChars',
      max: L.nameChars,
    },
    {
      what: 'a very long endpoint name',
      input: { endpoints: { ['e'.repeat(L.nameChars + 1)]: { port: 1, program: [] } } },
      path: `endpoints.${'e'.repeat(L.nameChars + 1)}`,
      limit: 'nameChars',
      max: L.nameChars,
    },
    {
      what: 'a very long description',
      input: twoEnds([], { description: 'd'.repeat(L.textChars + 1) }),
      path: 'description',
      limit: 'textChars',
      max: L.textChars,
    },
    {
      what: 'too many congestion rounds',
      input: congestion({ rounds: L.congestionRounds + 1 }),
      path: 'congestion.rounds',
      limit: 'congestionRounds',
      max: L.congestionRounds,
    },
    {
      what: 'a congestion event far beyond the rounds (it would set the round count)',
      input: congestion({ events: [{ round: 1_000_000_000, timeout: true }] }),
      path: 'congestion.events[0].round',
      limit: 'congestionRounds',
      max: L.congestionRounds,
    },
    {
      what: 'a receive window past 2^30 bytes',
      input: congestion({ rwnd: L.congestionBytes + 1 }),
      path: 'congestion.rwnd',
      limit: 'congestionBytes',
      max: L.congestionBytes,
    },
    {
      what: 'a file that tries to raise its own event budget',
      input: twoEnds([], { limits: { max_events: RUN_LIMITS.events + 1 } }),
      path: 'limits.max_events',
      limit: 'events',
      max: RUN_LIMITS.events,
    },
    {
      what: 'a file that tries to raise its own time budget',
      input: twoEnds([], { limits: { max_time: RUN_LIMITS.time + 1 } }),
      path: 'limits.max_time',
      limit: 'time',
      max: RUN_LIMITS.time,
    },
    {
      what: 'a file that tries to raise its own trace budget',
      input: twoEnds([], { limits: { max_trace_entries: RUN_LIMITS.traceEntries + 1 } }),
      path: 'limits.max_trace_entries',
      limit: 'traceEntries',
      max: RUN_LIMITS.traceEntries,
    },
  ])('$what → $path: at most $max', ({ input, path, limit, max }) => {
    const error = limitError(input);
    expect(error).toBeInstanceOf(ScenarioLimitError);
    expect(error.code).toBe('LIMIT_SCENARIO');
    expect(error.path).toBe(path);
    expect(error.limit).toBe(limit);
    expect(error.max).toBe(max);
    expect(error.message).toMatch(
      new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: at most ${max.toLocaleString('en-US')}`),
    );
  });

  test('the example of the issue reads exactly so', () => {
    expect(limitError(flood(50_000)).message).toBe(
      'endpoints.attacker.program[0].syn_flood.count: at most 2,000',
    );
  });

  test.each([
    ['the flood bound itself', flood(SCENARIO_LIMITS.synFloodCount)],
    ['the step bound itself', twoEnds(Array.from({ length: 63 }, () => ({ send: 1 })))],
    ['the endpoint bound itself', manyEndpoints(SCENARIO_LIMITS.endpoints)],
    ['every sysctl at its maximum', twoEnds([], { sysctl: { client: { ...SYSCTL_MAX } } })],
  ])('%s is accepted', (_what, input) => {
    expect(() => parseScenario(input)).not.toThrow();
  });

  test('a --set override is held to the same bounds', () => {
    let error: unknown;
    try {
      simulate(twoEnds(), { set: { 'client.tcp_synack_retries': '1000' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioLimitError);
    expect((error as ScenarioLimitError).path).toBe('sysctl.client.tcp_synack_retries');
  });
});

function runLimitError(fn: () => unknown): RunLimitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RunLimitError) return e;
    throw e;
  }
  throw new Error('expected a RunLimitError');
}

// A data transfer that needs many events, trace entries and (with a slow link) virtual time.
const transfer = (limits: ScenarioInput['limits'], link = { delay: 0.0001 }): ScenarioInput => ({
  name: 'transfer',
  link,
  endpoints: {
    server: { port: 9000, program: [{ listen: {} }, { accept: {} }, { recv_until_eof: {} }] },
    client: { port: 40001, program: [{ connect: 'server' }, { send: 200_000 }, { close: {} }] },
  },
  limits,
});

describe('the run budget (RUN_LIMITS, or the file’s lower limits)', () => {
  test.each([
    {
      what: 'events',
      limits: { max_events: 50 },
      code: 'LIMIT_EVENTS',
      path: 'limits.max_events',
      message: 'needs more than 50 simulation events',
    },
    {
      what: 'trace entries',
      limits: { max_trace_entries: 40 },
      code: 'LIMIT_TRACE',
      path: 'limits.max_trace_entries',
      message: 'produces more than 40 trace entries',
    },
    {
      what: 'virtual time',
      limits: { max_time: 0.5 },
      code: 'LIMIT_TIME',
      path: 'limits.max_time',
      message: 'is still running at 0.5 s of virtual time',
    },
  ])('$what: past the budget → $code naming $path', ({ what, limits, code, path, message }) => {
    const error = runLimitError(() =>
      simulate(transfer(limits, what === 'virtual time' ? { delay: 0.2 } : { delay: 0.0001 })),
    );
    expect(error.code).toBe(code);
    expect(error.path).toBe(path);
    expect(error.message).toBe(`${path}: scenario "transfer" ${message}`);
  });

  test('within the budget the same transfer runs', () => {
    expect(simulate(transfer({})).segments.length).toBeGreaterThan(100);
  });

  test.each([
    { backlog: 4, fits: true },
    { backlog: 65_535, fits: false },
  ])(
    'the largest flood the schema accepts against a SYN queue of $backlog: fits the trace budget: $fits',
    ({ backlog, fits }) => {
      const input = {
        endpoints: {
          server: { port: 9000, program: [{ listen: { backlog } }, { accept: {} }] },
          attacker: flood(SCENARIO_LIMITS.synFloodCount).endpoints.attacker,
        },
        sysctl: { server: { tcp_syncookies: 0, tcp_max_syn_backlog: 65_535, somaxconn: 65_535 } },
      };
      if (fits) {
        const trace = simulate(input);
        expect(trace.segments.length).toBeGreaterThan(SCENARIO_LIMITS.synFloodCount);
      } else {
        // Every SYN would be queued and its SYN-ACK sent six times: 14,000 segments.
        expect(runLimitError(() => simulate(input)).code).toBe('LIMIT_TRACE');
      }
    },
  );

  test('the round model charges the same budget: a 1-byte MSS under a 2^30-byte window stops', () => {
    const error = runLimitError(() =>
      simulate({
        congestion: {
          model: 'segments',
          algorithm: 'reno',
          mss: 1,
          ssthresh: SCENARIO_LIMITS.congestionBytes,
          rwnd: SCENARIO_LIMITS.congestionBytes,
          rounds: SCENARIO_LIMITS.congestionRounds,
        },
      }),
    );
    expect(error.code).toBe('LIMIT_EVENTS');
    expect(error.max).toBe(RUN_LIMITS.events);
  });

  test('runRounds called directly (the question generators) has the default budget too', () => {
    const error = runLimitError(() =>
      runRounds({
        model: 'segments',
        algorithm: 'reno',
        mss: 1,
        initialCwnd: 1,
        ssthresh: 2 ** 30,
        rwnd: 2 ** 30,
        events: [],
        rounds: 1000,
      }),
    );
    expect(error.limit).toBe('events');
  });
});

describe('the sim command line', () => {
  test('a file past a bound exits 2 with the same one-line error', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ackademy-sim-'));
    const file = join(dir, 'flood.json');
    writeFileSync(file, JSON.stringify(flood(50_000)));
    const result = spawnSync('npx', ['tsx', 'scripts/sim.ts', '--file', file], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'sim: endpoints.attacker.program[0].syn_flood.count: at most 2,000',
    );
  });
});
