// What a learner can work out from segments alone (RFC 9293 §3.4): the sequence space each one
// consumes, each side's next seq and highest ack, which correct TCPs could have sent a segment,
// and the happens-before order of a trace. Used by the segment templates and their tests.

import { seqAdd, seqLt, type Trace, type TraceSegment } from '@/lib/engine';

/** The fields a learner reads off a segment (the diagram and option texts show these). */
export type SegmentView = Pick<
  TraceSegment,
  'from' | 'to' | 'flags' | 'abs_seq' | 'abs_ack' | 'len'
>;

export const hasSyn = (s: SegmentView): boolean => s.flags.includes('S');
export const hasFin = (s: SegmentView): boolean => s.flags.includes('F');
export const hasRst = (s: SegmentView): boolean => s.flags.includes('R');

/** Sequence numbers a segment consumes: its payload, plus one each for SYN and FIN. */
export function span(s: SegmentView): number {
  return s.len + (hasSyn(s) ? 1 : 0) + (hasFin(s) ? 1 : 0);
}

/** The sequence number after the segment (what acknowledges it in full). */
export function endOf(s: SegmentView): number {
  return seqAdd(s.abs_seq, span(s));
}

/** A segment as the diagram draws it, times aside: equal strings look the same to a learner. */
export function looks(s: SegmentView): string {
  return `${s.from}>${s.to} ${s.flags} ${s.abs_seq} ${s.abs_ack ?? '-'} ${s.len}`;
}

/** The trace's one-way delay (the catalog scenarios use one fixed delay per link). */
export function linkDelay(trace: Pick<Trace, 'params'>): number {
  const d = Number(trace.params['link.delay'] ?? 0);
  return Number.isFinite(d) ? d : 0;
}

/** When a segment reaches its receiver; null if it was lost. */
export function arrivalOf(trace: Pick<Trace, 'params'>, s: TraceSegment): number | null {
  return s.dropped ? null : s.t + linkDelay(trace);
}

function later(a: number | null, b: number): number {
  return a === null || seqLt(a, b) ? b : a;
}

/** The highest sequence number `who` has reached in `segs` (its snd.nxt), or null. */
export function nextSeqOf(segs: readonly SegmentView[], who: string): number | null {
  let nxt: number | null = null;
  for (const s of segs) if (s.from === who) nxt = later(nxt, endOf(s));
  return nxt;
}

/** The highest ack `who` has sent in `segs`, or null. */
export function highestAckOf(segs: readonly SegmentView[], who: string): number | null {
  let ack: number | null = null;
  for (const s of segs) if (s.from === who && s.abs_ack !== null) ack = later(ack, s.abs_ack);
  return ack;
}

/**
 * The last segment `from` sent in `segs` that consumed sequence space and ends at `end`: the
 * unit an ack of `end` acknowledges last (a SYN, a FIN or data), or undefined.
 */
export function lastUnitEndingAt(
  segs: readonly SegmentView[],
  from: string,
  end: number,
): SegmentView | undefined {
  return segs.filter((s) => s.from === from && span(s) > 0 && endOf(s) === end).at(-1);
}

/** A rule of RFC 9293 that a segment breaks, checkable from the segments before it. */
export type Violation =
  /** An ACK from an endpoint that has not sent its own SYN (the reply to a SYN is SYN+ACK). */
  | { rule: 'ack-before-own-syn' }
  /** An ack at or below the peer's ISN: the peer's SYN is the first thing received. */
  | { rule: 'ack-below-syn'; isn: number }
  /** An ack below one the same endpoint already sent: RCV.NXT never goes back. */
  | { rule: 'ack-went-back'; earlier: number; index: number }
  /** An ack of sequence numbers the peer has not sent yet. */
  | { rule: 'ack-beyond-sent'; sent: number }
  /** A seq that is not SND.NXT, and not a retransmission, keepalive or window probe either. */
  | { rule: 'seq-not-next'; next: number };

/**
 * Why no correct TCP could send `m` after the segments `before` (in sending order), judged
 * from the segments alone; null when some correct TCP could send it. Correct behaviours that
 * re-use old numbers are allowed: a retransmission (an earlier segment's seq, length and
 * SYN/FIN again), a keepalive or zero-window probe (a bare ACK of at most one byte at
 * SND.NXT − 1 or SND.UNA − 1), a duplicate ACK (the same ack again). Any other bare ACK
 * carries SND.NXT.
 */
