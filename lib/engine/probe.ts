// "What does a socket in state X do with segment Y?": builds a scenario in which a scripted
// peer drives a Linux socket (the `server` endpoint) into the chosen state and then sends the
// chosen segment, numbered relative to that state's RCV.NXT and SND.NXT.

import { parseScenario, type ScenarioFile } from './scenario-schema';
import { TCP_STATES, type TcpState } from './trace-schema';

/** The states a probe can put the socket in (CLOSED has no socket to ask). */
export type ProbeState = Exclude<TcpState, 'CLOSED'>;
export const PROBE_STATES: readonly ProbeState[] = TCP_STATES.filter(
  (s): s is ProbeState => s !== 'CLOSED',
);

export const PROBE_FLAGS = ['S', 'S.', '.', 'P.', 'F.', 'R', 'R.'] as const;
export type ProbeFlags = (typeof PROBE_FLAGS)[number];

/**
 * Where the probe's sequence number falls in the socket's receive window: exactly RCV.NXT,
 * inside the window past it, below it (an old duplicate), or beyond the window.
 */
export const PROBE_SEQ = ['exact', 'in_window', 'old', 'beyond'] as const;
export type ProbeSeq = (typeof PROBE_SEQ)[number];

/** The acknowledgment: SND.NXT (acceptable), below SND.UNA (old), or past SND.NXT (unsent data). */
export const PROBE_ACK = ['snd_nxt', 'old', 'unsent'] as const;
export type ProbeAck = (typeof PROBE_ACK)[number];

export interface ProbeSpec {
  state: ProbeState;
  flags: ProbeFlags;
  seq: ProbeSeq;
  ack: ProbeAck;
  /** Payload bytes. */
  len: number;
}

/** The probe is sent at this time, when every state has settled and no timer has fired yet. */
export const PROBE_AT = 0.5;

// Distances used for "inside", "below" and "beyond" the receive window (64 KiB after the
// handshake): well inside and well outside, so the answer does not hinge on one byte.
const IN_WINDOW = 1000;
const BEYOND_WINDOW = 200_000;

/** A program step as the file writes it; parseScenario checks the whole file at the end. */
type Step = Record<string, unknown>;

const seg = (body: Record<string, unknown>, at?: number): Step =>
  at === undefined
    ? { segment: { to: 'server', ...body } }
    : { at, segment: { to: 'server', ...body } };

interface Setup {
  server: Step[];
  peer: Step[];
  /** The socket's RCV.NXT and SND.NXT in the state, relative to the peer's and its own ISN. */
  rcvNxt: number;
  sndNxt: number;
}

// The peer's segments that lead the server's socket into each state. Times leave room for the
// server's answers (link delay 10 ms) and stay before any retransmission timer.
const HANDSHAKE: Step[] = [
  seg({ flags: 'S', seq: 0, win: 64240, mss: 1460 }),
  seg({ flags: '.', seq: 1, ack: 1 }, 0.05),
];

function setup(state: ProbeState): Setup {
  const accept: Step[] = [{ listen: { backlog: 16 } }, { accept: {} }];
  const hold: Step = { sleep: 3 };
  switch (state) {
    case 'LISTEN':
      return { server: [{ listen: { backlog: 16 } }], peer: [], rcvNxt: 0, sndNxt: 0 };
    case 'SYN_SENT':
      return { server: [{ connect: 'peer' }], peer: [], rcvNxt: 0, sndNxt: 1 };
    case 'SYN_RECV':
      return { server: accept, peer: [HANDSHAKE[0]!], rcvNxt: 1, sndNxt: 1 };
    case 'ESTABLISHED':
      return { server: [...accept, hold], peer: HANDSHAKE, rcvNxt: 1, sndNxt: 1 };
    case 'CLOSE_WAIT':
      return {
        server: [...accept, hold],
        peer: [...HANDSHAKE, seg({ flags: 'F.', seq: 1, ack: 1 }, 0.1)],
        rcvNxt: 2,
        sndNxt: 1,
      };
    case 'LAST_ACK':
      // The server reads EOF and closes; its FIN stays unacknowledged.
      return {
        server: [...accept, { recv_until_eof: {} }, { close: {} }, hold],
        peer: [...HANDSHAKE, seg({ flags: 'F.', seq: 1, ack: 1 }, 0.1)],
        rcvNxt: 2,
        sndNxt: 2,
      };
    case 'FIN_WAIT1':
      return {
        server: [...accept, { close: {}, at: 0.1 }],
        peer: HANDSHAKE,
        rcvNxt: 1,
        sndNxt: 2,
      };
    case 'FIN_WAIT2':
      // shutdown(SHUT_WR), not close(): a half-closed socket stays in FIN_WAIT2 (no timer).
      return {
        server: [...accept, { shutdown: 'write', at: 0.1 }, hold],
        peer: [...HANDSHAKE, seg({ flags: '.', seq: 1, ack: 2 }, 0.2)],
        rcvNxt: 1,
        sndNxt: 2,
      };
    case 'CLOSING':
      // Crossed FINs: the peer's FIN does not acknowledge the server's.
      return {
        server: [...accept, { shutdown: 'write', at: 0.1 }, hold],
        peer: [...HANDSHAKE, seg({ flags: 'F.', seq: 1, ack: 1 }, 0.2)],
        rcvNxt: 2,
        sndNxt: 2,
      };
    case 'TIME_WAIT':
      return {
        server: [...accept, { close: {}, at: 0.1 }],
        peer: [...HANDSHAKE, seg({ flags: 'F.', seq: 1, ack: 2 }, 0.2)],
        rcvNxt: 2,
        sndNxt: 2,
      };
  }
}

function seqFor(choice: ProbeSeq, rcvNxt: number): number {
  switch (choice) {
    case 'exact':
      return rcvNxt;
    case 'in_window':
      return rcvNxt + IN_WINDOW;
    case 'old':
      return rcvNxt - IN_WINDOW;
    case 'beyond':
      return rcvNxt + BEYOND_WINDOW;
  }
}

function ackFor(choice: ProbeAck, sndNxt: number): number {
  switch (choice) {
    case 'snd_nxt':
      return sndNxt;
    case 'old':
      return sndNxt - IN_WINDOW;
    case 'unsent':
      return sndNxt + IN_WINDOW;
  }
}

/** The scenario: `server` is a Linux socket in `spec.state`; `peer` sends the probe at PROBE_AT. */
export function probeScenario(spec: ProbeSpec): ScenarioFile {
  const s = setup(spec.state);
  const probe: Record<string, unknown> = {
    flags: spec.flags,
    seq: seqFor(spec.seq, s.rcvNxt),
    len: spec.flags.includes('S') || spec.flags.includes('R') ? 0 : spec.len,
  };
  if (spec.flags.endsWith('.')) probe.ack = ackFor(spec.ack, s.sndNxt);
  if (spec.flags.startsWith('S')) probe.mss = 1460;
  return parseScenario({
    name: `probe-${spec.state.toLowerCase()}`,
    description: `A Linux socket in ${spec.state} receives ${spec.flags} (seq ${spec.seq}, ack ${spec.ack}).`,
    profile: 'linux',
    link: { delay: 0.01 },
    isn: { server: 1_000_000, peer: 5_000_000 },
    endpoints: {
      server: { port: 9000, program: s.server },
      peer: { port: 40000, raw: true, program: [...s.peer, seg(probe, PROBE_AT)] },
    },
    faults: [],
    sysctl: {},
  });
}
