// Issue 19, finding 1: an imported trace is bounded like a run. No larger than the engine's
// trace budget, and a text too long to be a trace is refused before it is parsed.
import { describe, expect, test } from 'vitest';
import { RUN_LIMITS, SCENARIO_LIMITS, simulateNamed } from '@/lib/engine';
import { parseTraceJson, TRACE_IMPORT_MAX_CHARS } from '@/lib/trace-export';

const base = simulateNamed('handshake-data-close', { seed: 2 });
const segment = base.segments[0]!;

describe('parseTraceJson bounds', () => {
  test('a trace with more entries than any run may produce is refused, naming the limit', () => {
    const segments = Array.from({ length: RUN_LIMITS.traceEntries + 1 }, (_, i) => ({
      ...segment,
      t: i / 1000,
    }));
    const result = parseTraceJson(
      JSON.stringify({ ...base, segments, states: [], events: [], timers: [] }),
    );
    expect(result).toMatchObject({
      ok: false,
      path: '',
      message: 'at most 5,000 entries in segments, states, events and timers together',
      limit: { name: 'traceEntries', max: RUN_LIMITS.traceEntries },
    });
  });

  test('the largest trace a run may produce imports', () => {
    const segments = Array.from({ length: RUN_LIMITS.traceEntries }, (_, i) => ({
      ...segment,
      t: i / 1000,
    }));
    const result = parseTraceJson(
      JSON.stringify({ ...base, segments, states: [], events: [], timers: [] }),
    );
    expect(result.ok).toBe(true);
    // `end` of an older export without one is the last time: a loop, not a spread of 5,000.
    const { end: _end, ...old } = { ...base, segments, states: [], events: [], timers: [] };
    const reread = parseTraceJson(JSON.stringify(old));
    expect(reread.ok && reread.trace.end).toBe((RUN_LIMITS.traceEntries - 1) / 1000);
  });

  test('more rounds than a congestion block may ask for are refused', () => {
    const rounds = Array.from({ length: SCENARIO_LIMITS.congestionRounds + 1 }, (_, i) => ({
      round: i + 1,
      cwnd: 1000,
      ssthresh: 16000,
      rwnd: 64000,
      swnd: 1000,
      phase: 'slow_start',
      sent: [[1, 1000]],
      event: null,
    }));
    const result = parseTraceJson(JSON.stringify({ ...base, rounds }));
    expect(result).toMatchObject({ ok: false, path: 'rounds', limit: { name: 'rounds' } });
  });

  test('a text longer than any export is refused before JSON.parse', () => {
    const result = parseTraceJson(' '.repeat(TRACE_IMPORT_MAX_CHARS + 1));
    expect(result).toMatchObject({
      ok: false,
      limit: { name: 'chars', max: TRACE_IMPORT_MAX_CHARS },
    });
  });
});
