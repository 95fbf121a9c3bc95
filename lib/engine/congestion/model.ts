// The exam's textbook congestion model (issue 11, DESIGN.md §2b): cwnd, ssthresh and the
// sending window round by round for Tahoe and Reno, in bytes. Pure: no clock, no randomness.

import { ScenarioError, assertNever } from '../errors';
import { RunBudget, runLimitsOf } from '../limits';
import { acksFor, growPerAck, halveFlight, segmentBudget } from './segments';

export type CongestionAlgorithm = 'tahoe' | 'reno';
/**
 * `rounds`: the exam's per-round rules (cwnd doubles up to ssthresh, then +1 MSS per round).
 * `segments`: the same rounds, but cwnd grows per new ACK in bytes (RFC 5681 §3.1), whole
 * segments are sent, and a loss halves the bytes in flight (./segments.ts).
 */
export type CongestionModel = 'rounds' | 'segments';
export type CongestionPhase = 'slow_start' | 'congestion_avoidance' | 'fast_recovery';
/** What happens to the window sent in a round: an RTO expires, or three duplicate ACKs arrive. */
export type CongestionEventKind = 'timeout' | 'dupacks';

export interface CongestionEvent {
  /** The round whose window meets the event (1-based); the next round shows the reaction. */
  round: number;
  kind: CongestionEventKind;
}

export interface RoundsConfig {
  /** Default `rounds`, the exam's model. */
  model?: CongestionModel;
  algorithm: CongestionAlgorithm;
  /** Bytes per segment. */
  mss: number;
  /** cwnd of round 1 in bytes (the exam: 1 MSS after the connection opens). */
  initialCwnd: number;
  /** Initial slow-start threshold in bytes. */
  ssthresh: number;
  /**
   * The receiver's window: a constant advertised window in bytes, or a receive buffer that the
   * application drains by `read` bytes per round (rwnd = buffer − bytes held unread).
   */
  rwnd: number | ReceiverBuffer;
  /** At most one per round, in increasing round order. */
  events: readonly CongestionEvent[];
  /** How many rounds to produce. */
  rounds: number;
  /** Number of the first data byte (DESIGN.md §2b: 1, right after the SYN's sequence number). */
  firstByte?: number;
}

export interface ReceiverBuffer {
  /** Receive buffer size in bytes. */
  buffer: number;
  /** Bytes the application reads per round (after the round's data arrives). */
  read: number;
}

/**
 * The receiver of the round model: what it holds decides rwnd. Segments arrive in the round
 * they are sent; in-order bytes wait for the application, bytes beyond a hole (after a lost
 * segment) are held too, and both take buffer space (rwnd = buffer − held, issue 11).
 */
class Receiver {
  private rcvNxt: number;
  private readUpTo: number;
  private ooo: [number, number] | null = null;
  constructor(
    private readonly spec: ReceiverBuffer,
    firstByte: number,
  ) {
    this.rcvNxt = firstByte;
    this.readUpTo = firstByte;
  }

  /** The window advertised by the ACKs that open the next round. */
  window(): number {
    const unread = this.rcvNxt - this.readUpTo;
    const held = this.ooo === null ? 0 : this.ooo[1] - this.ooo[0] + 1;
    return Math.max(0, this.spec.buffer - unread - held);
  }

  /** Ranges that reached the receiver this round, then the application reads. */
  receive(ranges: readonly [number, number][]): void {
    for (const [a, b] of ranges) {
      if (b < this.rcvNxt) continue; // a retransmission of bytes already delivered
      if (a <= this.rcvNxt) {
        this.rcvNxt = b + 1;
        if (this.ooo !== null && this.ooo[0] <= this.rcvNxt) {
          this.rcvNxt = Math.max(this.rcvNxt, this.ooo[1] + 1);
          this.ooo = null;
        }
      } else {
        this.ooo =
          this.ooo === null ? [a, b] : [Math.min(this.ooo[0], a), Math.max(this.ooo[1], b)];
      }
    }
    this.readUpTo = Math.min(this.rcvNxt, this.readUpTo + this.spec.read);
  }
}

/** One RTT of the round model: the values in force while the round's window is sent. */
export interface CongestionRound {
  round: number;
  cwnd: number;
  ssthresh: number;
  rwnd: number;
  /** Sending window: min(cwnd, rwnd). */
  swnd: number;
  phase: CongestionPhase;
  /** Byte ranges [first, last] sent this round, in the order they are sent. */
  sent: [number, number][];
  event: CongestionEventKind | null;
}

/**
 * ssthresh after a loss: half of cwnd, rounded down to whole segments (the exam's "cwnd / 2"
 * with cwnd in MSS units), but never below 2 MSS (RFC 5681 eq. (4); the exam never reaches it).
 */
export function halveWindow(cwnd: number, mss: number): number {
  return Math.max(Math.floor(cwnd / 2 / mss) * mss, 2 * mss);
}

/**
 * cwnd of the next round when nothing goes wrong: slow start doubles it but stops at ssthresh
 * (the exam's "1, 2, 4, 8, then 9" with ssthresh 8); congestion avoidance adds exactly one MSS.
 * Real TCP grows per ACK and may overshoot (RFC 5681 §3.1); the exam's answers never do.
 */
export function grow(cwnd: number, ssthresh: number, mss: number): number {
  return cwnd < ssthresh ? Math.min(2 * cwnd, ssthresh) : cwnd + mss;
}

