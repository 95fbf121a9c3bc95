// The segment rules a learner checks (lib/questions/segment-rules.ts): no segment a correct TCP
// sends breaks one, each rule catches what it names while correct re-uses of old numbers
// (retransmission, keepalive, window probe, duplicate ACK) pass, and the order provable from
// seq and ack is exactly the simulation's happens-before order.

import { describe, expect, test } from 'vitest';
import { simulateNamed } from '@/lib/engine';
import {
  happensBefore,
  provableOrder,
  violation,
  type SegmentView,
} from '@/lib/questions/segment-rules';

const RUNS = (['handshake-data-close', 'server-active-close'] as const).flatMap((scenario) =>
  (['linux', 'rfc'] as const).flatMap((profile) =>
    Array.from({ length: 25 }, (_, seed) => ({ scenario, profile, seed })),
  ),
);

const traceOf = (r: (typeof RUNS)[number]) =>
  simulateNamed(r.scenario, { seed: r.seed, profile: r.profile, set: {} });

describe('genuine traces', () => {
  test.each(RUNS)('$scenario $profile seed $seed: no segment breaks a rule', (r) => {
    const segs = traceOf(r).segments;
    const broken = segs.flatMap((s, i) => {
      const v = violation(segs.slice(0, i), s);
      return v === null ? [] : [`#${i + 1} ${v.rule}`];
    });
    expect(broken).toEqual([]);
  });

  test.each(RUNS)('$scenario $profile seed $seed: provable order = happens-before', (r) => {
    const trace = traceOf(r);
    const all = trace.segments.map((_, i) => i);
    expect(provableOrder(trace.segments)).toEqual(happensBefore(trace, all));
  });

  test('a reply comes after what it answers; two segments crossing in flight are unordered', () => {
    // handshake-data-close: #5 is the client's FIN, #6 the server's ACK of the data only.
    const trace = simulateNamed('handshake-data-close', { seed: 1, set: {} });
    const hb = happensBefore(trace, [0, 1, 4, 5]);
    expect(hb[0]![1]).toBe(true); // SYN before SYN+ACK
    expect(hb[1]![2]).toBe(true); // SYN+ACK reached the client before its FIN left
    expect(hb[2]![3] || hb[3]![2]).toBe(false); // FIN and the ACK of the data cross
  });
});

/** A handshake and one data segment: client ISN 100, server ISN 500, 10 bytes. */
const seg = (
  from: 'client' | 'server',
  flags: string,
  seq: number,
  ack: number | null,
  len = 0,
): SegmentView => ({
  from,
  to: from === 'client' ? 'server' : 'client',
  flags,
  abs_seq: seq,
  abs_ack: ack,
  len,
});
const HISTORY: SegmentView[] = [
  seg('client', 'S', 100, null),
  seg('server', 'S.', 500, 101),
  seg('client', '.', 101, 501),
  seg('client', 'P.', 101, 501, 10),
  seg('server', '.', 501, 111),
];

describe('violation', () => {
  test.each([
    ['the next bare ACK', seg('client', '.', 111, 501), null],
    ['a retransmission of the data', seg('client', 'P.', 101, 501, 10), null],
    ['a keepalive (SND.NXT − 1)', seg('client', '.', 110, 501), null],
    ['a keepalive with one byte', seg('client', '.', 110, 501, 1), null],
    ['a duplicate ACK', seg('server', '.', 501, 111), null],
    ['the FIN', seg('client', 'F.', 111, 501), null],
    ['an ack at the peer ISN', seg('client', '.', 111, 500), 'ack-below-syn'],
    ['an ack that goes back', seg('server', '.', 501, 101), 'ack-went-back'],
    ['an ack of bytes never sent', seg('server', '.', 501, 112), 'ack-beyond-sent'],
    ['a FIN at the start of the data', seg('client', 'F.', 101, 501), 'seq-not-next'],
    ['a bare ACK at an old seq', seg('client', '.', 101, 501), 'seq-not-next'],
    ['a seq past SND.NXT', seg('client', '.', 112, 501), 'seq-not-next'],
  ])('%s → %s', (_, m, rule) => {
    expect(violation(HISTORY, m)?.rule ?? null).toBe(rule);
  });

  test('a bare ACK answering a SYN breaks the handshake; the SYN+ACK does not', () => {
    const syn = HISTORY.slice(0, 1);
    expect(violation(syn, seg('server', '.', 500, 101))?.rule).toBe('ack-before-own-syn');
    expect(violation(syn, seg('server', 'S.', 500, 101))).toBeNull();
    expect(violation(syn, seg('server', 'S.', 500, 100))?.rule).toBe('ack-below-syn');
  });
});
