// Issue 21: Nagle never holds back the segment that carries the FIN. close() or
// shutdown(SHUT_WR) puts the FIN on the unsent tail (tcp_send_fin) and pushes with
// TCP_NAGLE_OFF, and tcp_nagle_test lets any segment with FIN go, so a small tail that Nagle
// was holding leaves as `FP.` at once instead of waiting for the ACK of the earlier segment.

import { describe, expect, test } from 'vitest';
import { simulate, type Trace } from '@/lib/engine';

const RTT = 0.02;

/** Two small writes 1 ms apart (Nagle holds the second), then `last` at 2 ms. */
function run(last: Record<string, unknown>): Trace {
  return simulate(
    {
      name: 'issue-21-nagle-fin',
      link: { delay: RTT / 2 },
      isn: { client: 1000, server: 5000 },
      endpoints: {
        server: {
          port: 9000,
          program: [
            { listen: { backlog: 16 } },
            { accept: {} },
            { recv_until_eof: {} },
            { close: {} },
          ],
        },
        client: {
          port: 40001,
          program: [
            { connect: 'server' },
            { send: 100, at: 0.1 },
            { send: 100, at: 0.101 },
            { ...last, at: 0.102 },
            { close: {}, at: 1 },
          ],
        },
      },
    },
    { seed: 1 },
  );
}

const clientData = (t: Trace) =>
  t.segments.filter((s) => s.from === 'client' && (s.len > 0 || s.flags.includes('F')));

describe('the tail that carries the FIN is not held by Nagle', () => {
  test.each([
    { how: 'close()', last: { close: {} } },
    { how: 'shutdown(SHUT_WR)', last: { shutdown: 'write' } },
  ])('$how after a held write sends FP. at once', ({ last }) => {
    const t = run(last);
    const closeCall = t.events.find(
      (e) => e.endpoint === 'client' && (e.event === 'close' || e.event === 'shutdown'),
    )!;
    const [first, tail] = clientData(t);
    expect([first!.flags, first!.seq, first!.len]).toEqual(['P.', 1, 100]);
    expect([tail!.flags, tail!.seq, tail!.len]).toEqual(['FP.', 101, 100]);
    // Sent by the close/shutdown call itself, not a round trip later on the first ACK.
    expect(tail!.t).toBe(closeCall.t);
    expect(tail!.t - first!.t).toBeLessThan(RTT / 2);
  });

  test('without a FIN the second small write still waits for the ACK (Nagle)', () => {
    const t = run({ sleep: 0.001 });
    const [first, second] = clientData(t);
    expect([second!.flags, second!.seq, second!.len]).toEqual(['P.', 101, 100]);
    expect(second!.t - first!.t).toBeGreaterThan(RTT - 1e-9);
  });
});
