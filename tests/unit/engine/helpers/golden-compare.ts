// Compares an engine trace with a Linux recording (tests/fixtures/linux-traces): segments in
// the order the recorder's tcpdump (on the client's veth) saw them, times within 5 % or 20 ms,
// and the long-lived socket states. Returns human-readable mismatches (empty = match).

import type { Trace } from '@/lib/engine';

export interface Recording {
  duration: number;
  segments: Array<{
    t: number;
    from: string;
    flags: string;
    seq: number | null;
    ack: number | null;
    len: number;
    cport: number;
    dropped?: boolean;
  }>;
  states: Array<{
    t: number;
    t_min?: number;
    side: string;
    socket: string;
    cport: number | null;
    state: string;
  }>;
  events: Array<{ t: number; side: string; event: string; errno?: string; cport?: number }>;
  kernel_events?: Array<{ t: number; side: string; event: string }>;
}

const RETRANSMISSIONS = new Set([
  'rto',
  'tlp',
  'fast_retransmit',
  'synack_timer',
  'syn_retransmit',
]);

const side = (endpoint: string): string => (endpoint === 'server' ? 'server' : 'client');
const tolerance = (t: number): number => Math.max(0.02, 0.05 * Math.abs(t));
const MIN_STATE_LIFETIME = 0.01;

interface Run {
  state: string;
  start: number;
  startMin: number;
  end: number;
}

function runsBySocket(
  entries: Array<{ key: string; t: number; tMin: number; state: string }>,
  windowEnd: number,
): Map<string, Run[]> {
  const out = new Map<string, Run[]>();
  for (const e of entries) {
    const runs = out.get(e.key) ?? [];
    const last = runs[runs.length - 1];
    if (last !== undefined && last.state === e.state) continue;
    if (last !== undefined) last.end = e.t;
    runs.push({ state: e.state, start: e.t, startMin: e.tMin, end: windowEnd });
    out.set(e.key, runs);
  }
  return out;
}

function stateAt(runs: Run[] | undefined, t: number): string {
  if (runs === undefined) return 'CLOSED';
  let s = 'CLOSED';
  for (const r of runs) if (r.start <= t + 1e-9) s = r.state;
  return s;
}

