// What a connection or a listener asks of the world: segments to send, state changes, timers
// (absolute deadlines), teardown and wake-ups. Sockets write effects into a sink; the world
// applies them in one place, and tests record them.

import type { Request } from './request';
import type { Segment } from './segment';
import type { TcpState, TimerName } from './trace-schema';

/** A connection's timer slots: one kernel timer each (icsk_retransmit_timer, delack, keepalive, TIME_WAIT). */
export type TimerSlot = 'rtx' | 'delack' | 'keepalive' | 'tw';

export type Effect =
  /** A segment leaves this endpoint (the world adds the trace index, faults and delay). */
  | { k: 'send'; seg: Segment }
  /** A socket changed state; `cport` tells connections apart, null for the listener. */
  | { k: 'state'; socket: 'conn' | 'listener'; cport: number | null; from: TcpState; to: TcpState }
  /** A timer is armed to fire at the absolute virtual time `at` (replacing any earlier arming). */
  | { k: 'timer'; op: 'set'; slot: TimerSlot; name: TimerName; at: number }
  /** A timer is cancelled, or fired now (both recorded in the trace). */
  | { k: 'timer'; op: 'cancel' | 'fire'; slot: TimerSlot; name: TimerName }
  /** A request sock's SYN-ACK timer is armed for `at` (request socks are not traced). */
  | { k: 'request_timer'; req: Request; at: number }
  /** The connection is gone from the 4-tuple table (tcp_done, TIME_WAIT expiry). */
  | { k: 'gone' }
  /** The owning program should run again at this instant (a child joined the accept queue). */
  | { k: 'wake' };

/** Where a socket writes its effects; `source` is the socket that produced them. */
export interface EffectSink<S> {
  emit(source: S, e: Effect): void;
}
