// Builds the trace JSON of DESIGN.md §2 from the simulator's raw records: times relative to
// the first segment, rounded to the microsecond, and tcpdump-style relative seq/ack numbers.

import { seqDiff } from './sequence';
import type { RawTrace } from './sim';
import type { ParamValue, Profile, Trace, TraceSegment } from './types';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Relative numbering like `tcpdump -S` off: each direction of a 4-tuple counts from the
 * sequence number of its SYN (the latest one before the segment, or else the first after
 * it); an injected old duplicate SYN does not reset the base.
 */
function relativise(segs: TraceSegment[]): void {
  const dirKey = (from: string, sport: number, to: string, dport: number): string =>
    `${from}:${sport}>${to}:${dport}`;
  const isnPoints = new Map<string, Array<{ idx: number; isn: number }>>();
  segs.forEach((s, idx) => {
    if (s.flags.includes('S') && s.why !== 'old_duplicate') {
      const k = dirKey(s.from, s.sport, s.to, s.dport);
      const list = isnPoints.get(k) ?? [];
      const lastIsn = list[list.length - 1];
      if (lastIsn === undefined || lastIsn.isn !== s.abs_seq) list.push({ idx, isn: s.abs_seq });
      isnPoints.set(k, list);
    }
  });
  const isnAt = (k: string, idx: number): number | undefined => {
    const list = isnPoints.get(k);
    if (list === undefined || list.length === 0) return undefined;
    let best = list[0]!.isn;
    for (const p of list) if (p.idx <= idx) best = p.isn;
    return best;
  };
  segs.forEach((s, idx) => {
    const own = isnAt(dirKey(s.from, s.sport, s.to, s.dport), idx);
    const peer = isnAt(dirKey(s.to, s.dport, s.from, s.sport), idx);
    // A RST with seq 0 answering a segment without ACK has no meaningful relative seq.
    s.seq =
      own === undefined || (s.flags === 'R.' && s.abs_seq === 0)
        ? null
        : seqDiff(s.abs_seq, own) >>> 0;
    s.ack = s.abs_ack === null || peer === undefined ? null : seqDiff(s.abs_ack, peer) >>> 0;
  });
}

export function buildTrace(
  raw: RawTrace,
  meta: {
    scenario: string;
    seed: number | string;
    profile: Profile;
    params: Record<string, ParamValue>;
  },
): Trace {
  relativise(raw.segments);
  const t0 = raw.segments[0]?.t ?? 0;
  for (const s of raw.segments) s.t = round6(s.t - t0);
  for (const s of raw.states) s.t = round6(s.t - t0);
  for (const e of raw.events) e.t = round6(e.t - t0);
  for (const x of raw.timers) {
    x.t = round6(x.t - t0);
    if (x.expires !== undefined) x.expires = round6(x.expires - t0);
  }
  return {
    scenario: meta.scenario,
    seed: meta.seed,
    profile: meta.profile,
    params: { ...meta.params, t0: round6(t0) },
    segments: raw.segments,
    states: raw.states,
    events: raw.events,
    timers: raw.timers,
    end: round6(raw.end - t0),
  };
}
