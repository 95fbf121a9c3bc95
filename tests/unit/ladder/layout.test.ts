// The ladder's geometry: an ordinal time axis that keeps microseconds apart and folds
// a 60 s TIME_WAIT into one marked break; lanes, lost segments, marks and timers.
import { describe, expect, test } from 'vitest';
import {
  COMPACT,
  CROSSING_LABEL_AT,
  LOST_AT,
  METRICS,
  layoutLadder,
} from '@/app/_components/ladder/layout';
import { simulateNamed } from '@/lib/engine';
import { handshakeTrace } from './fixtures';

describe('layoutLadder', () => {
  const trace = handshakeTrace();
  const layout = layoutLadder(trace, 720);

  test('one row per distinct instant, in time order, each at least a row apart', () => {
    const ts = layout.rows.map((r) => r.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(new Set(ts).size).toBe(ts.length);
    for (let i = 1; i < layout.rows.length; i++)
      expect(layout.rows[i]!.y - layout.rows[i - 1]!.y).toBeGreaterThanOrEqual(METRICS.row);
  });

  test('microsecond steps get rows of their own: 0, 100 µs, 200 µs, 300 µs are all labelled', () => {
    const labels = layout.rows.map((r) => r.label);
    expect(labels.slice(0, 4)).toEqual(['0 s', '100 µs', '200 µs', '300 µs']);
  });

  test('the 60 s of TIME_WAIT is one break labelled "… 1 min …", not 60 s of paper', () => {
    expect(layout.gaps.map((g) => g.label)).toEqual(['… 1 s …', '… 1 s …', '… 1 min …']);
    const last = layout.rows.at(-1)!;
    expect(last.label).toBe('1 min 2.0002 s');
    expect(layout.height).toBeLessThan(900);
  });

  test('segments slope down from sender to receiver; a lost one stops partway', () => {
    const [client, server] = layout.lanes;
    expect(client!.name).toBe('client');
    expect(server!.name).toBe('server');
    const syn = layout.arrows[0]!;
    expect(syn.x1).toBe(client!.x);
    expect(syn.x2).toBe(server!.x);
    expect(syn.y2).toBeGreaterThan(syn.y1);
    const lost = layout.arrows[2]!;
    expect(lost.lost).toBe(true);
    expect(lost.x2).toBeCloseTo(client!.x + (server!.x - client!.x) * LOST_AT);
    expect(lost.label).toBe('. ack 1');
    expect(layout.arrows[3]!.retransmission).toBe(true);
  });

  test('states are marked beside their own lifeline, outside the lanes', () => {
    const client = layout.lanes[0]!;
    const synSent = layout.marks.find((m) => m.text === 'SYN_SENT')!;
    expect(synSent.lane).toBe('client');
    expect(synSent.anchor).toBe('end');
    expect(synSent.x).toBeLessThan(client.x);
    // Two marks at one instant on one lane are stacked, not drawn over each other.
    const closing = layout.marks.filter((m) => m.lane === 'server' && m.t === 2.0001);
    expect(closing.map((m) => m.text)).toEqual(['CLOSE_WAIT', 'LAST_ACK']);
    expect(closing[1]!.y).toBeGreaterThan(closing[0]!.y);
  });

  test('the lifeline is coloured by state and timers span from set to expiry', () => {
    expect(layout.bands.filter((b) => b.lane === 'client').map((b) => b.state)).toEqual([
      'SYN_SENT',
      'ESTABLISHED',
      'TIME_WAIT',
    ]);
    const timeWait = layout.timers.find((s) => s.timer === 'time_wait')!;
    expect(timeWait.y1).toBe(layout.yAt(2.0002));
    expect(timeWait.y2).toBe(layout.yAt(62.0002));
  });

  test('lanes fill a wide screen and keep their minimum gap on a phone', () => {
    const wide = layoutLadder(trace, 1000);
    expect(wide.width).toBe(1000);
    expect(wide.lanes[1]!.x - wide.lanes[0]!.x).toBeGreaterThan(METRICS.minGap);
    const phone = layoutLadder(trace, 343);
    expect(phone.compact).toBe(true);
    expect(phone.lanes[1]!.x - phone.lanes[0]!.x).toBeGreaterThanOrEqual(COMPACT.minGap);
    expect(phone.width).toBe(343);
  });

  test('yAt interpolates between rows and clamps outside them', () => {
    const a = layout.rows[0]!;
    const b = layout.rows[1]!;
    expect(layout.yAt((a.t + b.t) / 2)).toBeCloseTo((a.y + b.y) / 2);
    expect(layout.yAt(-1)).toBe(a.y);
    layout.rows.slice(1).forEach((r, i) => {
      const p = layout.rows[i]!;
      expect(layout.yAt(p.t + (r.t - p.t) / 4)).toBeCloseTo(p.y + (r.y - p.y) / 4);
    });
    expect(layout.yAt(1e9)).toBe(layout.rows.at(-1)!.y);
  });

  test('a multi-client catalog run (syn-flood) gets one lane per endpoint', () => {
    const flood = layoutLadder(simulateNamed('syn-flood', { seed: 1 }), 720);
    expect(flood.lanes.map((l) => l.name)).toEqual(['attacker', 'client', 'server']);
    expect(flood.arrows.length).toBeGreaterThan(10);
    expect(flood.width).toBeGreaterThanOrEqual(720);
  });
});

test('a spoofed SYN or a challenge ACK is annotated, not drawn as a retransmission', () => {
  const flood = layoutLadder(simulateNamed('syn-flood', { seed: 1 }), 720);
  const spoofed = flood.arrows.filter((a) => a.segment.why === 'spoofed');
  expect(spoofed.length).toBeGreaterThan(0);
  expect(spoofed.every((a) => !a.retransmission)).toBe(true);
});

test('a lost segment is labelled at the middle of its whole path, so the label has room', () => {
  const layout = layoutLadder(handshakeTrace(), 343);
  const lost = layout.arrows.find((a) => a.lost)!;
  const [client, server] = layout.lanes;
  expect(lost.labelX).toBe((client!.x + server!.x) / 2);
  expect(lost.labelY).toBeGreaterThan(lost.y1);
});

test('every timer shows from its set to how it ended: expired, cancelled or replaced', () => {
  const trace = simulateNamed('handshake-data-close', { seed: 1 });
  const layout = layoutLadder(trace, 720);
  const byTimer = (name: string) => layout.timers.filter((s) => s.timer === name);
  // The SYN's retransmission timer is cancelled by the SYN-ACK.
  expect(byTimer('retransmit')[0]).toMatchObject({ lane: 'client', t1: 0, end: 'cancel' });
  // FIN_WAIT2's timer gives way to TIME_WAIT's, which expires.
  const finWait2 = byTimer('fin_wait2')[0]!;
  const timeWait = byTimer('time_wait')[0]!;
  expect(timeWait.end).toBe('fire');
  expect(finWait2.t2).toBeLessThanOrEqual(timeWait.t1);
  for (const s of layout.timers) expect(s.y2).toBeGreaterThanOrEqual(s.y1);
});

test('segments that cross in flight are labelled nearer their senders', () => {
  const flood = layoutLadder(simulateNamed('syn-flood', { seed: 1 }), 900);
  const server = flood.lanes.find((l) => l.name === 'server')!;
  const attacker = flood.lanes.find((l) => l.name === 'attacker')!;
  const synAck = flood.arrows.find(
    (a) => a.segment.from === 'server' && a.segment.to === 'attacker',
  )!;
  expect(synAck.labelX).toBeCloseTo(server.x + (attacker.x - server.x) * CROSSING_LABEL_AT);
  // A plain handshake has no crossing: labels sit at the middle.
  const plain = layoutLadder(handshakeTrace(), 720);
  for (const a of plain.arrows)
    expect(a.labelX).toBeCloseTo((plain.lanes[0]!.x + plain.lanes[1]!.x) / 2);
});

test('the middle lanes of a multi-client run put their marks on the left, the listener on the right', () => {
  const flood = layoutLadder(simulateNamed('syn-flood', { seed: 1 }), 900);
  expect(flood.lanes.map((l) => l.side)).toEqual(['left', 'left', 'right']);
});
