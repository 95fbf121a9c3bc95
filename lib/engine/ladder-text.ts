// Renders a trace as a plain-text ladder diagram: one line per segment with an arrow between
// the two endpoints' columns (a SYN's options after it, as tcpdump writes them), state changes
// beside the column they belong to, and app events.

import type { Trace } from './trace-schema';

const COL = 14;
const WIDTH = 44;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function renderLadderText(trace: Trace): string {
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  for (const s of trace.segments) {
    add(s.from);
    add(s.to);
  }
  for (const s of trace.states) add(s.endpoint);
  const left = names.find((n) => n !== 'server') ?? names[0] ?? 'client';
  const isLeft = (n: string): boolean =>
    n === left ||
    (n !== 'server' && names.indexOf(n) !== names.indexOf('server') && n.startsWith('client'));

  type Line = { t: number; order: number; text: string };
  const lines: Line[] = [];
  let order = 0;
  for (const s of trace.segments) {
    const label = `${s.flags} ${s.seq ?? '-'}:${(s.seq ?? 0) + s.len}(${s.len})${s.ack !== null ? ` ack ${s.ack}` : ''}`;
    const body = s.dropped ? `${label} ✗` : label;
    const inner = WIDTH - 2;
    const text = body.length > inner - 2 ? body.slice(0, inner - 2) : body;
    let arrow: string;
    if (isLeft(s.from)) arrow = ` ${text} ${'-'.repeat(Math.max(1, inner - text.length - 2))}>`;
    else arrow = `<${'-'.repeat(Math.max(1, inner - text.length - 2))} ${text} `;
    const who = names.length > 2 ? ` [${s.from}→${s.to} :${s.cport}]` : '';
    const why = s.why !== undefined ? ` (${s.why})` : '';
    // A SYN's options decide the connection's MSS and windows; later segments' TS is noise.
    const opts = s.opts !== undefined && s.flags.includes('S') ? ` <${s.opts}>` : '';
    lines.push({ t: s.t, order: order++, text: `${pad('', COL)}|${arrow}|${who}${why}${opts}` });
  }
  for (const st of trace.states) {
    const tag = `${st.state}${st.socket === 'listener' ? ' (listener)' : ''}${names.length > 2 && st.cport !== null ? ` :${st.cport}` : ''}`;
    const text = isLeft(st.endpoint)
      ? `${pad(tag, COL).slice(0, Math.max(COL, tag.length))}|${' '.repeat(WIDTH)}|`
      : `${pad('', COL)}|${' '.repeat(WIDTH)}| ${tag}`;
    lines.push({
      t: st.t,
      order: order++,
      text: names.length > 2 ? `${text} ${st.endpoint}` : text,
    });
  }
  for (const e of trace.events) {
    const what = `${e.endpoint}: ${e.event}${e.socket === 'listener' ? ' (listener)' : ''}${e.bytes !== undefined ? ` ${e.bytes}` : ''}${e.errno !== undefined ? ` ${e.errno}` : ''}`;
    lines.push({
      t: e.t,
      order: order++,
      text: `${pad('', COL)}:${' '.repeat(WIDTH)}:   · ${what}`,
    });
  }
  lines.sort((a, b) => a.t - b.t || a.order - b.order);
  const right = names.includes('server') ? 'server' : (names[1] ?? 'server');
  const header = `${pad('time (s)', 11)}${pad(left, COL - 0)}${' '.repeat(WIDTH + 2 - right.length)}${right}`;
  const out = [`${trace.scenario} — seed ${trace.seed}, profile ${trace.profile}`, header];
  for (const l of lines) out.push(`${l.t.toFixed(6).padStart(10)} ${l.text}`);
  return out.join('\n');
}
