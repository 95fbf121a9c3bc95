// An independent RFC 9293 state oracle: the state a person observes (what `ss` shows) after an
// endpoint processes one input, written from §3.3.2, §3.10 and FIDELITY.md, not from lib/engine.

import type { TcpState } from '@/lib/engine';

/**
 * A segment as the receiving endpoint judges it. The booleans are the tests RFC 9293 §3.10.7
 * makes; lib/questions/oracle/replay.ts computes them from sequence numbers.
 */
export interface SegmentInput {
  kind: 'segment';
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  /** SEG.ACK covers our SYN (ISS < SEG.ACK ≤ SND.NXT). */
  acksOurSyn: boolean;
  /** SEG.ACK covers our FIN (FIN seq < SEG.ACK ≤ SND.NXT). */
  acksOurFin: boolean;
  /** The segment passes the sequence-number test of §3.10.7.4 (first). */
  acceptable: boolean;
  /** Its FIN is the next byte expected once its data is taken (§3.10.7.4 eighth); else queued. */
  finInOrder: boolean;
  /** It carries data beyond RCV.NXT (new data), which matters after the application closed. */
  newData: boolean;
}

/** An application call (§3.10.1 OPEN, §3.10.4 CLOSE, §3.10.5 ABORT). */
export interface CallInput {
  kind: 'call';
  call: 'listen' | 'connect' | 'close' | 'shutdown' | 'abort';
  /** Received data the application has not read when it calls close() (RFC 1122 §4.2.2.13). */
  unreadData?: boolean;
}

/** A timer expiry (§3.10.8): 2MSL, Linux's orphaned FIN_WAIT2 timer, or a give-up. */
export interface TimeoutInput {
  kind: 'timeout';
  timer: 'time-wait' | 'fin-wait-2' | 'give-up';
}

export type OracleInput = SegmentInput | CallInput | TimeoutInput;

/** Facts about the connection the RFC's rules depend on. */
export interface OracleContext {
  /** The connection was created by a passive OPEN (a listener's SYN_RECV child). */
  passive: boolean;
  /** The application called close() (not shutdown): it reads no more. */
  appClosed: boolean;
}

export type Reply = 'nothing' | 'SYN' | 'SYN+ACK' | 'ACK' | 'FIN' | 'RST';

export interface Outcome {
  /** The state once this input is fully processed (no momentary state inside it). */
  state: TcpState;
  /** A listener's new connection (LISTEN + SYN): Linux keeps the listener in LISTEN. */
  child?: TcpState;
  reply: Reply;
  /** The RFC text behind the rule, for reports. */
  rule: string;
}

const NO_CONTEXT: OracleContext = { passive: false, appClosed: false };

function stay(state: TcpState, reply: Reply, rule: string): Outcome {
  return { state, reply, rule };
}

/** States in which the connection is synchronized (§3.10.7.4). */
const SYNCHRONIZED: readonly TcpState[] = [
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
];

export function isSynchronized(state: TcpState): boolean {
  return SYNCHRONIZED.includes(state);
}

/** §3.10.7.1 CLOSED, §3.10.7.2 LISTEN, §3.10.7.3 SYN-SENT. */
function unsynchronized(state: TcpState, s: SegmentInput): Outcome {
  if (state === 'CLOSED') {
    return s.rst
      ? stay('CLOSED', 'nothing', '§3.10.7.1: a RST to no connection is discarded')
      : stay('CLOSED', 'RST', '§3.10.7.1: a segment to no connection is answered by RST');
  }
  if (state === 'LISTEN') {
    if (s.rst) return stay('LISTEN', 'nothing', '§3.10.7.2 first: a RST is ignored');
    if (s.ack) return stay('LISTEN', 'RST', '§3.10.7.2 second: any ACK is bad in LISTEN');
    if (s.syn)
      return {
        state: 'LISTEN',
        child: 'SYN_RECV',
        reply: 'SYN+ACK',
        rule: '§3.10.7.2 third: a SYN makes a connection in SYN-RECEIVED; Linux keeps the listener in LISTEN',
      };
    return stay('LISTEN', 'nothing', '§3.10.7.2 fourth: other segments are dropped');
  }
  // SYN_SENT
  if (s.ack && !s.acksOurSyn) {
    return s.rst
      ? stay('SYN_SENT', 'nothing', '§3.10.7.3 first: a RST with a bad ACK is dropped')
      : stay('SYN_SENT', 'RST', '§3.10.7.3 first: an unacceptable ACK is answered by RST');
  }
  if (s.rst) {
    return s.ack
      ? stay('CLOSED', 'nothing', '§3.10.7.3 second: an acceptable RST: connection refused')
      : stay('SYN_SENT', 'nothing', '§3.10.7.3 second: a RST without ACK is dropped');
  }
  if (s.syn) {
    if (s.ack) {
      // Our SYN is acknowledged: ESTABLISHED, then any FIN it carries is processed (sixth on).
      const est: Outcome = {
        state: 'ESTABLISHED',
        reply: 'ACK',
        rule: '§3.10.7.3 fourth: a SYN that acknowledges our SYN: ESTABLISHED',
      };
      return s.fin && s.finInOrder
        ? { ...est, state: 'CLOSE_WAIT', rule: `${est.rule}; its FIN then gives CLOSE-WAIT` }
        : est;
    }
    return stay(
      'SYN_RECV',
      'SYN+ACK',
      '§3.10.7.3 fourth: a SYN without ACK (simultaneous open): SYN-RECEIVED',
    );
  }
  return stay('SYN_SENT', 'nothing', '§3.10.7.3 fifth: neither SYN nor RST: dropped');
}

