// The `segments` congestion model's rules (issue 11): the same rounds as the exam's model, but
// cwnd grows per new ACK in bytes as RFC 5681 §3.1 states it, so it is what real TCP does
// within one RTT. Pure arithmetic; model.ts runs the rounds.

/**
 * cwnd after `acks` new ACKs, one per full segment the round delivered: slow start adds 1 MSS
 * per ACK while cwnd < ssthresh (and may pass it on the last ACK, as RFC 5681 allows);
 * congestion avoidance adds MSS·MSS / cwnd per ACK (RFC 5681 eq. (3)), at least 1 byte, so
 * about one MSS per round when the window is full.
 */
export function growPerAck(cwnd: number, ssthresh: number, mss: number, acks: number): number {
  let c = cwnd;
  for (let i = 0; i < acks; i++) {
    c += c < ssthresh ? mss : Math.max(1, Math.floor((mss * mss) / c));
  }
  return c;
}

/**
 * Bytes the sender puts on the wire in a round of the segments model: whole segments only
 * (sender-side silly window avoidance, RFC 9293 §3.8.6.2.1), or what the window allows when
 * it is smaller than one segment, so a small rwnd still lets data through.
 */
export function segmentBudget(swnd: number, mss: number): number {
  return swnd >= mss ? Math.floor(swnd / mss) * mss : swnd;
}

/** ssthresh after a loss in the segments model: max(FlightSize / 2, 2 MSS) (RFC 5681 eq. (4)). */
export function halveFlight(flight: number, mss: number): number {
  return Math.max(Math.floor(flight / 2), 2 * mss);
}

/** New ACKs a round's delivered bytes draw: one per segment, the last one possibly short. */
export function acksFor(bytes: number, mss: number): number {
  return Math.ceil(bytes / mss);
}
