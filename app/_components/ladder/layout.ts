// Geometry of the ladder diagram, as pure functions of a trace: lanes (one lifeline per
// endpoint), an ordinal time axis (one row per distinct instant, so 10 µs and 60 s both
// read; long pauses become a "… 60 s …" break), arrows, state marks, lifeline state bands
// and timer spans. The .tsx files only draw what this returns.
import type { TcpState, Trace, TraceSegment } from '@/lib/engine';
import {
  eventLabel,
  formatDuration,
  formatTime,
  isRetransmission,
  LONG_GAP,
  linkDelay,
  orderEndpoints,
  segmentLabel,
  sortedSegments,
  type Numbering,
} from '@/lib/trace-export';

export interface Metrics {
  axis: number;
  side: number;
  sideMax: number;
  /** Approximate width of one character of a mark. */
  charWidth: number;
  /** Approximate width of one character of a segment label (monospace). */
  labelCharWidth: number;
  minGap: number;
  top: number;
  bottom: number;
  row: number;
  mark: number;
  gap: number;
}

export const METRICS: Metrics = {
  /** Left margin holding the time labels. */
  axis: 68,
  /** Room beside an outer lifeline for its state marks: at least this, more for long marks. */
  side: 104,
  sideMax: 150,
  charWidth: 6.4,
  labelCharWidth: 6.6,
  /**
   * Fewest pixels between two lifelines: enough for `P. 1:101(100) ack 1` at 11 px; longer
   * labels (absolute numbers) widen the gap to fit them.
   */
  minGap: 190,
  /** Space above the first row (the endpoint names sit in a sticky header above). */
  top: 16,
  bottom: 20,
  /** Height of a row with at most one mark per lane. */
  row: 26,
  /** Height of each stacked mark (state, app call, timer) on one lane at one instant. */
  mark: 15,
  /** Extra height of a "… 60 s …" break. */
  gap: 30,
};

/** Below this width (a phone) margins and gaps shrink so two lanes fit without scrolling. */
export const COMPACT_BELOW = 520;

export const COMPACT: Metrics = {
  ...METRICS,
  axis: 42,
  side: 74,
  sideMax: 74,
  charWidth: 5.8,
  labelCharWidth: 6,
  minGap: 140,
  row: 24,
  mark: 13,
  gap: 26,
};

export interface Lane {
  name: string;
  x: number;
  /** Which side of the lifeline its marks go. */
  side: 'left' | 'right';
}

export interface Row {
  t: number;
  y: number;
  label: string;
}

export interface GapMark {
  /** y of the middle of the break. */
  y: number;
  label: string;
}

export interface Arrow {
  index: number;
  segment: TraceSegment;
  x1: number;
  y1: number;
  /** Where it is drawn to: the receiver, or the point where a dropped segment is lost. */
  x2: number;
  y2: number;
  label: string;
  /** Where the label is centred: the middle of the whole path (also for a lost segment), or
   *  nearer the sender when another segment crosses it in flight. */
  labelX: number;
  labelY: number;
  lost: boolean;
  retransmission: boolean;
}

export type MarkKind = 'state' | 'event' | 'timer';

export interface Mark {
  kind: MarkKind;
  t: number;
  lane: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  text: string;
  state?: TcpState;
}

export interface Band {
  lane: string;
  x: number;
  y1: number;
  y2: number;
  t1: number;
  state: TcpState;
}

export interface TimerSpan {
  lane: string;
  x: number;
  y1: number;
  y2: number;
  t1: number;
  t2: number;
  timer: string;
  /** How it ended: expired, cancelled, re-armed, or still pending when the run stopped. */
  end: 'fire' | 'cancel' | 'reset' | 'open';
}

/** Timers that run side by side on one socket get their own strip beside the lifeline. */
const TIMER_SLOT: Record<string, number> = { loss_probe: 1, delack: 2 };

export interface LadderLayout {
  /** Phone-sized: smaller type and margins. */
  compact: boolean;
  width: number;
  height: number;
  lanes: Lane[];
  rows: Row[];
  gaps: GapMark[];
  arrows: Arrow[];
  marks: Mark[];
  bands: Band[];
  timers: TimerSpan[];
  /** y of a point in time (interpolated between rows). */
  yAt: (t: number) => number;
}

const key = (t: number): number => Math.round(t * 1e9);

/** Where a lost segment is drawn to: this fraction of the way to its receiver. */
export const LOST_AT = 0.55;

/** Where along its path a segment that crosses another one in flight is labelled. */
export const CROSSING_LABEL_AT = 0.3;

/**
 * Compute the whole diagram for a width in pixels (lanes spread to fill it, never closer
 * than {@link METRICS.minGap}: a narrow screen scrolls sideways).
 */
