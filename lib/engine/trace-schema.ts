// The trace JSON of DESIGN.md §2 (and the rounds of §2b) as one zod schema: the owner of its
// shape. The engine's TS types are inferred from it; import and questions derive their variants.
// The simulator never runs these parsers on its hot path: they guard boundaries and tests.

import { z } from 'zod';
import type { CongestionRound } from './congestion/model';

/** Linux's state names (include/net/tcp_states.h), as /proc/net/tcp and `ss` report them. */
export const tcpStateSchema = z.enum([
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
]);
export type TcpState = z.output<typeof tcpStateSchema>;
export const TCP_STATES: readonly TcpState[] = tcpStateSchema.options;

export const profileSchema = z.enum(['linux', 'rfc']);
export type Profile = z.output<typeof profileSchema>;

/** The errno values a system call of a program can fail with (errno(3) names). */
export const errnoSchema = z.enum([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'ENOTCONN',
  'EINPROGRESS',
  'EALREADY',
  'EISCONN',
  'ECONNABORTED',
  'EAGAIN',
  'EADDRINUSE',
  'EBADF',
  'EINVAL',
]);
export type Errno = z.output<typeof errnoSchema>;

export const paramValueSchema = z.union([z.number(), z.string(), z.boolean()]);
export type ParamValue = z.output<typeof paramValueSchema>;

/**
 * Seconds from the first segment, rounded to the microsecond. A socket call made before that
 * segment (the server's listen(), one app latency before the SYN) has a negative time.
 */
const time = z.number().finite();
/** A segment's send time, or the end of the run: never before the first segment. */
const sinceFirst = time.min(0);
/** A port or a 32-bit sequence number: whole and never negative. */
const whole = z.number().int().min(0);

export const traceSegmentSchema = z.object({
  /** Seconds from the first segment (send time). */
  t: sinceFirst,
  from: z.string().min(1),
  to: z.string().min(1),
  /** tcpdump notation: S, S., ., P., F., FP., R, R. */
  flags: z.string().regex(/^[SFRPU]*\.?$/, 'expected tcpdump flags such as "S." or "."'),
  /** Relative to the sender's ISN (SYN = 0); null for a RST answering a segment we never saw the ISN of. */
  seq: z.number().int().nullable(),
  /** Relative to the receiver's ISN; null when the ACK flag is off. */
  ack: z.number().int().nullable(),
  len: whole,
  /** Receive window in bytes (tcpdump's raw field shifted by the agreed window scale). */
  win: whole,
  /**
   * TCP options in tcpdump's notation without timestamp values, present only when the segment
   * has options: "mss 1460,sackOK,TS,nop,wscale 10" on a Linux SYN, "nop,nop,TS" after it.
   */
  opts: z.string().min(1).optional(),
  abs_seq: whole,
  abs_ack: whole.nullable(),
  dropped: z.boolean(),
  /** The connection's client (ephemeral) port: tells connections apart. */
  cport: z.number().int(),
  sport: z.number().int(),
  dport: z.number().int(),
  /** Why it was sent, when it is not the first transmission: "rto", "tlp", "fast", "synack_timer", "keepalive", ... */
  why: z.string().optional(),
});
export type TraceSegment = z.output<typeof traceSegmentSchema>;

export const traceStateSchema = z.object({
  t: time,
  endpoint: z.string().min(1),
  socket: z.enum(['listener', 'conn']),
  cport: z.number().int().nullable(),
  state: tcpStateSchema,
});
export type TraceState = z.output<typeof traceStateSchema>;

export const traceEventKindSchema = z.enum([
  'listen',
  'connect_ok',
  'connect_error',
  'accept',
  'recv',
  'eof',
  'send',
  'shutdown',
  'close',
  'error',
  /** setsockopt() (or fcntl() for `nonblock`); `detail` names the options set. */
  'setsockopt',
  /** getsockopt(SO_ERROR): `detail` is the pending error it returned (and cleared), or none. */
  'getsockopt',
  /** ioctl(SIOCINQ): `value` is the number of bytes queued unread. */
  'ioctl',
  /** A scripted peer received something other than what its `expect` step described. */
  'mismatch',
]);
export type TraceEventKind = z.output<typeof traceEventKindSchema>;

export const traceEventSchema = z.object({
  t: time,
  endpoint: z.string().min(1),
  event: traceEventKindSchema,
  errno: errnoSchema.optional(),
  /**
   * The system call's return value as Linux gives it: 0 for connect, listen, shutdown, close,
   * setsockopt, getsockopt and ioctl; the byte count for send and recv (0 at EOF); the new file
   * descriptor for accept; −1 on failure (then `errno` says why). Absent for events that are
   * not a call's return (`mismatch`).
   */
  ret: z.number().int().min(-1).optional(),
  /** What getsockopt or ioctl wrote into its argument: SO_ERROR's errno number, SIOCINQ's byte count. */
  value: z.number().int().min(0).optional(),
  bytes: whole.optional(),
  cport: z.number().int().optional(),
  /** The program operation that failed (for `error`). */
  op: z.string().optional(),
  /** "listener" when the event concerns the listening socket (its close). */
  socket: z.literal('listener').optional(),
  /**
   * For `mismatch`: what the script expected and what arrived, in tcpdump terms; for
   * `setsockopt` the options set, for `getsockopt` the error name SO_ERROR returned.
   */
  detail: z.string().optional(),
});
export type TraceEvent = z.output<typeof traceEventSchema>;

export const timerNameSchema = z.enum([
  'retransmit',
  'loss_probe',
  'delack',
  'keepalive',
  'time_wait',
  'fin_wait2',
  'synack',
]);
export type TimerName = z.output<typeof timerNameSchema>;

export const traceTimerSchema = z.object({
  t: time,
  endpoint: z.string().min(1),
  socket: z.literal('conn'),
  cport: z.number().int(),
  timer: timerNameSchema,
  action: z.enum(['set', 'fire', 'cancel']),
  /** When a `set` timer would fire (same clock as `t`). */
  expires: z.number().finite().optional(),
});
export type TraceTimer = z.output<typeof traceTimerSchema>;

/** One row of the round model's table (DESIGN.md §2b); bytes throughout. */
export const congestionRoundSchema = z.object({
  round: z.number().int().min(1),
  cwnd: whole,
  ssthresh: whole,
  rwnd: whole,
  /** Sending window: min(cwnd, rwnd). */
  swnd: whole,
  phase: z.enum(['slow_start', 'congestion_avoidance', 'fast_recovery']),
  /** Byte ranges [first, last] sent this round, in the order they are sent. */
  sent: z.array(z.tuple([whole, whole])),
  event: z.enum(['timeout', 'dupacks']).nullable(),
});

// congestion/model.ts declares CongestionRound for the model's own code; this fails to compile
// the day the two disagree, so the schema stays the one description of a round in a trace.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _RoundSchemaMatchesModel = Assert<
  Same<z.output<typeof congestionRoundSchema>, CongestionRound>
>;

export const traceSchema = z.object({
  scenario: z.string(),
  seed: z.union([z.number(), z.string()]),
  profile: profileSchema,
  params: z.record(z.string(), paramValueSchema),
  segments: z.array(traceSegmentSchema),
  states: z.array(traceStateSchema),
  events: z.array(traceEventSchema),
  timers: z.array(traceTimerSchema),
  /** Virtual time (from the first segment) at which the simulation stopped. */
  end: sinceFirst,
  /** The round model's table (DESIGN.md §2b), present when the scenario has a `congestion` block. */
  rounds: z.array(congestionRoundSchema).optional(),
});
export type Trace = z.output<typeof traceSchema>;
