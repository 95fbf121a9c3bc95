// Issue 21: when the tail-loss-probe timer fires and unsent data waits behind a full congestion
// window, Linux sends one new segment anyway (tcp_send_loss_probe → tcp_write_xmit with
// push_one = 2, "Force out a loss probe pkt"); it retransmits the last sent segment only when
// there is no new data or the receive window has no room for it (FIDELITY.md item 92).

import { expect, test } from 'vitest';
import { simulate, type Trace, type TraceSegment } from '@/lib/engine';

/** Eleven full segments with the initial window of ten (TCP_INIT_CWND): one waits unsent. */
const SEGMENTS = 11;
const MSS = 1448; // 1500-byte MTU − 40 bytes of headers − 12 bytes of timestamp option

function simulateBurst(bytes: number): Trace {
  return simulate(
    {
      name: 'issue-21-tlp-new-data',
      link: { delay: 0.01 },
      isn: { client: 1000, server: 5000 },
      endpoints: {
        server: {
          port: 9000,
          program: [{ listen: { backlog: 16 } }, { accept: {} }, { recv_until_eof: {} }],
        },
        client: {
          port: 40001,
          program: [{ connect: 'server' }, { send: bytes, at: 0.1 }, { close: {}, at: 3 }],
        },
      },
      // Every ACK of the data is lost for a while, so nothing opens the window.
      faults: [
        {
          from: 'server',
          to: 'client',
          match: { pure_ack: true },
          action: 'drop',
          window: [0.05, 1],
        },
      ],
    },
    { seed: 1 },
  );
}

function run(bytes: number): TraceSegment[] {
  return simulateBurst(bytes).segments.filter((s) => s.from === 'client' && s.len > 0);
}

test('the loss probe sends the unsent 11th segment past the full window, before any RTO', () => {
  const data = run(SEGMENTS * MSS);
  const burst = data.slice(0, 10);
  expect(burst.map((s) => s.seq)).toEqual(burst.map((_, i) => 1 + i * MSS));
  expect(new Set(burst.map((s) => s.t)).size).toBe(1);

  const probe = data[10]!;
  // New data (seq 1 + 10·MSS), not a retransmission of the head or the tail.
  expect([probe.seq, probe.len]).toEqual([1 + 10 * MSS, MSS]);
  expect(probe.why).toBeUndefined();
  // PTO = 2·SRTT + 2 jiffies with several segments in flight (RTT 20 ms here): well before
  // the 200 ms-plus RTO.
  const sinceBurst = probe.t - burst[0]!.t;
  expect(sinceBurst).toBeGreaterThan(0.04);
  expect(sinceBurst).toBeLessThan(0.1);

  // The RTO then retransmits the head, as before.
  const rto = data.find((s) => s.why === 'rto')!;
  expect(rto.seq).toBe(1);
  expect(rto.t).toBeGreaterThan(probe.t);
});

test('with nothing unsent, the loss probe retransmits the last segment', () => {
  const data = run(10 * MSS);
  const probe = data[10]!;
  expect([probe.seq, probe.len, probe.why]).toEqual([1 + 9 * MSS, MSS, 'tlp']);
});

test('after a new-data probe only the RTO is armed: no second probe (push_one = 2)', () => {
  const t = simulateBurst(SEGMENTS * MSS);
  const fired = t.timers.find(
    (x) => x.endpoint === 'client' && x.timer === 'loss_probe' && x.action === 'fire',
  )!;
  const atProbe = t.timers.filter((x) => x.endpoint === 'client' && x.t === fired.t);
  expect(atProbe.map((x) => [x.timer, x.action])).toEqual([
    ['loss_probe', 'fire'],
    ['retransmit', 'set'],
  ]);
});