/** §3.10.7.4, steps first to eighth, for the synchronized states. */
function synchronized(state: TcpState, s: SegmentInput, ctx: OracleContext): Outcome {
  // §3.5 Figure 8 (simultaneous open): the crossing SYN+ACK repeats the SYN we already took, so
  // the first check would call it old; the figure has it complete the handshake, and so does
  // Linux ≥ 6.11 (FIDELITY.md item 93). Any other SYN gets a challenge ACK (fourth, RFC 5961).
  if (state === 'SYN_RECV' && !ctx.passive && s.syn && s.ack && s.acksOurSyn && !s.rst)
    return stay(
      'ESTABLISHED',
      'ACK',
      '§3.5 Figure 8: in a simultaneous open the SYN+ACK that acknowledges our SYN completes the handshake',
    );
  // first: sequence number
  if (!s.acceptable) {
    return s.rst
      ? stay(state, 'nothing', '§3.10.7.4 first: an unacceptable RST is dropped')
      : stay(state, 'ACK', '§3.10.7.4 first: an unacceptable segment gets an ACK and is dropped');
  }
  // second: RST
  if (s.rst) {
    if (state === 'SYN_RECV' && ctx.passive)
      return stay(
        'CLOSED',
        'nothing',
        '§3.10.7.4 second: a RST in SYN-RECEIVED from a passive OPEN returns to LISTEN (this connection is gone)',
      );
    return stay('CLOSED', 'nothing', '§3.10.7.4 second: an acceptable RST closes the connection');
  }
  // fourth: SYN
  if (s.syn) {
    if (state === 'SYN_RECV' && ctx.passive)
      return stay(
        'CLOSED',
        'nothing',
        '§3.10.7.4 fourth: a SYN in SYN-RECEIVED from a passive OPEN returns to LISTEN',
      );
    return stay(
      state,
      'ACK',
      '§3.10.7.4 fourth: a SYN in a synchronized state gets a challenge ACK',
    );
  }
  // fifth: ACK
  if (!s.ack) return stay(state, 'nothing', '§3.10.7.4 fifth: a segment without ACK is dropped');
  let now: TcpState = state;
  const rules: string[] = [];
  switch (state) {
    case 'SYN_RECV':
      if (!s.acksOurSyn)
        return stay(
          state,
          'RST',
          '§3.10.7.4 fifth: an unacceptable ACK in SYN-RECEIVED gets a RST',
        );
      now = 'ESTABLISHED';
      rules.push('§3.10.7.4 fifth: the ACK of our SYN: ESTABLISHED');
      break;
    case 'FIN_WAIT1':
      if (s.acksOurFin) {
        now = 'FIN_WAIT2';
        rules.push('§3.10.7.4 fifth: our FIN is acknowledged: FIN-WAIT-2');
      }
      break;
    case 'CLOSING':
      if (s.acksOurFin) {
        now = 'TIME_WAIT';
        rules.push('§3.10.7.4 fifth: the ACK of our FIN in CLOSING: TIME-WAIT');
      }
      break;
    case 'LAST_ACK':
      if (s.acksOurFin)
        return stay('CLOSED', 'nothing', '§3.10.7.4 fifth: the ACK of our FIN in LAST-ACK: CLOSED');
      break;
    default:
      break;
  }
  // seventh: data after the application closed (RFC 1122 §4.2.2.13: SHOULD send RST).
  if (s.newData && ctx.appClosed && (now === 'FIN_WAIT1' || now === 'FIN_WAIT2'))
    return stay('CLOSED', 'RST', 'RFC 1122 §4.2.2.13: new data after close() is answered by RST');
  // eighth: FIN
  if (s.fin && s.finInOrder) {
    switch (now) {
      case 'SYN_RECV':
      case 'ESTABLISHED':
        return stay(
          'CLOSE_WAIT',
          'ACK',
          [...rules, '§3.10.7.4 eighth: a FIN: CLOSE-WAIT'].join('; '),
        );
      case 'FIN_WAIT1':
        // Our FIN not yet acknowledged (else `now` would be FIN_WAIT2): the FINs crossed.
        return stay('CLOSING', 'ACK', '§3.10.7.4 eighth: a FIN before the ACK of ours: CLOSING');
      case 'FIN_WAIT2':
        return stay(
          'TIME_WAIT',
          'ACK',
          [...rules, '§3.10.7.4 eighth: a FIN once our FIN is acknowledged: TIME-WAIT'].join('; '),
        );
      default:
        return stay(now, 'ACK', '§3.10.7.4 eighth: a repeated FIN: remain');
    }
  }
  const reply: Reply = s.newData || (s.fin && !s.finInOrder) ? 'ACK' : 'nothing';
  return stay(now, reply, rules.length > 0 ? rules.join('; ') : '§3.10.7.4: no change of state');
}

