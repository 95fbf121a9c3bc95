// Issue 21: close() with unread data resets the connection in every state a full socket can be
// in, LAST_ACK and CLOSING included. Linux's __tcp_close checks only LISTEN and CLOSE before
// "Unread data was tossed, zap the connection": tcp_set_state(TCP_CLOSE), then
// tcp_send_active_reset, an R. with seq = snd_nxt and ack = rcv_nxt (RFC 2525 §2.17;
// FIDELITY.md item 76). The per-state list (tcp_need_reset) belongs to SO_LINGER 0 only.

import { describe, expect, test } from 'vitest';
import { simulate, type Trace } from '@/lib/engine';
import { unreadClose } from '../helpers/scenarios';

const CLOSE_AT = 0.5;

/**
 * The client sends 100 bytes the server never reads. The server half-closes at 0.3 s: after
 * the client's FIN (close at 0.1 s → LAST_ACK), or crossing it (close at 0.3 s → CLOSING).
 * Losing every pure ACK from the client keeps the server in that state until it calls close.
 */
function run(clientCloseAt: number): Trace {
  return simulate(unreadClose('issue-21-close-unread-any-state', clientCloseAt), { seed: 1 });
}

const serverStateAt = (t: Trace, at: number): string | undefined =>
  t.states.filter((s) => s.endpoint === 'server' && s.socket === 'conn' && s.t <= at).at(-1)?.state;

describe('close() with unread data sends R. in LAST_ACK and CLOSING', () => {
  test.each([
    { state: 'LAST_ACK', clientCloseAt: 0.1 },
    { state: 'CLOSING', clientCloseAt: 0.3 },
  ])('$state: R. seq=snd_nxt ack=rcv_nxt at close(), then CLOSED', ({ state, clientCloseAt }) => {
    const t = run(clientCloseAt);
    expect(serverStateAt(t, CLOSE_AT - 0.01)).toBe(state);
    const rst = t.segments.filter((s) => s.from === 'server' && s.flags.startsWith('R'));
    // snd_nxt is past the SYN and the FIN (2); rcv_nxt past the SYN, 100 bytes and the FIN (102).
    expect(rst.map((s) => [s.t, s.flags, s.seq, s.ack])).toEqual([[CLOSE_AT, 'R.', 2, 102]]);
    expect(serverStateAt(t, CLOSE_AT)).toBe('CLOSED');
    // Nothing more from the server: no FIN retransmission after the reset.
    expect(t.segments.filter((s) => s.from === 'server' && s.t > CLOSE_AT)).toEqual([]);
  });
});

describe('SO_LINGER 0 (abort) with everything read keeps the tcp_need_reset list', () => {
  test('abort in LAST_ACK with nothing unread sends no RST', () => {
    const t = simulate(
      {
        name: 'issue-21-abort-last-ack',
        link: { delay: 0.01 },
        isn: { client: 1000, server: 5000 },
        endpoints: {
          server: {
            port: 9000,
            program: [
              { listen: { backlog: 16 } },
              { accept: {} },
              { recv_until_eof: {} },
              { shutdown: 'write', at: 0.3 },
              { abort: {}, at: CLOSE_AT },
            ],
          },
          client: {
            port: 40001,
            program: [{ connect: 'server' }, { send: 100 }, { close: {}, at: 0.1 }],
          },
        },
        faults: [
          {
            from: 'client',
            to: 'server',
            match: { pure_ack: true },
            action: 'drop',
            window: [0.25, 5],
          },
        ],
      },
      { seed: 1 },
    );
    expect(serverStateAt(t, CLOSE_AT - 0.01)).toBe('LAST_ACK');
    expect(t.segments.filter((s) => s.from === 'server' && s.flags.startsWith('R'))).toEqual([]);
  });
});
