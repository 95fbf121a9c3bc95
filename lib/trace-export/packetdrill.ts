// A trace as a packetdrill-style script seen from one endpoint: `<` a segment arriving at
// it, `>` a segment it sends, absolute times in seconds; app calls, state changes and
// lost segments as comments (packetdrill has no syntax for them).
import type { Trace } from '@/lib/engine';
import { eventLabel, linkDelay, orderEndpoints, packetdrillSegment } from './format';
import { sortedSegments } from './timeline';

interface Line {
  t: number;
  rank: number;
  order: number;
  text: string;
}

/** The endpoint a script is written for by default: the listener (`server`) when there is one. */
export function defaultPerspective(trace: Trace): string {
  const names = orderEndpoints(trace);
  return names[names.length - 1] ?? 'server';
}

/**
 * @example toPacketdrill(trace, 'server')
 * // "0.000000 < S 0:0(0) win 64240\n0.010000 > S. 0:0(0) ack 1 win 65160\n…"
 */
export function toPacketdrill(trace: Trace, endpoint = defaultPerspective(trace)): string {
  const delay = linkDelay(trace);
  const multi = new Set(trace.segments.map((s) => s.cport)).size > 1;
  const lines: Line[] = [];
  let order = 0;
  const at = (t: number): string => t.toFixed(6);
  for (const s of sortedSegments(trace)) {
    const conn = multi ? ` :${s.cport}` : '';
    const why = s.why !== undefined ? ` (${s.why})` : '';
    if (s.from === endpoint) {
      const note = s.dropped ? `  // lost in the network${why}` : why ? `  //${why}` : '';
      lines.push({
        t: s.t,
        rank: 2,
        order: order++,
        text: `${at(s.t)} > ${packetdrillSegment(s)}${note}${conn && !note ? `  //${conn}` : conn}`,
      });
    } else if (s.to === endpoint) {
      const t = s.t + delay;
      const text = `${at(t)} < ${packetdrillSegment(s)}`;
      lines.push({
        t,
        rank: 0,
        order: order++,
        text: s.dropped
          ? `// ${text}  (sent by ${s.from}, lost before arriving${why})`
          : `${text}  // from ${s.from}${conn}${why}`,
      });
    }
  }
  for (const st of trace.states) {
    if (st.endpoint !== endpoint) continue;
    const conn = multi && st.cport !== null ? ` :${st.cport}` : '';
    const sock = st.socket === 'listener' ? ' (listener)' : '';
    lines.push({
      t: st.t,
      rank: 1,
      order: order++,
      text: `// ${at(st.t)} state ${st.state}${sock}${conn}`,
    });
  }
  for (const e of trace.events) {
    if (e.endpoint !== endpoint) continue;
    lines.push({ t: e.t, rank: 1, order: order++, text: `// ${at(e.t)} ${eventLabel(e)}` });
  }
  lines.sort((a, b) => a.t - b.t || a.rank - b.rank || a.order - b.order);
  const header = [
    `// packetdrill-style script from Ackademy: ${trace.scenario}, seed ${trace.seed}, profile ${trace.profile}`,
    `// seen from ${endpoint}: '<' arrives at ${endpoint}, '>' is sent by ${endpoint}; times in seconds`,
  ];
  return `${[...header, ...lines.map((l) => l.text)].join('\n')}\n`;
}
