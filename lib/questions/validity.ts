// Answer invariance: a question's key may depend only on what the learner is shown. Each
// question is re-simulated under the facts it does not state; the key must not move.

import type { Profile, Trace, TraceSegment } from '@/lib/engine';
import { runSource } from './build';
import type { Answer, Question, QuestionSource } from './schema';
import type { TemplateDef } from './types';

/** One unstated fact changed: overrides on top of the question's own, maybe another profile. */
export interface HiddenVariation {
  id: string;
  set: Record<string, string | number>;
  profile?: Profile;
  /** Another engine seed re-draws the unstated timings (sleeps, start times). */
  seed?: number;
}

export interface InvarianceFailure {
  variation: string;
  got?: Answer;
  error?: string;
}

export interface InvarianceResult {
  ok: boolean;
  /** Variations that applied (the learner would have seen the same prefix). */
  checked: number;
  failures: InvarianceFailure[];
}

/** Plausible link delays around the question's own: a LAN hop to a long path. */
const DELAY_FACTORS = [0.5, 2] as const;
/** App latency between two system calls: a fast wake-up and a loaded machine. */
const APP_LATENCIES = [0.00005, 0.002] as const;
/** Drawn parameters that are timings nobody states (a program's sleeps and start times). */
const HIDDEN_TIMING = /\.(sleep|at)$/;
/** Drawn parameters that describe the run rather than a scenario value. */
const NOT_A_VALUE = new Set(['profile', 't0', 'link.delay', 'app.latency']);

/**
 * The variations a question does not state, by default: the link delay halved and doubled,
 * a fast and a slow application, and (when the scenario draws sleeps or start times) the same
 * numbers with other unstated timings, and the other profile. A template whose stems state
 * the profile (or a timing) leaves that variation out through `TemplateDef.hidden`.
 */
export function defaultVariations(q: Question, trace: Trace): HiddenVariation[] {
  if (q.trace === null || q.source.scenario === null) return [];
  const out: HiddenVariation[] = [];
  const delay = Number(trace.params['link.delay']);
  if (Number.isFinite(delay) && delay > 0) {
    for (const f of DELAY_FACTORS)
      out.push({ id: `link.delay×${f}`, set: { 'link.delay': delay * f } });
  }
  const latency = Number(trace.params['app.latency']);
  for (const l of APP_LATENCIES) {
    if (l !== latency) out.push({ id: `app.latency=${l}`, set: { 'app.latency': l } });
  }
  const drawn = Object.entries(trace.params).filter(([k]) => !NOT_A_VALUE.has(k));
  if (drawn.some(([k]) => HIDDEN_TIMING.test(k))) {
    const pinned: Record<string, string | number> = {};
    for (const [k, v] of drawn) {
      if (HIDDEN_TIMING.test(k) || typeof v === 'boolean') continue;
      // trace.params names a program step `client.program[1].send`; --set wants its full path.
      pinned[k.includes('.program[') ? `endpoints.${k}` : k] = v;
    }
    out.push({
      id: 'other-unstated-timings',
      set: pinned,
      seed: (q.source.seed ^ 0x5bd1e995) >>> 0,
    });
  }
  out.push(otherProfile(trace));
  return out;
}

/** The other profile, for templates whose stems do not say which model they use. */
export function otherProfile(trace: Trace): HiddenVariation {
  const profile: Profile = trace.profile === 'linux' ? 'rfc' : 'linux';
  return { id: `profile=${profile}`, set: {}, profile };
}

function varied(source: QuestionSource, v: HiddenVariation): QuestionSource {
  return {
    ...source,
    seed: v.seed ?? source.seed,
    ...(v.profile === undefined ? {} : { profile: v.profile }),
    set: { ...source.set, ...v.set },
  };
}

/** What the diagram shows of a segment, times aside. */
function looks(s: TraceSegment): string {
  return `${s.from}>${s.to} ${s.flags} ${s.abs_seq} ${s.abs_ack ?? '-'} ${s.len}${s.dropped ? ' lost' : ''}`;
}

function sameShownSegments(shown: readonly TraceSegment[], trace: Trace): boolean {
  if (trace.segments.length < shown.length) return false;
  return shown.every((s, i) => looks(s) === looks(trace.segments[i]!));
}

function sameAnswer(q: Question, a: Answer): boolean {
  if (q.kind === 'numeric' && 'value' in a) {
    return Math.abs(a.value - q.answer.value) <= q.answer.tolerance + 1e-9;
  }
  return JSON.stringify(a) === JSON.stringify(q.answer);
}

/**
 * Re-simulate `q` under every hidden variation of its template and re-solve it. A variation
 * under which the learner would have seen other segments does not apply; under the others the
 * key must be the same. `checkInvariance(q)` in registry.ts looks the template up.
 */
export function invarianceOf(q: Question, def: TemplateDef): InvarianceResult {
  if (q.trace === null || q.source.scenario === null) return { ok: true, checked: 0, failures: [] };
  const trace = runSource(q.source);
  if (trace === null) return { ok: true, checked: 0, failures: [] };
  const variations = def.hidden ? def.hidden(q, trace) : defaultVariations(q, trace);
  const failures: InvarianceFailure[] = [];
  let checked = 0;
  for (const v of variations) {
    let other: Trace | null;
    try {
      other = runSource(varied(q.source, v));
    } catch (e) {
      failures.push({ variation: v.id, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (other === null) continue;
    const same = def.sameView ? def.sameView(q, other) : sameShownSegments(q.trace.segments, other);
    if (!same) continue;
    checked++;
    try {
      const got = def.solve(other, q);
      if (!sameAnswer(q, got)) failures.push({ variation: v.id, got });
    } catch (e) {
      failures.push({ variation: v.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { ok: failures.length === 0, checked, failures };
}
