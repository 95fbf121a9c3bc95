// Shared generator machinery: one cached simulation per question, trace prefixes that stop
// before the answer, seeded shuffles, and choice options built from named misconceptions.

import {
  applySet,
  getScenario,
  parseScenario,
  simulate,
  type Rng,
  type ScenarioFile,
  type Trace,
  type TraceSegment,
} from '@/lib/engine';
import type { MisconceptionId } from './misconceptions';
import type { QuestionOption, QuestionSource, ShownTrace } from './schema';
import type { SimSpec } from './types';

const scenarios = new Map<string, ScenarioFile>();
/** Parsed scenarios with `set` applied, by scenario and overrides; bounded, oldest dropped. */
const overridden = new Map<string, ScenarioFile>();
const OVERRIDDEN_MAX = 512;

/**
 * The validated file of a catalog scenario with `set` applied. simulate() would apply and
 * re-validate the overrides on every call (a structured clone and a zod parse); most templates
 * draw `set` from a few dozen combinations, so each combination is parsed once.
 */
function scenarioFile(name: string, set: Record<string, string | number>): ScenarioFile {
  let base = scenarios.get(name);
  if (base === undefined) {
    base = getScenario(name);
    scenarios.set(name, base);
  }
  const keys = Object.keys(set);
  if (keys.length === 0) return base;
  const key = `${name}|${keys
    .sort()
    .map((k) => `${k}=${set[k]}`)
    .join('|')}`;
  let file = overridden.get(key);
  if (file === undefined) {
    file = parseScenario(applySet(base, set));
    if (overridden.size >= OVERRIDDEN_MAX) {
      const oldest = overridden.keys().next();
      if (oldest.done !== true) overridden.delete(oldest.value);
    }
    overridden.set(key, file);
  }
  return file;
}

/** Simulate a catalog scenario with overrides: one engine run per question. */
export function runSim(spec: SimSpec): Trace {
  return simulate(scenarioFile(spec.scenario, spec.set), {
    seed: spec.seed,
    ...(spec.profile === undefined ? {} : { profile: spec.profile }),
  });
}

/** Re-run the simulation a question records (used by solve() and the tests). */
export function runSource(source: QuestionSource): Trace | null {
  if (source.scenario === null) return null;
  return runSim({
    scenario: source.scenario,
    seed: source.seed,
    ...(source.profile === undefined ? {} : { profile: source.profile }),
    set: source.set,
  });
}

export function sourceOf(
  spec: SimSpec,
  focus: Record<string, string | number | boolean>,
): QuestionSource {
  return {
    scenario: spec.scenario,
    seed: spec.seed,
    ...(spec.profile === undefined ? {} : { profile: spec.profile }),
    set: spec.set,
    focus,
  };
}

/**
 * The part of a trace a learner may see: the first `count` segments and the states and events
 * strictly before `until` (so the state or event being asked about is not shown).
 */
export function prefixTrace(trace: Trace, count: number, until: number): ShownTrace {
  return {
    scenario: trace.scenario,
    seed: trace.seed,
    profile: trace.profile,
    params: trace.params,
    segments: trace.segments.slice(0, count),
    states: trace.states.filter((s) => s.t < until),
    events: trace.events.filter((e) => e.t < until),
    // Timers are left out: an armed retransmission timer would say who retransmits next.
    timers: [],
    end: until,
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.int(0, items.length - 1)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Fisher–Yates with the seeded PRNG. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = out[i]!;
    out[i] = out[j]!;
    out[j] = a;
  }
  return out;
}

export interface Distractor {
  text: string;
  misconception?: MisconceptionId;
}

export interface ChoiceParts {
  options: QuestionOption[];
  answer: { option: string };
  misconceptions: Record<string, MisconceptionId>;
  correctText: string;
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

/**
 * Options for a choice question: the correct text plus up to `count - 1` distinct wrong ones
 * (earlier distractors win), shuffled; each wrong option keeps the misconception it reveals.
 */
export function buildChoice(
  rng: Rng,
  correct: string,
  distractors: readonly Distractor[],
  count = 4,
): ChoiceParts {
  const seen = new Set([correct]);
  const wrong: Distractor[] = [];
  for (const d of distractors) {
    if (wrong.length >= count - 1) break;
    if (seen.has(d.text)) continue;
    seen.add(d.text);
    wrong.push(d);
  }
  const all: Distractor[] = shuffle(rng, [{ text: correct }, ...wrong]);
  const options: QuestionOption[] = [];
  const misconceptions: Record<string, MisconceptionId> = {};
  let answer = '';
  all.forEach((d, i) => {
    const id = LETTERS[i] ?? `o${i}`;
    options.push({ id, text: d.text });
    if (d.text === correct && answer === '') answer = id;
    else if (d.misconception !== undefined) misconceptions[id] = d.misconception;
  });
  return { options, answer: { option: answer }, misconceptions, correctText: correct };
}

/** Seconds for display: at most three decimals, no trailing zeros. */
export function fmtSeconds(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}

/**
 * The reply `from` sends to what reaches it at time `t`: its first segment at or after `t`, or
 * the last of several it sends at that same instant (e.g. an ACK per arriving segment).
 */
export function replyAt(trace: Trace, from: string, t: number): TraceSegment {
  const first = trace.segments.find((s) => s.from === from && s.t >= t - 1e-9);
  if (first === undefined) throw new RangeError(`no segment from ${from} after t = ${t}`);
  const same = trace.segments.filter((s) => s.from === from && Math.abs(s.t - first.t) < 1e-9);
  return same.at(-1) ?? first;
}
