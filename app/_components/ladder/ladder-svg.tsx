// Draws a computed ladder layout as SVG, showing only what is revealed at the current step.
import type { TraceSegment } from '@/lib/engine';
import { rfcStateName } from '@/lib/trace-export';
import { STATE_STROKE, STATE_TEXT } from './colors';
import type { Arrow, LadderLayout } from './layout';

const HALO = '[paint-order:stroke] stroke-white stroke-[3px] dark:stroke-slate-950';

export interface LadderSvgProps {
  layout: LadderLayout;
  /** Segments shown: the first `revealed`. */
  revealed: number;
  /** Items before this time are shown (Infinity: all). */
  cutoff: number;
  title: string;
  describeSegment: (segment: TraceSegment) => string;
}

function head(a: Arrow): string {
  const angle = Math.atan2(a.y2 - a.y1, a.x2 - a.x1);
  const size = 7;
  const p = (d: number): string =>
    `${a.x2 - size * Math.cos(angle + d)},${a.y2 - size * Math.sin(angle + d)}`;
  return `${a.x2},${a.y2} ${p(0.45)} ${p(-0.45)}`;
}

function ArrowView({
  arrow,
  current,
  compact,
  description,
}: {
  arrow: Arrow;
  current: boolean;
  compact: boolean;
  description: string;
}) {
  const { x1, y1, x2, y2 } = arrow;
  const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
  // Keep labels upright: a right-to-left arrow is labelled along the reversed direction.
  const upright = angle > 90 || angle < -90 ? angle - 180 : angle;
  const mx = arrow.labelX;
  const my = arrow.labelY;
  const tone = arrow.lost
    ? 'stroke-red-600 dark:stroke-red-400'
    : arrow.retransmission
      ? 'stroke-amber-600 dark:stroke-amber-400'
      : current
        ? 'stroke-brand-600 dark:stroke-brand-100'
        : 'stroke-slate-700 dark:stroke-slate-300';
  const fill = tone.replace(/stroke-/g, 'fill-');
  const text = arrow.lost
    ? 'fill-red-700 dark:fill-red-300'
    : arrow.retransmission
      ? 'fill-amber-800 dark:fill-amber-300'
      : 'fill-slate-900 dark:fill-slate-100';
  const why = arrow.segment.why;
  const label = `${arrow.retransmission ? '↻ ' : ''}${arrow.label}${why !== undefined && !arrow.retransmission ? ` (${why})` : ''}`;
  // The options a SYN or SYN-ACK offers, small under the arrow: they decide the MSS and the
  // windows of the whole connection. Later segments' "nop,nop,TS" would only add noise.
  const opts = arrow.segment.flags.includes('S') ? arrow.segment.opts : undefined;
  return (
    <g
      data-testid="segment"
      data-index={arrow.index}
      data-flags={arrow.segment.flags}
      data-lost={arrow.lost ? 'true' : 'false'}
      data-label={arrow.label}
    >
      <title>{description}</title>
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        className={tone}
        strokeWidth={current ? 2.5 : 1.5}
        strokeDasharray={arrow.retransmission ? '6 3' : undefined}
      />
      {arrow.lost ? (
        <g className={tone} strokeWidth={2.5}>
          <line x1={x2 - 6} y1={y2 - 6} x2={x2 + 6} y2={y2 + 6} />
          <line x1={x2 - 6} y1={y2 + 6} x2={x2 + 6} y2={y2 - 6} />
        </g>
      ) : (
        <polygon points={head(arrow)} className={fill} />
      )}
      <text
        x={mx}
        y={my}
        dy={-5}
        textAnchor="middle"
        transform={`rotate(${upright} ${mx} ${my})`}
        className={`font-mono ${compact ? 'text-[10px]' : 'text-[11px]'} ${text} ${HALO} ${current ? 'font-bold' : ''}`}
      >
        {label}
      </text>
      {opts !== undefined && (
        <text
          x={mx}
          y={my}
          dy={compact ? 10 : 11}
          textAnchor="middle"
          transform={`rotate(${upright} ${mx} ${my})`}
          data-testid="segment-options"
          className={`font-mono ${compact ? 'text-[8px]' : 'text-[9px]'} fill-slate-500 dark:fill-slate-400 ${HALO}`}
        >
          {opts}
        </text>
      )}
    </g>
  );
}

/** The endpoint names over their lifelines: sticky at the top of the scrolling diagram. */
export function LadderHeader({ layout }: { layout: LadderLayout }) {
  return (
    <svg aria-hidden="true" width={layout.width} height={26} className="block">
      {layout.lanes.map((l) => (
        <text
          key={l.name}
          x={l.x}
          y={18}
          textAnchor="middle"
          className="fill-slate-900 text-[13px] font-semibold dark:fill-slate-100"
        >
          {l.name}
        </text>
      ))}
    </svg>
  );
}