function dropFirstSegment(sent: readonly [number, number][], mss: number): [number, number][] {
  const [first, ...rest] = sent;
  if (first === undefined) return [];
  const after = first[0] + mss;
  return after <= first[1] ? [[after, first[1]], ...rest] : rest;
}

/**
 * Run the round model.
 *
 * @example
 * runRounds({ algorithm: 'reno', mss: 1000, initialCwnd: 1000, ssthresh: 8000, rwnd: 64000,
 *   events: [], rounds: 6 }).map((r) => r.cwnd / 1000) // [1, 2, 4, 8, 9, 10]
 */
export function runRounds(
  config: RoundsConfig,
  work: RunBudget = new RunBudget(runLimitsOf(undefined), 'congestion'),
): CongestionRound[] {
  const { algorithm, mss, rounds } = config;
  const perAck = config.model === 'segments';
  const firstByte = config.firstByte ?? 1;
  const receiver = typeof config.rwnd === 'number' ? null : new Receiver(config.rwnd, firstByte);
  const byRound = new Map<number, CongestionEvent>();
  let last = 0;
  config.events.forEach((e, i) => {
    if (!Number.isInteger(e.round) || e.round <= last || e.round > rounds) {
      throw new ScenarioError(
        `congestion.events[${i}].round`,
        `expected a round in ${last + 1}..${rounds} (events in increasing round order, one per round), got ${e.round}`,
      );
    }
    last = e.round;
    byRound.set(e.round, e);
  });

  const out: CongestionRound[] = [];
  let cwnd = config.initialCwnd;
  let ssthresh = config.ssthresh;
  let next = firstByte; // first byte never sent yet
  let retransmit: [number, number] | null = null; // a segment fast retransmit resends first
  let recovering = false;

  for (let round = 1; round <= rounds; round++) {
    work.charge(1);
    const rwnd = receiver === null ? (config.rwnd as number) : receiver.window();
    const swnd = Math.min(cwnd, rwnd);
    const phase: CongestionPhase = recovering
      ? 'fast_recovery'
      : cwnd < ssthresh
        ? 'slow_start'
        : 'congestion_avoidance';
    const sent: [number, number][] = [];
    let budget = perAck ? segmentBudget(swnd, mss) : swnd;
    const flight = budget;
    if (retransmit !== null && budget > 0) {
      sent.push(retransmit);
      budget -= retransmit[1] - retransmit[0] + 1;
      retransmit = null;
    }
    const windowStart = sent[0]?.[0] ?? next;
    if (budget > 0) {
      sent.push([next, next + budget - 1]);
      next += budget;
    }
    const event = byRound.get(round);
    out.push({
      round,
      cwnd,
      ssthresh,
      rwnd,
      swnd,
      phase,
      sent,
      event: event?.kind ?? null,
    });
    recovering = false;
    if (receiver !== null) {
      // A timeout loses the whole window (it is sent again); three duplicate ACKs mean its
      // first segment was lost and the rest arrived beyond the hole.
      if (event === undefined) receiver.receive(sent);
      else if (event.kind === 'dupacks') receiver.receive(dropFirstSegment(sent, mss));
      else receiver.receive([]);
    }
    if (event === undefined) {
      if (perAck) {
        // growPerAck loops once per ACK: a huge window with a tiny MSS is charged first.
        const acks = acksFor(flight, mss);
        work.charge(acks);
        cwnd = growPerAck(cwnd, ssthresh, mss, acks);
      } else {
        cwnd = grow(cwnd, ssthresh, mss);
      }
      continue;
    }
    // The exam halves cwnd in whole segments; the per-ACK model halves the bytes in flight.
    const halved = perAck ? halveFlight(flight, mss) : halveWindow(cwnd, mss);
    switch (event.kind) {
      case 'timeout':
        // The exam: ssthresh = cwnd / 2, cwnd = 1 MSS (RFC 5681 eq. (4) uses FlightSize / 2).
        // After an RTO the sender goes back to the oldest unacknowledged byte (SND.NXT =
        // SND.UNA), so the next rounds resend this round's window.
        ssthresh = halved;
        cwnd = mss;
        next = windowStart;
        break;
      case 'dupacks': {
        // Three duplicate ACKs need three segments after the lost one: four in the window.
        if (flight < 4 * mss) {
          throw new ScenarioError(
            `congestion.events[${config.events.indexOf(event)}]`,
            `three duplicate ACKs need at least 4 segments in flight; round ${round} sends ${flight} bytes (mss ${mss})`,
          );
        }
        // The round's first segment was lost; the others arrived and each drew a duplicate
        // ACK. Fast retransmit resends only that segment, at the start of the next round.
        retransmit = [windowStart, windowStart + mss - 1];
        ssthresh = halved;
        switch (algorithm) {
          case 'reno':
            // Reno's fast recovery as the exam states it: cwnd = ssthresh = cwnd / 2, then
            // congestion avoidance (RFC 5681 §3.2 inflates cwnd by 3 MSS during recovery).
            cwnd = ssthresh;
            recovering = true;
            break;
          case 'tahoe':
            // Tahoe has no fast recovery: back to 1 MSS and slow start, as after a timeout.
            cwnd = mss;
            break;
          default:
            assertNever(algorithm, 'congestion algorithm');
        }
        break;
      }
      default:
        assertNever(event.kind, 'congestion event');
    }
  }
  return out;
}
