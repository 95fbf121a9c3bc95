// Malformed scenario files and --set values: the error names the field path and the problem.

import { describe, expect, test } from 'vitest';
import { ScenarioError, getScenario, parseScenario, simulate } from '@/lib/engine';

const ok = {
  endpoints: {
    server: { port: 9000, program: [{ listen: {} }] },
    client: { port: 40001, program: [{ connect: 'server' }] },
  },
};
const withClientStep = (step: unknown) => ({
  endpoints: {
    ...ok.endpoints,
    client: { port: 40001, program: [{ connect: 'server' }, { send: 10 }, step] },
  },
});

function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  test('a minimal file is valid and gets defaults', () => {
    const f = parseScenario(ok);
    expect(f.profile).toBe('linux');
    expect(f.faults).toEqual([]);
  });

  test.each([
    {
      what: 'negative send',
      input: withClientStep({ send: -1 }),
      path: 'endpoints.client.program[2].send',
      problem: 'expected a byte count ≥ 0 or {"range":[a,b]}',
    },
    {
      what: 'send as text',
      input: withClientStep({ send: 'lots' }),
      path: 'endpoints.client.program[2].send',
      problem: 'expected a byte count ≥ 0 or {"range":[a,b]}',
    },
    {
      what: 'inverted range',
      input: withClientStep({ sleep: { range: [3, 1] } }),
      path: 'endpoints.client.program[2].sleep',
      problem: 'expected a time in seconds ≥ 0 or {"range":[a,b]}',
    },
    {
      what: 'two actions in a step',
      input: withClientStep({ send: 1, close: {} }),
      path: 'endpoints.client.program[2]',
      problem: 'expected exactly one action',
    },
    {
      what: 'no action',
      input: withClientStep({ at: 1 }),
      path: 'endpoints.client.program[2]',
      problem: 'got none',
    },
    {
      what: 'unknown step',
      input: withClientStep({ fly: 1 }),
      path: 'endpoints.client.program[2]',
      problem: 'unknown field(s) "fly"',
    },
    {
      what: 'bad shutdown',
      input: withClientStep({ shutdown: 'sideways' }),
      path: 'endpoints.client.program[2].shutdown',
      problem: '',
    },
    {
      what: 'connect to nobody',
      input: withClientStep({ connect: 'ghost' }),
      path: 'endpoints.client.program[2].connect',
      problem: 'no endpoint named "ghost"',
    },
    {
      what: 'connect {peer} to nobody',
      input: withClientStep({ connect: { peer: 'ghost', port: 9000 } }),
      path: 'endpoints.client.program[2].connect',
      problem: 'no endpoint named "ghost"',
    },
    {
      what: 'syn_flood at nobody',
      input: withClientStep({ syn_flood: { target: 'ghost', count: 3, interval: 0.01 } }),
      path: 'endpoints.client.program[2].syn_flood.target',
      problem: 'no endpoint named "ghost"',
    },
    {
      what: 'inject_syn to nobody',
      input: withClientStep({ inject_syn: { to: 'ghost', seq_offset: -5000 } }),
      path: 'endpoints.client.program[2].inject_syn.to',
      problem: 'no endpoint named "ghost"',
    },
    {
      what: 'syn_flood without a count',
      input: withClientStep({ syn_flood: { target: 'server', interval: 0.01 } }),
      path: 'endpoints.client.program[2].syn_flood.count',
      problem: 'expected a SYN count ≥ 1 or {"range":[a,b]}',
    },
    {
      what: 'recv neither bytes nor "all"',
      input: withClientStep({ recv: 'some' }),
      path: 'endpoints.client.program[2].recv',
      problem: 'expected a byte count ≥ 0, {"range":[a,b]} or "all"',
    },
    {
      what: 'unknown field inside an action',
      input: withClientStep({ close: { how: 'now' } }),
      path: 'endpoints.client.program[2].close',
      problem: 'unknown field(s) "how"',
    },
    {
      what: 'unknown sysctl',
      input: { ...ok, sysctl: { client: { tcp_magic: 1 } } },
      path: 'sysctl.client',
      problem: 'unknown field(s) "tcp_magic"',
    },
    {
      what: 'sysctl for unknown endpoint',
      input: { ...ok, sysctl: { router: { tcp_syn_retries: 1 } } },
      path: 'sysctl.router',
      problem: 'no endpoint named "router"',
    },
    { what: 'bad profile', input: { ...ok, profile: 'bsd' }, path: 'profile', problem: '' },
    {
      what: 'ISN out of range',
      input: { ...ok, isn: { client: 2 ** 33 } },
      path: 'isn.client',
      problem: 'expected an ISN (integer 0..4294967295) or {"range":[a,b]} or "random"',
    },
    {
      what: 'port out of range',
      input: { endpoints: { a: { port: 70000, program: [] } } },
      path: 'endpoints.a.port',
      problem: '',
    },
    {
      what: 'bad fault flags',
      input: {
        ...ok,
        faults: [{ from: 'client', to: 'server', match: { flags: 'SYN' }, action: 'drop' }],
      },
      path: 'faults[0].match.flags',
      problem: 'tcpdump flags',
    },
    {
      what: 'delay without delay',
      input: { ...ok, faults: [{ from: 'client', to: 'server', match: {}, action: 'delay' }] },
      path: 'faults[0].delay',
      problem: 'needs "delay"',
    },
    {
      what: 'fault between unknown endpoints',
      input: { ...ok, faults: [{ from: 'x', to: 'server', action: 'drop' }] },
      path: 'faults[0].from',
      problem: 'no endpoint named "x"',
    },
    {
      what: 'no endpoints',
      input: { endpoints: {} },
      path: 'endpoints',
      problem: 'at least one endpoint',
    },
    { what: 'not an object', input: 42, path: '', problem: '' },
  ])('$what → $path', ({ input, path, problem }) => {
    const e = errorOf(() => parseScenario(input));
    expect(e.path).toBe(path);
    expect(e.message).toContain(problem);
    expect(e.message.startsWith(path)).toBe(true);
  });
});

describe('--set values', () => {
  test.each([
    {
      set: { 'client.tcp_bogus': '1' } as Record<string, string>,
      message: 'unknown sysctl "tcp_bogus"',
    },
    { set: { 'client.tcp_syn_retries': 'many' }, message: 'expected a number' },
    { set: { 'isn.nobody': '1' }, message: 'no endpoint named "nobody"' },
    { set: { 'warp.speed': '9' }, message: 'unknown key' },
    { set: { profile: 'bsd' }, message: 'expected "linux" or "rfc"' },
    { set: { 'endpoints.client.program[9].send': '1' }, message: 'no field' },
  ])('$set → $message', ({ set, message }) => {
    const e = errorOf(() => simulate(getScenario('refused'), { seed: 1, set }));
    expect(e.message).toContain(message);
    expect(e.code).toBe('SET_INVALID');
  });

  test('app.latency sets the time between two system calls of a program', () => {
    const slow = simulate(getScenario('handshake-data-close'), {
      seed: 1,
      set: { 'app.latency': '0.002' },
    });
    expect(slow.params['app.latency']).toBe(0.002);
    expect(
      errorOf(() => simulate(getScenario('refused'), { seed: 1, set: { 'app.latency': 'x' } }))
        .message,
    ).toContain('expected a number');
  });

  test('an unknown catalog name lists the known ones', () => {
    const e = errorOf(() => getScenario('no-such'));
    expect(e.code).toBe('SCENARIO_UNKNOWN');
    expect(e.message).toContain('handshake-data-close');
  });
});
