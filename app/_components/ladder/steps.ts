// Stepping through a trace one segment at a time, and grading a prediction of the next one.
// Step k shows the first k segments and everything that happened before segment k was
// sent; the last step shows the whole trace.
import type { TcpState, Trace, TraceSegment } from '@/lib/engine';
import {
  segmentNumbers,
  sortedSegments,
  type Numbering,
  type TimelineItem,
} from '@/lib/trace-export';

/** A step that exists for a trace of `total` segments: 0 (nothing yet) to `total` (all). */
export function clampStep(step: number, total: number): number {
  if (!Number.isFinite(step)) return step > 0 ? total : 0;
  return Math.max(0, Math.min(total, Math.trunc(step)));
}

/** Everything strictly before this time is shown at step `k` (Infinity at the last step). */
export function cutoffAt(segments: readonly TraceSegment[], k: number): number {
  return k >= segments.length ? Infinity : segments[k]!.t;
}

/** Is a timeline item visible at step k? Segments by index, the rest by time. */
export function isRevealed(
  item: TimelineItem,
  segments: readonly TraceSegment[],
  k: number,
): boolean {
  if (item.kind === 'segment') return item.index < k;
  return item.t < cutoffAt(segments, k);
}

/** The step at which an item first shows: what "jump to this event" goes to. */
export function stepOf(item: TimelineItem, segments: readonly TraceSegment[]): number {
  if (item.kind === 'segment') return item.index + 1;
  let k = 0;
  while (k < segments.length && segments[k]!.t <= item.t) k++;
  return k;
}

/** The sender's state once it has sent a segment (its connection, else its listener). */
export function senderStateAfter(trace: Trace, segment: TraceSegment): TcpState | null {
  let found: TcpState | null = null;
  let listener: TcpState | null = null;
  for (const s of trace.states) {
    if (s.endpoint !== segment.from || s.t > segment.t) continue;
    if (s.socket === 'conn' && s.cport === segment.cport) found = s.state;
    if (s.socket === 'listener') listener = s.state;
  }
  return found ?? listener;
}

export interface Guess {
  flags: string;
  /** Left empty: not graded. */
  ack?: number | null;
  state?: TcpState | null;
}

export interface Grade {
  flags: boolean;
  ack: boolean | null;
  state: boolean | null;
  correct: boolean;
}

/**
 * Grade a guess of the next segment; the optional parts count only when answered. The ack is
 * read in the numbering the diagram shows.
 */
export function gradeGuess(
  trace: Trace,
  segment: TraceSegment,
  guess: Guess,
  numbering: Numbering = 'relative',
): Grade {
  const flags = guess.flags.trim() === segment.flags;
  const ack =
    guess.ack === undefined || guess.ack === null || Number.isNaN(guess.ack)
      ? null
      : guess.ack === segmentNumbers(segment, numbering).ack;
  const state =
    guess.state === undefined || guess.state === null
      ? null
      : guess.state === senderStateAfter(trace, segment);
  return { flags, ack, state, correct: flags && ack !== false && state !== false };
}

/** The flag choices offered: the usual tcpdump combinations plus any this trace uses. */
export function flagChoices(trace: Trace): string[] {
  const base = ['S', 'S.', '.', 'P.', 'F.', 'FP.', 'R', 'R.'];
  for (const s of sortedSegments(trace)) if (!base.includes(s.flags)) base.push(s.flags);
  return base;
}
