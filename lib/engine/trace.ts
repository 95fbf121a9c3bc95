// Builds the trace JSON of DESIGN.md §2 from the simulator's raw records: times relative to
// the first segment, rounded to the microsecond, and tcpdump-style relative seq/ack numbers.

import { seqDiff } from './sequence';
import type { RawTrace } from './world';
import type { ParamValue, Profile, Trace, TraceSegment } from './trace-schema';

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Relative numbering like tcpdump: each direction of a 4-tuple counts from the sequence
 * number of its SYN (the latest one before the segment, or else the first after it); an
 * injected old duplicate SYN, or a SYN the other side does not take up, does not reset the
 * base. Two passes, no closures (hot path).
 */
function endpointIndex(names: Map<string, number>, name: string): number {
  let v = names.get(name);
  if (v === undefined) {
    v = names.size;
    names.set(name, v);
  }
  return v;
}

/**
 * True when the other direction acknowledges SYN `i` (ack = ISN + 1) before this direction
 * sends anything else: the SYN was taken up, not answered with the old connection's numbers.
 */
function answered(segs: TraceSegment[], keys: number[], i: number, reverse: number): boolean {
  const want = (segs[i]!.abs_seq + 1) >>> 0;
  const own = keys[i];
  for (let j = i + 1; j < segs.length; j++) {
    if (keys[j] === own) return false;
    if (keys[j] === reverse && segs[j]!.abs_ack === want) return true;
  }
  return false;
}

function relativise(segs: TraceSegment[]): void {
  const n = segs.length;
  // Numeric direction keys: (endpoint index pair, ports), no string building per segment.
  const names = new Map<string, number>();
  const keys: number[] = new Array<number>(n);
  const revKeys: number[] = new Array<number>(n);
  const firstIsn = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const s = segs[i]!;
    const a = endpointIndex(names, s.from);
    const b = endpointIndex(names, s.to);
    keys[i] = ((a * 1024 + b) * 65536 + s.sport) * 65536 + s.dport;
    revKeys[i] = ((b * 1024 + a) * 65536 + s.dport) * 65536 + s.sport;
    if (
      s.flags.charCodeAt(0) === 83 /* S */ &&
      s.why !== 'old_duplicate' &&
      !firstIsn.has(keys[i]!)
    )
      firstIsn.set(keys[i]!, s.abs_seq);
  }
  const current = new Map<number, number>(firstIsn);
  for (let i = 0; i < n; i++) {
    const s = segs[i]!;
    const key = keys[i]!;
    if (s.flags.charCodeAt(0) === 83 && s.why !== 'old_duplicate') {
      // A later SYN with a new ISN starts a new numbering only once the other side takes it
      // up (acknowledges ISN + 1): a new incarnation. A SYN answered by a challenge ACK (a
      // rebooted peer's, or a probe's) is shown in the numbering of the connection it hit.
      const base = current.get(key);
      if (base === undefined || base === s.abs_seq || answered(segs, keys, i, revKeys[i]!))
        current.set(key, s.abs_seq);
    }
    const own = current.get(key);
    const peer = current.get(revKeys[i]!);
    // A RST with seq 0 answering a segment without ACK has no meaningful relative seq.
    s.seq =
      own === undefined || (s.flags === 'R.' && s.abs_seq === 0)
        ? null
        : seqDiff(s.abs_seq, own) >>> 0;
    s.ack = s.abs_ack === null || peer === undefined ? null : seqDiff(s.abs_ack, peer) >>> 0;
  }
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
    // The params record is created per run, so it can take t0 directly (no copy).
    params: Object.assign(meta.params, { t0: round6(t0) }),
    segments: raw.segments,
    states: raw.states,
    events: raw.events,
    timers: raw.timers,
    end: round6(raw.end - t0),
  };
}
