// Issue 21: recv() after shutdown(SHUT_RD) or SHUT_RDWR must not block. Linux's tcp_recvmsg
// stops as soon as RCV_SHUTDOWN is set, so with nothing queued it returns 0 at once, and with
// something queued it returns that (the data Linux still ACKs and queues after SHUT_RD,
// FIDELITY.md item 74; packetdrill shutdown-rd-close.pkt, shutdown-rdwr-close.pkt).

import { describe, expect, test } from 'vitest';
import { simulate, type Trace } from '@/lib/engine';

/** The client stays silent for 3 s, so any wait for its data or FIN shows up as a late event. */
const CLIENT_CLOSES_AT = 3;

function run(serverSteps: unknown[], clientSteps: unknown[] = []): Trace {
  return simulate(
    {
      name: 'issue-21-recv-after-shut-rd',
      link: { delay: 0.01 },
      isn: { client: 1000, server: 5000 },
      endpoints: {
        server: {
          port: 9000,
          program: [{ listen: { backlog: 16 } }, { accept: {} }, ...serverSteps],
        },
        client: {
          port: 40001,
          program: [{ connect: 'server' }, ...clientSteps, { close: {}, at: CLIENT_CLOSES_AT }],
        },
      },
    },
    { seed: 1 },
  );
}

const serverEvents = (t: Trace) => t.events.filter((e) => e.endpoint === 'server');

describe('recv after shutdown(SHUT_RD / SHUT_RDWR) with nothing queued returns 0 at once', () => {
  test.each([
    { how: 'read', recv: { recv_until_eof: {} } },
    { how: 'read', recv: { recv: 100 } },
    { how: 'read', recv: { recv: 'all' } },
    { how: 'both', recv: { recv_until_eof: {} } },
    { how: 'both', recv: { recv: 100 } },
  ])('shutdown $how, then $recv → eof well before the peer closes', ({ how, recv }) => {
    const t = run([{ shutdown: how }, recv]);
    const shut = serverEvents(t).find((e) => e.event === 'shutdown')!;
    const eof = serverEvents(t).find((e) => e.event === 'eof');
    expect(eof).toBeDefined();
    // The next system call, not the peer's FIN 3 s later.
    expect(eof!.t - shut.t).toBeLessThan(0.01);
    expect(eof!.t).toBeLessThan(CLIENT_CLOSES_AT);
    expect(serverEvents(t).some((e) => e.event === 'recv')).toBe(false);
  });

  test('SHUT_RD puts nothing on the wire; SHUT_RDWR sends F. at once', () => {
    const rd = run([{ shutdown: 'read' }, { sleep: 1 }]);
    const rdShut = serverEvents(rd).find((e) => e.event === 'shutdown')!;
    const during = rd.segments.filter(
      (s) => s.from === 'server' && s.t >= rdShut.t && s.t < rdShut.t + 1,
    );
    expect(during).toEqual([]);

    const rdwr = run([{ shutdown: 'both' }, { recv_until_eof: {} }]);
    const shut = serverEvents(rdwr).find((e) => e.event === 'shutdown')!;
    const fin = rdwr.segments.find((s) => s.from === 'server' && s.flags === 'F.')!;
    expect(fin.t).toBe(shut.t);
  });
});

describe('recv after SHUT_RD still returns what was queued, then 0', () => {
  test('40 bytes queued, recv 100 → recv 40 at once, then recv_until_eof → eof at once', () => {
    const t = run(
      [{ sleep: 0.5 }, { shutdown: 'read' }, { recv: 100 }, { recv_until_eof: {} }],
      [{ send: 40 }],
    );
    const ev = serverEvents(t).filter((e) => ['shutdown', 'recv', 'eof'].includes(e.event));
    expect(ev.map((e) => [e.event, e.bytes])).toEqual([
      ['shutdown', undefined],
      ['recv', 40],
      ['eof', undefined],
    ]);
    expect(ev[2]!.t - ev[0]!.t).toBeLessThan(0.01);
  });
});
