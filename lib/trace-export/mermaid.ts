// A trace as a Mermaid sequenceDiagram: one message per segment (a lost one ends in a
// cross), notes for state changes and app calls, and a note for each long pause.
import type { Trace } from '@/lib/engine';
import { eventLabel, formatDuration, orderEndpoints, segmentLabel } from './format';
import { timeline } from './timeline';

/** Gaps at least this long (seconds) get a "… 60 s …" note. */
export const LONG_GAP = 0.1;

function participantId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `p_${id}`;
}

/**
 * @example toMermaid(simulateNamed('three-way-handshake', { seed: 1 }))
 * // "sequenceDiagram\n  participant client\n  participant server\n  …"
 */
export function toMermaid(trace: Trace): string {
  const names = orderEndpoints(trace);
  const ids = new Map(names.map((n) => [n, participantId(n)]));
  const id = (n: string): string => ids.get(n) ?? participantId(n);
  const multi = new Set(trace.segments.map((s) => s.cport)).size > 1;
  const lines = [
    'sequenceDiagram',
    `  %% ${trace.scenario}, seed ${trace.seed}, profile ${trace.profile} (Ackademy)`,
    ...names.map((n) => (id(n) === n ? `  participant ${n}` : `  participant ${id(n)} as ${n}`)),
  ];
  const all =
    names.length > 1 ? `${id(names[0]!)},${id(names[names.length - 1]!)}` : id(names[0] ?? 'x');
  let last: number | null = null;
  for (const item of timeline(trace)) {
    if (last !== null && item.t - last >= LONG_GAP)
      lines.push(`  Note over ${all}: … ${formatDuration(item.t - last)} …`);
    last = item.t;
    switch (item.kind) {
      case 'segment': {
        const s = item.segment;
        const arrow = s.dropped ? '-x' : '->>';
        const tags = [
          ...(multi ? [`:${s.cport}`] : []),
          ...(s.why !== undefined ? [`[${s.why}]`] : []),
          ...(s.dropped ? ['lost'] : []),
        ];
        lines.push(
          `  ${id(s.from)}${arrow}${id(s.to)}: ${segmentLabel(s)}${tags.length ? ` ${tags.join(' ')}` : ''}`,
        );
        break;
      }
      case 'state': {
        const st = item.state;
        const who = multi && st.cport !== null ? ` :${st.cport}` : '';
        const sock = st.socket === 'listener' ? ' (listener)' : '';
        lines.push(`  Note over ${id(st.endpoint)}: ${st.state}${sock}${who}`);
        break;
      }
      case 'event':
        lines.push(`  Note over ${id(item.endpoint)}: ${eventLabel(item.event)}`);
        break;
      case 'timer':
        lines.push(`  Note over ${id(item.endpoint)}: ${item.timer.timer} timer fires`);
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}