export function compareWithRecording(trace: Trace, rec: Recording, linkDelay: number): string[] {
  const problems: string[] = [];
  const t0 = Number(trace.params.t0 ?? 0);
  // Where the recorder saw each segment: client segments when sent, server segments on arrival.
  const mine = trace.segments
    .filter((s) => s.t + t0 <= rec.duration + 1e-9)
    .map((s, i) => ({
      s,
      i,
      v: Math.round((s.t + t0 + (side(s.from) === 'server' ? linkDelay : 0)) * 1e7) / 1e7,
    }))
    .sort((a, b) => a.v - b.v || a.i - b.i);
  const base = mine[0]?.v ?? 0;
  const n = Math.max(mine.length, rec.segments.length);
  for (let i = 0; i < n; i++) {
    const m = mine[i];
    const r = rec.segments[i];
    if (m === undefined || r === undefined) {
      problems.push(
        `segment #${i}: engine ${m === undefined ? 'has none' : describe(side(m.s.from), m.s.flags, m.s.seq, m.s.ack, m.s.len, m.v - base)}, recording ${r === undefined ? 'has none' : describe(r.from, r.flags, r.seq, r.ack, r.len, r.t)}`,
      );
      continue;
    }
    const t = m.v - base;
    const same =
      side(m.s.from) === r.from &&
      m.s.flags === r.flags &&
      (r.seq === null || m.s.seq === r.seq) &&
      (r.ack === null || m.s.ack === r.ack) &&
      m.s.len === r.len &&
      m.s.cport === r.cport &&
      m.s.dropped === Boolean(r.dropped);
    if (!same || Math.abs(t - r.t) > tolerance(r.t)) {
      problems.push(
        `segment #${i}: engine ${describe(side(m.s.from), m.s.flags, m.s.seq, m.s.ack, m.s.len, t)}${m.s.dropped ? ' dropped' : ''}, recording ${describe(r.from, r.flags, r.seq, r.ack, r.len, r.t)}${r.dropped ? ' dropped' : ''}`,
      );
    }
  }

  const windowEnd = rec.duration;
  const recRuns = runsBySocket(
    rec.states.map((e) => ({
      key: `${e.side}|${e.socket}|${e.cport ?? '-'}`,
      t: e.t,
      tMin: e.t_min ?? e.t,
      state: e.state === 'GONE' ? 'CLOSED' : e.state,
    })),
    windowEnd,
  );
  const myRuns = runsBySocket(
    trace.states
      .filter((e) => e.t + t0 <= rec.duration)
      .map((e) => ({
        key: `${side(e.endpoint)}|${e.socket}|${e.cport ?? '-'}`,
        t: e.t + t0 - base,
        tMin: e.t + t0 - base,
        state: e.state,
      })),
    windowEnd,
  );
  for (const [key, runs] of recRuns) {
    for (const r of runs) {
      if (r.end - r.start < MIN_STATE_LIFETIME) continue;
      // A socket opened before the programs' time 0 (a listener) is checked from time 0.
      const start = Math.max(r.start, 0);
      const lo = Math.max(r.startMin, 0) - tolerance(start);
      const hi = start + tolerance(start);
      const mineRuns = myRuns.get(key);
      const ok =
        [lo, hi, (lo + hi) / 2].some((x) => stateAt(mineRuns, x) === r.state) ||
        (mineRuns ?? []).some((m) => m.state === r.state && m.start >= lo && m.start <= hi);
      if (!ok)
        problems.push(
          `state ${key}: recording ${r.state} at ${r.start.toFixed(3)} s, engine ${stateAt(mineRuns, r.start)}`,
        );
    }
  }
  for (const [key, runs] of myRuns) {
    const seen = new Set((recRuns.get(key) ?? []).map((r) => r.state));
    for (const r of runs) {
      // CLOSED is not a state /proc shows: a socket that is gone is just absent.
      if (r.end - r.start < MIN_STATE_LIFETIME || r.start > windowEnd || r.state === 'CLOSED')
        continue;
      if (!seen.has(r.state))
        problems.push(
          `state ${key}: engine ${r.state} for ${(r.end - r.start).toFixed(3)} s from ${r.start.toFixed(3)} s, never seen in the recording`,
        );
    }
  }

  // The kernel's own tracepoints: retransmissions (retransmit_skb, retransmit_synack) and
  // resets sent (send_reset), counted per side within the observation window.
  const count = (xs: string[]): string =>
    [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())]
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(', ');
  const recKernel = (rec.kernel_events ?? [])
    .filter((k) => k.t <= windowEnd)
    .flatMap((k) =>
      k.event.startsWith('retransmit')
        ? [`${k.side} retransmit`]
        : k.event === 'send_reset'
          ? [`${k.side} reset`]
          : [],
    );
  const myKernel = trace.segments
    .filter((s) => s.t + t0 <= rec.duration)
    .flatMap((s) =>
      s.why !== undefined && RETRANSMISSIONS.has(s.why)
        ? [`${side(s.from)} retransmit`]
        : s.flags.startsWith('R')
          ? [`${side(s.from)} reset`]
          : [],
    );
  if (count(recKernel) !== count(myKernel)) {
    problems.push(`kernel events: engine [${count(myKernel)}], recording [${count(recKernel)}]`);
  }

  const kinds = new Set(['connect_ok', 'connect_error', 'accept', 'eof', 'error']);
  const recEvents = rec.events
    .filter((e) => kinds.has(e.event) && e.t <= windowEnd)
    .map((e) => `${e.side} ${e.event}${e.errno ? ` ${e.errno}` : ''}`);
  const myEvents = trace.events
    .filter((e) => kinds.has(e.event) && e.t + t0 <= rec.duration)
    .map((e) => `${side(e.endpoint)} ${e.event}${e.errno ? ` ${e.errno}` : ''}`);
  if ([...recEvents].sort().join(',') !== [...myEvents].sort().join(',')) {
    problems.push(
      `app events: engine [${myEvents.join(', ')}], recording [${recEvents.join(', ')}]`,
    );
  }
  return problems;
}

function describe(
  from: string,
  flags: string,
  seq: number | null,
  ack: number | null,
  len: number,
  t: number,
): string {
  return `${from} ${flags} seq=${seq} ack=${ack} len=${len} at ${t.toFixed(6)}`;
}
