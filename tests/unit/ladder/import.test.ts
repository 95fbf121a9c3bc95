// A trace JSON file is validated before it is shown; problems name the field.
import { describe, expect, test } from 'vitest';
import { simulateNamed } from '@/lib/engine';
import { parseTraceJson } from '@/lib/trace-export';
import { handshakeTrace } from './fixtures';

describe('parseTraceJson', () => {
  test('an exported trace round-trips unchanged', () => {
    const trace = simulateNamed('handshake-data-close', { seed: 2 });
    const result = parseTraceJson(JSON.stringify(trace));
    expect(result).toEqual({ ok: true, trace });
  });

  test('fields a newer engine adds are kept, not dropped', () => {
    const base = handshakeTrace();
    const newer = {
      ...base,
      congestion_model: 'cubic',
      segments: base.segments.map((s) => ({ ...s, options: 'mss 1460,nop,wscale 7' })),
      events: [{ ...base.events[0]!, socket: 'listener', fd: 3 }],
    };
    const result = parseTraceJson(JSON.stringify(newer));
    expect(result.ok && result.trace).toEqual(newer);
  });

  test('a trace without timers or end (an older export) gets them filled in', () => {
    const { timers: _timers, end: _end, ...old } = handshakeTrace();
    const result = parseTraceJson(JSON.stringify(old));
    expect(result.ok && result.trace.timers).toEqual([]);
    expect(result.ok && result.trace.end).toBe(62.0002);
  });

  test.each([
    ['not JSON', '{', ''],
    [
      'a bad state',
      JSON.stringify({
        ...handshakeTrace(),
        states: [{ t: 0, endpoint: 'c', socket: 'conn', cport: 1, state: 'SYN-RCVD' }],
      }),
      'states[0].state',
    ],
    [
      'bad flags',
      JSON.stringify({
        ...handshakeTrace(),
        segments: [{ ...handshakeTrace().segments[0], flags: 'SYN' }],
      }),
      'segments[0].flags',
    ],
    ['a missing field', JSON.stringify({ ...handshakeTrace(), profile: undefined }), 'profile'],
    [
      'a segment before the first segment',
      JSON.stringify({
        ...handshakeTrace(),
        segments: [{ ...handshakeTrace().segments[0], t: -1 }],
      }),
      'segments[0].t',
    ],
    [
      'a round without its window',
      JSON.stringify({ ...handshakeTrace(), rounds: [{ round: 1 }] }),
      'rounds[0].cwnd',
    ],
  ])('%s is refused, naming %s', (_name, text, path) => {
    const result = parseTraceJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.path).toBe(path);
      expect(result.message).not.toBe('');
    }
  });
});