/** §3.10.1 OPEN, §3.10.4 CLOSE, §3.10.5 ABORT, RFC 1122 §4.2.2.13 (close with unread data). */
function call(state: TcpState, c: CallInput): Outcome {
  switch (c.call) {
    case 'listen':
      return state === 'CLOSED'
        ? stay('LISTEN', 'nothing', '§3.10.1 passive OPEN: LISTEN')
        : stay(state, 'nothing', '§3.10.1: OPEN on an open connection is an error');
    case 'connect':
      return state === 'CLOSED'
        ? stay('SYN_SENT', 'SYN', '§3.10.1 active OPEN: send SYN, SYN-SENT')
        : stay(state, 'nothing', '§3.10.1: OPEN on an open connection is an error');
    case 'abort':
      return stay(
        'CLOSED',
        isSynchronized(state) ? 'RST' : 'nothing',
        '§3.10.5 ABORT: RST in synchronized states, then CLOSED',
      );
    case 'close':
    case 'shutdown': {
      const abort =
        c.call === 'close' &&
        c.unreadData === true &&
        ['SYN_RECV', 'ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT1', 'FIN_WAIT2'].includes(state);
      if (abort)
        return stay(
          'CLOSED',
          'RST',
          'RFC 1122 §4.2.2.13: close() with unread received data sends RST (RFC 2525 §2.17)',
        );
      switch (state) {
        case 'LISTEN':
        case 'SYN_SENT':
          return stay('CLOSED', 'nothing', '§3.10.4 CLOSE in LISTEN or SYN-SENT: CLOSED');
        case 'SYN_RECV':
        case 'ESTABLISHED':
          return stay('FIN_WAIT1', 'FIN', '§3.10.4 CLOSE: send FIN, FIN-WAIT-1');
        case 'CLOSE_WAIT':
          return stay('LAST_ACK', 'FIN', '§3.10.4 CLOSE in CLOSE-WAIT: send FIN, LAST-ACK');
        default:
          return stay(state, 'nothing', '§3.10.4: CLOSE while closing: "connection closing"');
      }
    }
  }
}

function timeout(state: TcpState, t: TimeoutInput): Outcome {
  switch (t.timer) {
    case 'time-wait':
      return state === 'TIME_WAIT'
        ? stay('CLOSED', 'nothing', '§3.10.8: the 2MSL time-wait timeout: CLOSED')
        : stay(state, 'nothing', 'no time-wait timer outside TIME-WAIT');
    case 'fin-wait-2':
      return state === 'FIN_WAIT2'
        ? stay('CLOSED', 'nothing', 'Linux tcp_fin_timeout: an orphaned FIN_WAIT2 is dropped')
        : stay(state, 'nothing', 'no FIN_WAIT2 timer outside FIN-WAIT-2');
    case 'give-up':
      return stay(
        'CLOSED',
        'nothing',
        '§3.8.3 R2 / §3.10.8 user timeout: the connection is closed',
      );
  }
}

/**
 * The state an endpoint shows after it processes one input, starting from `state`. A segment
 * that acknowledges our FIN and carries the peer's FIN in FIN_WAIT1 gives TIME_WAIT, never the
 * FIN_WAIT2 the kernel passes through inside that one segment.
 */
export function observeAfter(
  state: TcpState,
  input: OracleInput,
  ctx: OracleContext = NO_CONTEXT,
): Outcome {
  switch (input.kind) {
    case 'segment':
      return isSynchronized(state) ? synchronized(state, input, ctx) : unsynchronized(state, input);
    case 'call':
      return call(state, input);
    case 'timeout':
      return timeout(state, input);
  }
}
