// probeScenario: a scripted peer puts a Linux socket in the chosen state and then sends one
// segment; every state is reached, and the probe's numbers sit where their names say.

import { describe, expect, test } from 'vitest';
import {
  PROBE_ACK,
  PROBE_AT,
  PROBE_FLAGS,
  PROBE_SEQ,
  PROBE_STATES,
  probeScenario,
  simulate,
  type ProbeState,
  type Trace,
} from '@/lib/engine';

/** The server socket's state just before the probe arrives (the listener's for LISTEN). */
function stateAtProbe(t: Trace, state: ProbeState): string | undefined {
  const socket = state === 'LISTEN' ? 'listener' : 'conn';
  return t.states
    .filter((s) => s.endpoint === 'server' && s.socket === socket && s.t < PROBE_AT + 0.01)
    .at(-1)?.state;
}

/** The probe is the peer's last segment (trace times count from the first segment). */
function probeSegment(t: Trace) {
  return t.segments.filter((s) => s.from === 'peer').at(-1);
}

describe('probeScenario', () => {
  test.each(PROBE_STATES)('%s: the socket is in that state when the probe arrives', (state) => {
    for (const flags of PROBE_FLAGS) {
      const t = simulate(probeScenario({ state, flags, seq: 'exact', ack: 'snd_nxt', len: 0 }), {
        seed: 1,
        checkTransitions: true,
      });
      expect(stateAtProbe(t, state), `${state} ${flags}`).toBe(state);
      expect(t.events.filter((e) => e.event === 'mismatch')).toEqual([]);
      expect(probeSegment(t)?.flags).toBe(flags);
    }
  });

  // RCV.NXT and SND.NXT of each state, relative to the ISNs (peer's data and FIN, server's FIN).
  const NEXT: Record<ProbeState, { rcv: number; snd: number }> = {
    LISTEN: { rcv: 0, snd: 0 },
    SYN_SENT: { rcv: 0, snd: 1 },
    SYN_RECV: { rcv: 1, snd: 1 },
    ESTABLISHED: { rcv: 1, snd: 1 },
    FIN_WAIT1: { rcv: 1, snd: 2 },
    FIN_WAIT2: { rcv: 1, snd: 2 },
    CLOSE_WAIT: { rcv: 2, snd: 1 },
    CLOSING: { rcv: 2, snd: 2 },
    LAST_ACK: { rcv: 2, snd: 2 },
    TIME_WAIT: { rcv: 2, snd: 2 },
  };

  test.each(PROBE_STATES.filter((s) => s !== 'LISTEN' && s !== 'SYN_SENT'))(
    '%s: seq and ack choices are RCV.NXT / SND.NXT and fixed distances from them',
    (state) => {
      const { rcv, snd } = NEXT[state];
      const seqs = { exact: rcv, in_window: rcv + 1000, old: rcv - 1000, beyond: rcv + 200000 };
      const acks = { snd_nxt: snd, old: snd - 1000, unsent: snd + 1000 };
      for (const seq of PROBE_SEQ)
        for (const ack of PROBE_ACK) {
          const t = simulate(probeScenario({ state, flags: 'P.', seq, ack, len: 100 }), {
            seed: 1,
          });
          const p = probeSegment(t)!;
          // Relative numbers in the trace count from the server's and the peer's SYN.
          expect([p.seq, p.ack, p.len]).toEqual([seqs[seq] >>> 0, acks[ack] >>> 0, 100]);
        }
    },
  );

  test('a RST or SYN probe carries no payload, whatever len says', () => {
    for (const flags of ['R', 'R.', 'S', 'S.'] as const) {
      const t = simulate(
        probeScenario({ state: 'ESTABLISHED', flags, seq: 'exact', ack: 'snd_nxt', len: 500 }),
        { seed: 1 },
      );
      expect(probeSegment(t)?.len).toBe(0);
    }
  });

  test('what the probe shows: an exact RST resets an ESTABLISHED socket, an in-window one does not', () => {
    const exact = simulate(
      probeScenario({ state: 'ESTABLISHED', flags: 'R', seq: 'exact', ack: 'snd_nxt', len: 0 }),
      { seed: 1 },
    );
    expect(exact.states.find((s) => s.endpoint === 'server' && s.t > PROBE_AT)?.state).toBe(
      'CLOSED',
    );
    const guess = simulate(
      probeScenario({ state: 'ESTABLISHED', flags: 'R', seq: 'in_window', ack: 'snd_nxt', len: 0 }),
      { seed: 1 },
    );
    const reply = guess.segments.find((s) => s.from === 'server' && s.t > PROBE_AT);
    expect([reply?.flags, reply?.seq, reply?.ack, reply?.why]).toEqual(['.', 1, 1, 'challenge']);
  });
});
