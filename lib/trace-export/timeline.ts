// All the things that happen in a trace, merged into one time-ordered list: the order the
// ladder diagram reveals them, the event log shows them and the exports write them.
import type { Trace, TraceEvent, TraceSegment, TraceState, TraceTimer } from '@/lib/engine';

export type TimelineItem =
  | { kind: 'event'; t: number; endpoint: string; event: TraceEvent }
  | { kind: 'state'; t: number; endpoint: string; state: TraceState }
  | { kind: 'timer'; t: number; endpoint: string; timer: TraceTimer }
  | { kind: 'segment'; t: number; endpoint: string; segment: TraceSegment; index: number };

// At one instant an endpoint's state change and the app's call come before the segment it
// sends (close() → FIN_WAIT1 → FIN), which is how a textbook reads.
const RANK: Record<TimelineItem['kind'], number> = { event: 0, state: 1, timer: 2, segment: 3 };

/** The trace's segments in send order (stable for equal times). */
export function sortedSegments(trace: Trace): TraceSegment[] {
  return trace.segments
    .map((segment, i) => ({ segment, i }))
    .sort((a, b) => a.segment.t - b.segment.t || a.i - b.i)
    .map((x) => x.segment);
}

/**
 * Segments, state changes, app events and timer expiries in time order. Timer `set` and
 * `cancel` entries are left out (the diagram draws them as spans); `index` is the
 * segment's position in {@link sortedSegments}.
 */
export function timeline(trace: Trace): TimelineItem[] {
  const items: TimelineItem[] = [];
  sortedSegments(trace).forEach((segment, index) =>
    items.push({ kind: 'segment', t: segment.t, endpoint: segment.from, segment, index }),
  );
  for (const state of trace.states)
    items.push({ kind: 'state', t: state.t, endpoint: state.endpoint, state });
  for (const event of trace.events)
    items.push({ kind: 'event', t: event.t, endpoint: event.endpoint, event });
  for (const timer of trace.timers ?? [])
    if (timer.action === 'fire')
      items.push({ kind: 'timer', t: timer.t, endpoint: timer.endpoint, timer });
  return items
    .map((item, order) => ({ item, order }))
    .sort(
      (a, b) => a.item.t - b.item.t || RANK[a.item.kind] - RANK[b.item.kind] || a.order - b.order,
    )
    .map((x) => x.item);
}