export function violation(before: readonly SegmentView[], m: SegmentView): Violation | null {
  const own = before.filter((s) => s.from === m.from);
  const peer = before.filter((s) => s.from === m.to);
  if (m.abs_ack !== null && !hasRst(m) && !hasSyn(m) && !own.some(hasSyn))
    return { rule: 'ack-before-own-syn' };
  if (m.abs_ack !== null) {
    const syn = peer.find(hasSyn);
    if (syn !== undefined && !seqLt(syn.abs_seq, m.abs_ack))
      return { rule: 'ack-below-syn', isn: syn.abs_seq };
    const highest = highestAckOf(before, m.from);
    if (highest !== null && seqLt(m.abs_ack, highest)) {
      const index = before.findIndex((s) => s.from === m.from && s.abs_ack === highest);
      return { rule: 'ack-went-back', earlier: highest, index };
    }
    const sent = nextSeqOf(before, m.to);
    if (sent !== null && seqLt(sent, m.abs_ack)) return { rule: 'ack-beyond-sent', sent };
  }
  const next = nextSeqOf(before, m.from);
  if (next !== null && m.abs_seq !== next && !hasRst(m)) {
    // Only what consumes sequence space is retransmitted; a bare ACK always carries SND.NXT.
    const retransmission = own.some(
      (o) =>
        span(m) > 0 &&
        o.abs_seq === m.abs_seq &&
        o.len === m.len &&
        hasSyn(o) === hasSyn(m) &&
        hasFin(o) === hasFin(m),
    );
    const una = highestAckOf(before, m.to);
    const probe =
      m.flags === '.' &&
      m.len <= 1 &&
      (m.abs_seq === seqAdd(next, -1) || (una !== null && m.abs_seq === seqAdd(una, -1)));
    if (!retransmission && !probe) return { rule: 'seq-not-next', next };
  }
  return null;
}

/** Transitive closure of a relation given as a square boolean matrix (Floyd–Warshall). */
function closure(rel: boolean[][]): boolean[][] {
  const n = rel.length;
  const out = rel.map((row) => row.slice());
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      if (out[i]![k]) for (let j = 0; j < n; j++) if (out[k]![j]) out[i]![j] = true;
  return out;
}

/**
 * Happens-before among the segments `indices` of a trace (Lamport): a segment comes after
 * every earlier segment of its sender, and after every segment that reached its sender before
 * it left (a reply after what it answers); transitively. `before[a][b]` means indices[a] was
 * necessarily sent before indices[b].
 */
export function happensBefore(trace: Trace, indices: readonly number[]): boolean[][] {
  const segs = trace.segments;
  const n = segs.length;
  const rel = segs.map(() => new Array<boolean>(n).fill(false));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = segs[i]!;
      const b = segs[j]!;
      if (a.from === b.from) rel[i]![j] = true;
      const arrived = arrivalOf(trace, a);
      if (a.to === b.from && arrived !== null && arrived <= b.t + 1e-9) rel[i]![j] = true;
    }
  const all = closure(rel);
  return indices.map((i) => indices.map((j) => all[i]![j]!));
}

/**
 * The order a learner can prove from the segments' fields alone: one sender's segments by
 * seq (a bare ACK before the segment that consumes the same seq, bare ACKs by ack), and a
 * segment after every segment of the peer it acknowledges; transitively.
 */
export function provableOrder(segs: readonly SegmentView[]): boolean[][] {
  const rel = segs.map((a) =>
    segs.map((b) => {
      if (a === b) return false;
      if (a.from === b.from) {
        if (a.abs_seq !== b.abs_seq) return seqLt(a.abs_seq, b.abs_seq);
        if (span(a) === 0 && span(b) > 0) return true;
        if (span(a) === 0 && span(b) === 0 && a.abs_ack !== null && b.abs_ack !== null)
          return seqLt(a.abs_ack, b.abs_ack);
        return false;
      }
      return a.from === b.to && span(a) > 0 && b.abs_ack !== null && !seqLt(b.abs_ack, endOf(a));
    }),
  );
  return closure(rel);
}
