// Time labels from microseconds to minutes, and tcpdump-like segment labels.
import { describe, expect, test } from 'vitest';
import {
  eventLabel,
  formatDuration,
  formatTime,
  isRetransmission,
  orderEndpoints,
  rfcStateName,
  segmentLabel,
} from '@/lib/trace-export';
import { handshakeTrace } from './fixtures';

describe('formatTime', () => {
  test.each([
    [0, '0 s'],
    [0.0001, '100 µs'],
    [0.0000125, '12.5 µs'],
    [0.01, '10 ms'],
    [0.0002 + 0.0001, '300 µs'],
    [0.184145, '184.145 ms'],
    [1.024, '1.024 s'],
    [7.168, '7.168 s'],
    [60, '1 min'],
    [67.584, '1 min 7.584 s'],
    [62.0002, '1 min 2.0002 s'],
    [9.0102, '9.0102 s'],
    [3600, '60 min'],
  ])('%s s → %s', (t, label) => {
    expect(formatTime(t)).toBe(label);
  });

  test('a duration is rounded to three significant digits', () => {
    expect(formatDuration(60.0001)).toBe('1 min');
    expect(formatDuration(2.0159)).toBe('2.02 s');
    expect(formatDuration(0.19999)).toBe('200 ms');
  });
});

describe('segmentLabel', () => {
  const [syn, synack, ack, , , data, fin] = handshakeTrace().segments;
  test.each([
    ['SYN', syn!, 'S 0:0(0)'],
    ['SYN-ACK', synack!, 'S. 0:0(0) ack 1'],
    ['pure ACK', ack!, '. ack 1'],
    ['data', data!, 'P. 1:101(100) ack 1'],
    ['FIN', fin!, 'F. 1:1(0) ack 101'],
  ])('%s → %s', (_name, segment, label) => {
    expect(segmentLabel(segment)).toBe(label);
  });

  test('a RST answering an unknown connection has no sequence number', () => {
    expect(segmentLabel({ ...syn!, flags: 'R.', seq: null, ack: 1 })).toBe('R. ack 1');
  });
});

test('app events read as calls', () => {
  expect(eventLabel({ t: 0, endpoint: 'c', event: 'connect_error', errno: 'ETIMEDOUT' })).toBe(
    'connect() ETIMEDOUT',
  );
  expect(eventLabel({ t: 0, endpoint: 's', event: 'recv', bytes: 100 })).toBe('recv() = 100');
});

test('the listener is the rightmost lane, clients keep their order of appearance', () => {
  const trace = handshakeTrace();
  expect(orderEndpoints(trace)).toEqual(['client', 'server']);
  const multi = {
    ...trace,
    segments: [{ ...trace.segments[0]!, from: 'attacker' }, ...trace.segments],
  };
  expect(orderEndpoints(multi)).toEqual(['attacker', 'client', 'server']);
});

test('only timer and loss-recovery reasons count as retransmissions', () => {
  for (const why of ['rto', 'tlp', 'fast', 'synack_timer', 'syn_retransmit'])
    expect(isRetransmission(why)).toBe(true);
  for (const why of [undefined, 'challenge', 'keepalive', 'spoofed', 'syncookie'])
    expect(isRetransmission(why)).toBe(false);
});

test.each([
  ['SYN_RECV', 'SYN-RECEIVED'],
  ['FIN_WAIT1', 'FIN-WAIT-1'],
  ['FIN_WAIT2', 'FIN-WAIT-2'],
  ['TIME_WAIT', 'TIME-WAIT'],
  ['ESTABLISHED', 'ESTABLISHED'],
] as const)('Linux %s is RFC 9293 %s', (linux, rfc) => {
  expect(rfcStateName(linux)).toBe(rfc);
});
