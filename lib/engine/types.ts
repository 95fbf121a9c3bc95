// Public data types of the engine: TCP states, profiles and the trace JSON of DESIGN.md §2
// (with additions: connection port, timers, the socket of each app event).

/** Linux's state names (include/net/tcp_states.h), as /proc/net/tcp and `ss` report them. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

export const TCP_STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
];

import type { CongestionRound } from './congestion/model';

export type Profile = 'linux' | 'rfc';

export type Errno = 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET' | 'EPIPE' | 'ENOTCONN';

export interface TraceSegment {
  /** Seconds from the first segment (send time). */
  t: number;
  from: string;
  to: string;
  /** tcpdump notation: S, S., ., P., F., FP., R, R. */
  flags: string;
  /** Relative to the sender's ISN (SYN = 0); null for a RST answering a segment we never saw the ISN of. */
  seq: number | null;
  /** Relative to the receiver's ISN; null when the ACK flag is off. */
  ack: number | null;
  len: number;
  win: number;
  abs_seq: number;
  abs_ack: number | null;
  dropped: boolean;
  /** The connection's client (ephemeral) port: tells connections apart. */
  cport: number;
  sport: number;
  dport: number;
  /** Why it was sent, when it is not the first transmission: "rto", "tlp", "fast", "synack_timer", "keepalive", ... */
  why?: string | undefined;
}

export interface TraceState {
  t: number;
  endpoint: string;
  socket: 'listener' | 'conn';
  cport: number | null;
  state: TcpState;
}

export type TraceEventKind =
  | 'listen'
  | 'connect_ok'
  | 'connect_error'
  | 'accept'
  | 'recv'
  | 'eof'
  | 'send'
  | 'shutdown'
  | 'close'
  | 'error';

export interface TraceEvent {
  t: number;
  endpoint: string;
  event: TraceEventKind;
  errno?: Errno | undefined;
  bytes?: number | undefined;
  cport?: number | undefined;
  /** The program operation that failed (for `error`). */
  op?: string | undefined;
  /** "listener" when the event concerns the listening socket (its close). */
  socket?: 'listener' | undefined;
}

export type TimerName =
  'retransmit' | 'loss_probe' | 'delack' | 'keepalive' | 'time_wait' | 'fin_wait2' | 'synack';

export interface TraceTimer {
  t: number;
  endpoint: string;
  socket: 'conn';
  cport: number;
  timer: TimerName;
  action: 'set' | 'fire' | 'cancel';
  expires?: number | undefined;
}

export type ParamValue = number | string | boolean;

export interface Trace {
  scenario: string;
  seed: number | string;
  profile: Profile;
  params: Record<string, ParamValue>;
  segments: TraceSegment[];
  states: TraceState[];
  events: TraceEvent[];
  timers: TraceTimer[];
  /** Virtual time (from the first segment) at which the simulation stopped. */
  end: number;
  /** The round model's table (DESIGN.md §2b), present when the scenario has a `congestion` block. */
  rounds?: CongestionRound[] | undefined;
}