export function LadderSvg({ layout, revealed, cutoff, title, describeSegment }: LadderSvgProps) {
  const { width, height, lanes, rows, gaps, arrows, marks, bands, timers, yAt } = layout;
  const cutY = Number.isFinite(cutoff) ? yAt(cutoff) : height;
  // While stepping, the diagram ends a little below the present instead of showing
  // an empty stretch as tall as the whole trace.
  const shownHeight = Number.isFinite(cutoff) ? Math.min(height, Math.max(cutY + 56, 120)) : height;
  const shownRows = rows.filter((r) => r.t < cutoff || r.y <= cutY);
  return (
    <svg
      data-testid="ladder"
      role="img"
      aria-label={title}
      width={width}
      height={shownHeight}
      viewBox={`0 0 ${width} ${shownHeight}`}
      className="block select-none"
    >
      <title>{title}</title>
      {/* time axis */}
      {shownRows.map((r) => (
        <g key={`r${r.t}`}>
          <line
            x1={4}
            x2={width - 4}
            y1={r.y}
            y2={r.y}
            className="stroke-slate-100 dark:stroke-slate-800/70"
          />
          <text
            x={4}
            y={r.y + 4}
            className={`fill-slate-600 font-mono tabular-nums dark:fill-slate-400 ${layout.compact ? 'text-[9px]' : 'text-[10px]'}`}
          >
            {r.label}
          </text>
        </g>
      ))}
      {gaps
        .filter((g) => g.y <= cutY)
        .map((g) => (
          <g key={`g${g.y}`} data-testid="gap">
            <rect
              x={0}
              y={g.y - 9}
              width={width}
              height={18}
              className="fill-slate-50 dark:fill-slate-900"
            />
            <text
              x={width / 2}
              y={g.y + 4}
              textAnchor="middle"
              className="fill-slate-600 text-[11px] italic dark:fill-slate-300"
            >
              {g.label}
            </text>
          </g>
        ))}
      {/* lifelines (their names are in LadderHeader, which stays in view) */}
      {lanes.map((l) => (
        <line
          key={l.name}
          x1={l.x}
          x2={l.x}
          y1={0}
          y2={shownHeight - 8}
          className="stroke-slate-300 dark:stroke-slate-700"
          strokeWidth={1}
        />
      ))}
      {bands
        .filter((b) => b.t1 < cutoff)
        .map((b) => (
          <line
            key={`b${b.lane}${b.t1}`}
            x1={b.x}
            x2={b.x}
            y1={b.y1}
            y2={Math.min(b.y2, cutY)}
            className={STATE_STROKE[b.state]}
            strokeWidth={4}
            strokeLinecap="round"
          />
        ))}
      {timers
        .filter((s) => s.t1 < cutoff)
        .map((s, i) => {
          const y2 = Math.min(s.y2, cutY);
          const ended = s.t2 < cutoff;
          return (
            <g
              key={`tm${i}`}
              data-testid="timer"
              data-timer={s.timer}
              data-end={s.end}
              className={
                s.end === 'fire'
                  ? 'stroke-slate-500 dark:stroke-slate-400'
                  : 'stroke-slate-300 dark:stroke-slate-600'
              }
            >
              <title>{`${s.timer}: ${s.end}`}</title>
              <line x1={s.x} x2={s.x} y1={s.y1} y2={y2} strokeDasharray="2 3" strokeWidth={1.5} />
              {ended && s.end !== 'fire' ? (
                <line x1={s.x - 3} x2={s.x + 3} y1={y2} y2={y2} strokeWidth={1.5} />
              ) : null}
            </g>
          );
        })}
      {arrows
        .filter((a) => a.index < revealed)
        .map((a) => (
          <ArrowView
            key={a.index}
            arrow={a}
            current={a.index === revealed - 1}
            compact={layout.compact}
            description={describeSegment(a.segment)}
          />
        ))}
      {marks
        .filter((mk) => mk.t < cutoff)
        .map((mk, i) => (
          <text
            key={`m${i}`}
            data-testid={`mark-${mk.kind}`}
            x={mk.x}
            y={mk.y + 4}
            textAnchor={mk.anchor}
            className={`${layout.compact ? 'text-[9.5px]' : 'text-[10.5px]'} ${HALO} ${
              mk.kind === 'state' && mk.state
                ? `font-mono font-semibold ${STATE_TEXT[mk.state]}`
                : mk.kind === 'timer'
                  ? 'fill-slate-600 dark:fill-slate-300'
                  : 'fill-slate-600 italic dark:fill-slate-300'
            }`}
          >
            {mk.state ? <title>{`RFC 9293: ${rfcStateName(mk.state)}`}</title> : null}
            {mk.text}
          </text>
        ))}
      {Number.isFinite(cutoff) ? (
        <line
          data-testid="cutoff"
          x1={4}
          x2={width - 4}
          y1={cutY}
          y2={cutY}
          className="stroke-brand-500"
          strokeDasharray="4 4"
        />
      ) : null}
    </svg>
  );
}