export function layoutLadder(
  trace: Trace,
  width = 720,
  numbering: Numbering = 'relative',
): LadderLayout {
  const compact = width < COMPACT_BELOW;
  const m = compact ? COMPACT : METRICS;
  const delay = linkDelay(trace);
  const segments = sortedSegments(trace);
  const multiConn = new Set(trace.segments.map((s) => s.cport)).size > 1;

  // Marks per instant and lane decide the height of each row.
  type PendingMark = Omit<Mark, 'x' | 'y' | 'anchor'>;
  const pending: PendingMark[] = [];
  for (const st of trace.states) {
    const conn = multiConn && st.socket === 'conn' && st.cport !== null ? ` :${st.cport}` : '';
    pending.push({
      kind: 'state',
      t: st.t,
      lane: st.endpoint,
      text: `${st.state}${st.socket === 'listener' && st.state !== 'LISTEN' ? ' (listener)' : ''}${conn}`,
      state: st.state,
    });
  }
  for (const e of trace.events)
    pending.push({ kind: 'event', t: e.t, lane: e.endpoint, text: eventLabel(e) });
  const fired = (trace.timers ?? []).filter((tm) => tm.action === 'fire');
  for (const tm of fired)
    pending.push({ kind: 'timer', t: tm.t, lane: tm.endpoint, text: `◷ ${tm.timer}` });
  const order: Record<MarkKind, number> = { event: 0, state: 1, timer: 2 };
  pending.sort((a, b) => a.t - b.t || order[a.kind] - order[b.kind]);

  // Timer spans: each `set` to what came next for the same timer of the same socket.
  const spans: Omit<TimerSpan, 'x' | 'y1' | 'y2'>[] = [];
  const open = new Map<string, { t: number; expires: number | undefined }>();
  const close = (k: string, lane: string, timer: string, t2: number, end: TimerSpan['end']) => {
    const started = open.get(k);
    if (!started) return;
    open.delete(k);
    spans.push({ lane, timer, t1: started.t, t2, end });
  };
  for (const tm of trace.timers ?? []) {
    const k = `${tm.endpoint}|${tm.cport}|${tm.timer}`;
    if (tm.action === 'set') {
      close(k, tm.endpoint, tm.timer, tm.t, 'reset');
      open.set(k, { t: tm.t, expires: tm.expires });
    } else {
      close(k, tm.endpoint, tm.timer, tm.t, tm.action);
    }
  }
  for (const [k, started] of open) {
    const [lane = '', cport = '', timer = ''] = k.split('|');
    // A timer never cancelled explicitly ends with its socket: when it closes or (for any
    // timer but TIME_WAIT's own) becomes a TIME_WAIT socket, as FIN_WAIT2's timer does.
    const gone = trace.states.find(
      (st) =>
        st.endpoint === lane &&
        String(st.cport) === cport &&
        st.t >= started.t &&
        (st.state === 'CLOSED' || (st.state === 'TIME_WAIT' && timer !== 'time_wait')),
    );
    const t2 = Math.min(started.expires ?? trace.end, trace.end, gone?.t ?? Infinity);
    spans.push({ lane, timer, t1: started.t, t2: Math.max(t2, started.t), end: 'open' });
  }
  spans.sort((a, b) => a.t1 - b.t1);
  const spanStarts = spans.filter((sp) => sp.end === 'fire').map((sp) => sp.t1);

  const names = orderEndpoints(trace);
  const n = Math.max(names.length, 1);
  const longest = Math.max(0, ...pending.map((p) => p.text.length));
  const side = Math.min(m.sideMax, Math.max(m.side, Math.ceil(longest * m.charWidth) + 12));
  const inner = Math.max(0, width - m.axis - 2 * side);
  // The longest label fits between two lifelines (with room for the arrowhead); a narrow
  // screen scrolls sideways rather than overprint the lifelines and state marks.
  // A SYN's options line (ladder-svg.tsx) is set at 9/11 of the label's size.
  const longestLabel = Math.max(
    0,
    ...segments.map((s) =>
      Math.max(
        segmentLabel(s, numbering).length,
        s.opts !== undefined && s.flags.includes('S') ? Math.ceil(s.opts.length * (9 / 11)) : 0,
      ),
    ),
  );
  const labelGap = Math.ceil(longestLabel * m.labelCharWidth) + 24;
  const laneGap = n > 1 ? Math.max(m.minGap, labelGap, inner / (n - 1)) : 0;
  const lanes: Lane[] = names.map((name, i) => ({
    name,
    x: m.axis + side + (n > 1 ? i * laneGap : inner / 2),
    // Only the last (listener) lane has its marks on the right: a middle lane's own
    // segments mostly go right, towards the server, so its marks go left.
    side: i === n - 1 && n > 1 ? 'right' : n > 1 ? 'left' : 'right',
  }));
  const laneOf = new Map(lanes.map((l) => [l.name, l]));
  const totalWidth = Math.max(width, m.axis + 2 * side + (n - 1) * laneGap);

  const times = new Map<number, number>();
  const addTime = (t: number): void => {
    if (!times.has(key(t))) times.set(key(t), t);
  };
  for (const s of segments) {
    addTime(s.t);
    addTime(s.t + delay);
  }
  for (const p of pending) addTime(p.t);
  for (const t of spanStarts) addTime(t);
  addTime(trace.end);
  const sorted = [...times.values()].sort((a, b) => a - b);

  const perRow = new Map<string, number>();
  for (const p of pending) {
    const k = `${key(p.t)}|${p.lane}`;
    perRow.set(k, (perRow.get(k) ?? 0) + 1);
  }
  const rowHeight = (t: number): number => {
    let most = 1;
    for (const l of lanes) most = Math.max(most, perRow.get(`${key(t)}|${l.name}`) ?? 0);
    return Math.max(m.row, most * m.mark + 8);
  };

  const rows: Row[] = [];
  const gaps: GapMark[] = [];
  let y = m.top;
  sorted.forEach((t, i) => {
    if (i > 0) {
      const prev = sorted[i - 1]!;
      y += rowHeight(prev);
      if (t - prev >= LONG_GAP) {
        gaps.push({ y: y + m.gap / 2 - m.row / 2, label: `… ${formatDuration(t - prev)} …` });
        y += m.gap;
      }
    }
    rows.push({ t, y, label: formatTime(t) });
  });
  const last = rows.at(-1);
  const height = (last ? last.y + rowHeight(last.t) : m.top + m.row) + m.bottom;

  const rowY = new Map(rows.map((r) => [key(r.t), r.y]));
  const yAt = (t: number): number => {
    const exact = rowY.get(key(t));
    if (exact !== undefined) return exact;
    if (rows.length === 0) return m.top;
    if (t <= rows[0]!.t) return rows[0]!.y;
    if (t >= rows.at(-1)!.t) return rows.at(-1)!.y;
    // Binary search for the first row after t (traces can have thousands of rows).
    let lo = 1;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.t > t) hi = mid;
      else lo = mid + 1;
    }
    const a = rows[lo - 1]!;
    const b = rows[lo]!;
    return a.y + ((t - a.t) / (b.t - a.t)) * (b.y - a.y);
  };

  // Segments in flight at once in opposite directions cross in the middle: their labels
  // move towards their senders so they do not print over each other.
  const crossing = new Set<number>();
  segments.forEach((a, i) => {
    for (let j = i + 1; j < segments.length && segments[j]!.t < a.t + delay - 1e-9; j++) {
      const b = segments[j]!;
      if (b.from === a.to && b.to === a.from) {
        crossing.add(i);
        crossing.add(j);
      }
    }
  });

  const arrows: Arrow[] = [];
  segments.forEach((segment, index) => {
    const from = laneOf.get(segment.from);
    const to = laneOf.get(segment.to);
    if (!from || !to) return;
    const y1 = yAt(segment.t);
    const yEnd = yAt(segment.t + delay);
    const f = segment.dropped ? LOST_AT : 1;
    const at = crossing.has(index) ? CROSSING_LABEL_AT : 0.5;
    arrows.push({
      index,
      segment,
      x1: from.x,
      y1,
      x2: from.x + (to.x - from.x) * f,
      y2: y1 + (yEnd - y1) * f,
      label: segmentLabel(segment, numbering),
      labelX: from.x + (to.x - from.x) * at,
      labelY: y1 + (yEnd - y1) * at,
      lost: segment.dropped,
      retransmission: isRetransmission(segment.why),
    });
  });

  const stacked = new Map<string, number>();
  const marks: Mark[] = pending.flatMap((p) => {
    const lane = laneOf.get(p.lane);
    if (!lane) return [];
    const k = `${key(p.t)}|${p.lane}`;
    const nth = stacked.get(k) ?? 0;
    stacked.set(k, nth + 1);
    const left = lane.side === 'left';
    return [
      {
        ...p,
        x: lane.x + (left ? -8 : 8),
        y: yAt(p.t) + 4 + nth * m.mark,
        anchor: left ? ('end' as const) : ('start' as const),
      },
    ];
  });

  // A band per state of each lane's first connection (or its listener when it has none),
  // so the lifeline's colour says the state at every height.
  const bands: Band[] = [];
  for (const lane of lanes) {
    const own = trace.states.filter((s) => s.endpoint === lane.name);
    const firstConn = own.find((s) => s.socket === 'conn');
    const track = firstConn
      ? own.filter((s) => s.socket === 'conn' && s.cport === firstConn.cport)
      : own.filter((s) => s.socket === 'listener');
    track.forEach((s, i) => {
      const next = track[i + 1];
      const t2 = next ? next.t : trace.end;
      if (s.state === 'CLOSED' && !next) return;
      bands.push({
        lane: lane.name,
        x: lane.x,
        y1: yAt(s.t),
        y2: yAt(t2),
        t1: s.t,
        state: s.state,
      });
    });
  }

  const timers: TimerSpan[] = spans.flatMap((sp) => {
    const lane = laneOf.get(sp.lane);
    if (!lane) return [];
    const offset = 5 + 4 * (TIMER_SLOT[sp.timer] ?? 0);
    return [
      {
        ...sp,
        x: lane.x + (lane.side === 'left' ? -offset : offset),
        y1: yAt(sp.t1),
        y2: yAt(sp.t2),
      },
    ];
  });

  return {
    compact,
    width: totalWidth,
    height,
    lanes,
    rows,
    gaps,
    arrows,
    marks,
    bands,
    timers,
    yAt,
  };
}
