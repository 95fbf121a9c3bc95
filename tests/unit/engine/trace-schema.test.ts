// Issue 21, "one trace schema": every trace the engine produces satisfies the schema its types
// are inferred from, after the JSON round trip an export makes; the import and the questions
// read the same schema, so an event's `socket` (an engine field) now imports.
import { describe, expect, test } from 'vitest';
import {
  listScenarios,
  simulateNamed,
  traceSchema,
  traceSegmentSchema,
  type Profile,
  type Trace,
} from '@/lib/engine';
import { shownTraceSchema } from '@/lib/questions/schema';
import { parseTraceJson } from '@/lib/trace-export';

const SEEDS = [1, 7, 2024];
const PROFILES: readonly Profile[] = ['linux', 'rfc'];
const runs = listScenarios().flatMap(({ name }) =>
  PROFILES.flatMap((profile) => SEEDS.map((seed) => [name, profile, seed] as const)),
);

/** What a file holds: undefined optional fields vanish, as in an export. */
function exported(trace: Trace): unknown {
  return JSON.parse(JSON.stringify(trace));
}

describe('every catalog trace satisfies the trace schema', () => {
  test.each(runs)('%s (%s, seed %i)', (name, profile, seed) => {
    const json = exported(simulateNamed(name, { seed, profile }));
    const parsed = traceSchema.safeParse(json);
    expect(parsed.error?.issues).toBeUndefined();
    // Strip mode keeps every field: nothing the engine writes is missing from the schema.
    expect(parsed.data).toStrictEqual(json);
    expect(parseTraceJson(JSON.stringify(json))).toStrictEqual({ ok: true, trace: json });
  });

  test('the catalog exercises the optional parts (round tables, listener events, retransmits)', () => {
    const traces = runs.map(([name, profile, seed]) => simulateNamed(name, { seed, profile }));
    expect(traces.some((t) => (t.rounds?.length ?? 0) > 0)).toBe(true);
    expect(traces.some((t) => t.events.some((e) => e.socket === 'listener'))).toBe(true);
    expect(traces.some((t) => t.segments.some((s) => s.why !== undefined))).toBe(true);
    expect(traces.some((t) => t.events.some((e) => e.errno !== undefined))).toBe(true);
  });
});

describe('one schema for engine, import and questions', () => {
  const trace = exported(simulateNamed('handshake-data-close', { seed: 2 })) as Trace;
  const listenerClose = {
    t: trace.end,
    endpoint: 'server',
    event: 'close',
    socket: 'listener',
  } as const;

  test("an imported event with socket 'listener' keeps it", () => {
    const withListener = { ...trace, events: [...trace.events, listenerClose] };
    const result = parseTraceJson(JSON.stringify(withListener));
    expect(result.ok && result.trace.events.at(-1)).toStrictEqual(listenerClose);
  });

  test("a question's shown trace keeps an event's socket too", () => {
    const { rounds: _rounds, ...shown } = { ...trace, events: [listenerClose] };
    expect(shownTraceSchema.parse(shown).events).toStrictEqual([listenerClose]);
  });

  test.each([
    ["an event socket the engine never writes ('conn')", { socket: 'conn' }, 'events[0].socket'],
    ['an unknown event name', { event: 'shutdown_wr' }, 'events[0].event'],
    ['an errno outside the list', { errno: 'EWOULDBLOCK' }, 'events[0].errno'],
    ['a fractional byte count', { bytes: 1.5 }, 'events[0].bytes'],
  ])('%s is refused, naming %s', (_name, change, path) => {
    const bad = { ...trace, events: [{ ...listenerClose, ...change }] };
    const result = parseTraceJson(JSON.stringify(bad));
    expect(result).toMatchObject({ ok: false, path });
    expect(result.ok || result.message).toMatch(/\S/);
  });

  test('the refusal says what was expected', () => {
    const result = parseTraceJson(
      JSON.stringify({ ...trace, events: [{ ...listenerClose, socket: 'conn' }] }),
    );
    expect(result).toMatchObject({ ok: false, path: 'events[0].socket' });
    expect(!result.ok && result.message).toContain('"listener"');
  });

  test('the engine schema is strict about what the engine always writes', () => {
    // An import fills in `timers` and `end` for old files; the engine's own schema does not.
    const { timers: _timers, ...noTimers } = trace;
    expect(traceSchema.safeParse(noTimers).error?.issues[0]?.path).toEqual(['timers']);
  });

  test('only a socket call may come before the first segment (t < 0); a segment may not', () => {
    // keepalive: the server's listen() runs one app latency (0.2 ms) before the client's SYN.
    const keepalive = simulateNamed('keepalive', { seed: 1 });
    expect(keepalive.events[0]).toMatchObject({ event: 'listen', t: -0.0002 });
    expect(parseTraceJson(JSON.stringify(keepalive)).ok).toBe(true);
    const segment = trace.segments[0]!;
    expect(traceSegmentSchema.safeParse({ ...segment, t: -0.0002 }).success).toBe(false);
  });
});
