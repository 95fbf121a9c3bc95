// The transition table (state × event → next state + segment) checked against the engine:
// every row must be produced by a scenario, and every transition the engine produces must
// be in the table.

import { describe, expect, test } from 'vitest';
import {
  PROBE_STATES,
  TRANSITIONS,
  probeScenario,
  getScenario,
  isLegalTransition,
  listScenarios,
  simulate,
  type Trace,
  type Transition,
} from '@/lib/engine';
import { INLINE } from './helpers/scenarios';

const WITNESS: Record<string, string> = {
  'CLOSED + listen': 'handshake-data-close',
  'CLOSED + connect': 'handshake-data-close',
  'LISTEN + rcv SYN': 'handshake-data-close',
  'LISTEN + close': 'handshake-data-close',
  'SYN_SENT + rcv SYN-ACK': 'handshake-data-close',
  'SYN_SENT + rcv SYN': 'simultaneous-open',
  'SYN_SENT + rcv RST': 'refused',
  'SYN_SENT + SYN retries exhausted': 'syn-dropped-classic',
  'SYN_SENT + close': 'close-in-syn-sent',
  'SYN_RECV + rcv ACK of SYN': 'handshake-data-close',
  'SYN_RECV + rcv SYN-ACK': 'simultaneous-open',
  'SYN_RECV + rcv RST': 'old-duplicate-syn',
  'SYN_RECV + close': 'syn-flood',
  'ESTABLISHED + close': 'handshake-data-close',
  'ESTABLISHED + shutdown(SHUT_WR)': 'half-close',
  'ESTABLISHED + rcv FIN': 'handshake-data-close',
  'ESTABLISHED + rcv RST': 'close-unread-data',
  'ESTABLISHED + abort': 'abort',
  'ESTABLISHED + close with unread data': 'close-unread-data',
  'ESTABLISHED + keepalive probes unanswered': 'keepalive',
  'ESTABLISHED + retransmissions exhausted': 'retries2-exhausted',
  'FIN_WAIT1 + rcv ACK of FIN': 'handshake-data-close',
  'FIN_WAIT1 + rcv FIN': 'simultaneous-close',
  'FIN_WAIT1 + rcv FIN+ACK of FIN': 'close-merged',
  'FIN_WAIT1 + rcv data after close': 'fin-wait1-data',
  'FIN_WAIT2 + rcv FIN': 'handshake-data-close',
  'FIN_WAIT2 + FIN_WAIT2 timer': 'close-wait-leak',
  'FIN_WAIT2 + rcv data after close': 'data-after-close',
  'CLOSE_WAIT + close': 'handshake-data-close',
  'CLOSE_WAIT + rcv RST': 'data-after-close',
  'CLOSING + rcv ACK of FIN': 'simultaneous-close',
  'LAST_ACK + rcv ACK of FIN': 'handshake-data-close',
  'LAST_ACK + retransmissions exhausted': 'last-ack-gives-up',
  'TIME_WAIT + TIME_WAIT timer': 'handshake-data-close',
  'FIN_WAIT1 + rcv RST': 'probe:FIN_WAIT1',
  'FIN_WAIT2 + rcv RST': 'probe:FIN_WAIT2',
  'CLOSING + rcv RST': 'probe:CLOSING',
  'LAST_ACK + rcv RST': 'probe:LAST_ACK',
  'TIME_WAIT + rcv RST': 'probe:TIME_WAIT',
  'CLOSING + close with unread data': 'closing-unread',
  'LAST_ACK + close with unread data': 'last-ack-unread',
};

function run(name: string): Trace {
  // "probe:STATE": a scripted peer sends a RST at exactly RCV.NXT to a socket in STATE.
  const probe = PROBE_STATES.find((s) => name === `probe:${s}`);
  if (probe !== undefined)
    return simulate(
      probeScenario({ state: probe, flags: 'R', seq: 'exact', ack: 'snd_nxt', len: 0 }),
      { seed: 3 },
    );
  const inline = INLINE[name];
  // Catalog scenarios with their link delay shortened to the recordings' LAN, so the
  // witnesses are the same kind of run as the golden tests.
  return inline !== undefined
    ? simulate(inline, { seed: 3 })
    : simulate(getScenario(name), { seed: 3, set: { 'link.delay': '0.00005' } });
}

interface Observed {
  from: string;
  to: string;
  sent: string[];
}

/** Transitions per socket; zero-duration intermediate states are also collapsed (FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT in one segment). */
function observe(trace: Trace): Observed[] {
  const out: Observed[] = [];
  const bySocket = new Map<string, Trace['states']>();
  for (const s of trace.states) {
    const k = `${s.endpoint}|${s.socket}|${s.cport}`;
    bySocket.set(k, [...(bySocket.get(k) ?? []), s]);
  }
  const listening = new Set(
    trace.states.filter((s) => s.state === 'LISTEN').map((s) => s.endpoint),
  );
  for (const list of bySocket.values()) {
    for (let i = 0; i < list.length; i++) {
      const cur = list[i]!;
      const sent = trace.segments
        .filter((g) => g.from === cur.endpoint && g.cport === cur.cport && g.t === cur.t)
        .map((g) => g.flags);
      const froms: string[] = [];
      if (i === 0)
        froms.push(
          cur.socket === 'conn' && cur.state === 'SYN_RECV' && listening.has(cur.endpoint)
            ? 'LISTEN'
            : 'CLOSED',
        );
      for (let j = i - 1; j >= 0; j--) {
        froms.push(list[j]!.state);
        if (list[j]!.t !== cur.t) break;
      }
      // A new request sock on a listening endpoint starts from the listener's LISTEN.
      const passiveOpen =
        cur.socket === 'conn' && cur.state === 'SYN_RECV' && listening.has(cur.endpoint);
      for (const from of froms)
        out.push({ from: passiveOpen && from === 'CLOSED' ? 'LISTEN' : from, to: cur.state, sent });
    }
  }
  return out;
}

const rowName = (t: Transition): string => `${t.from} + ${t.event}`;

describe('transition table', () => {
  test.each(TRANSITIONS.map((t) => ({ ...t, name: rowName(t) })))(
    '$from + $event → $to (sends $send)',
    (row) => {
      const witness = WITNESS[row.name];
      expect(witness, `no witness scenario for ${row.name}`).toBeDefined();
      const seen = observe(run(witness!));
      const match = seen.find(
        (o) =>
          o.from === row.from &&
          o.to === row.to &&
          (row.send === null || o.sent.includes(row.send)),
      );
      expect(
        match,
        `${witness} shows ${JSON.stringify(seen.filter((o) => o.from === row.from))}`,
      ).toBeDefined();
    },
  );

  test.each(listScenarios().map((e) => e.name))(
    '%s only makes transitions listed in the table',
    (name) => {
      for (const o of observe(simulate(getScenario(name), { seed: 11 }))) {
        if (o.from === o.to) continue;
        expect(
          isLegalTransition(o.from as Transition['from'], o.to as Transition['to']),
          `${o.from} → ${o.to}`,
        ).toBe(true);
      }
    },
  );
});
