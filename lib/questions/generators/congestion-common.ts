// Shared machinery of the congestion and flow-control templates: plans on the catalog's
// round-model scenarios, the round table read from a trace (in MSS), an independent replay of
// the exam rules with one named mistake (for distractors), and round-by-round explanations.

import { runRounds, type CongestionRound, type Rng, type Trace } from '@/lib/engine';
import { pick } from '../build';
import type { MisconceptionId } from '../misconceptions';
import type { Locale, SimSpec } from '../types';

export type Algorithm = 'reno' | 'tahoe';

/** A round-model question plan, in MSS units; events past `ask` are fillers the stem never names. */
export interface RoundPlan {
  algorithm: Algorithm;
  mss: number;
  ssthresh: number;
  rwnd: number;
  /** Round of the timeout, or null for none before `ask`. */
  timeout: number | null;
  /** Round of the three duplicate ACKs (after the timeout), or null for none before `ask`. */
  dupacks: number | null;
  /** The last round the question needs. */
  ask: number;
}

// The round-model-only scenarios: the keys come from the round table, and skipping the
// packet-level transfer of congestion-reno/-tahoe makes a question several times cheaper.
function scenarioOf(algorithm: Algorithm): string {
  return algorithm === 'reno' ? 'congestion-rounds-reno' : 'congestion-rounds-tahoe';
}

function config(
  plan: RoundPlan,
  events: { round: number; kind: 'timeout' | 'dupacks' }[],
  rounds: number,
) {
  return {
    algorithm: plan.algorithm,
    mss: plan.mss,
    initialCwnd: plan.mss,
    ssthresh: plan.ssthresh * plan.mss,
    rwnd: plan.rwnd * plan.mss,
    events,
    rounds,
  };
}

/**
 * The engine request of a plan. The catalog scenarios always hold one timeout and then one
 * three-duplicate-ACK event; the ones the plan does not use are moved past `ask` (to the first
 * rounds where they are legal), so they never change what the question asks about.
 */
export function planSpec(plan: RoundPlan, seed: number): SimSpec {
  const t = plan.timeout ?? plan.ask + 1;
  let d = plan.dupacks;
  if (d === null) {
    const horizon = Math.max(t, plan.ask) + 40;
    const table = runRounds(config(plan, [{ round: t, kind: 'timeout' }], horizon));
    const legal = table.find((r) => r.round > Math.max(t, plan.ask) && r.swnd >= 4 * plan.mss);
    if (legal === undefined) throw new RangeError('plan: no round can take three duplicate ACKs');
    d = legal.round;
  }
  return {
    scenario: scenarioOf(plan.algorithm),
    seed,
    set: {
      'congestion.mss': plan.mss,
      'congestion.initial_cwnd': plan.mss,
      'congestion.ssthresh': plan.ssthresh * plan.mss,
      'congestion.rwnd': plan.rwnd * plan.mss,
      'congestion.events[0].round': t,
      'congestion.events[1].round': d,
      'congestion.rounds': Math.max(d, plan.ask),
    },
  };
}

/** The plan's table straight from the engine model (for planning only; keys come from the trace). */
export function planTable(plan: RoundPlan): CongestionRound[] {
  const events: { round: number; kind: 'timeout' | 'dupacks' }[] = [];
  if (plan.timeout !== null) events.push({ round: plan.timeout, kind: 'timeout' });
  if (plan.dupacks !== null) events.push({ round: plan.dupacks, kind: 'dupacks' });
  return runRounds(config(plan, events, plan.ask + 1));
}

/** One row of the table in MSS units. */
export interface MssRow {
  round: number;
  cwnd: number;
  ssthresh: number;
  rwnd: number;
  swnd: number;
  phase: CongestionRound['phase'];
  event: CongestionRound['event'];
}

/** The trace's round table in MSS units; throws if the trace has none. */
export function mssRows(trace: Trace | null): MssRow[] {
  const rounds = trace?.rounds;
  if (rounds === undefined) throw new RangeError('the trace has no round table');
  // Round 1 holds the initial window, which the plans always set to 1 MSS.
  const mss = rounds[0]?.cwnd ?? 1;
  return rounds.map((r) => ({
    round: r.round,
    cwnd: r.cwnd / mss,
    ssthresh: r.ssthresh / mss,
    rwnd: r.rwnd / mss,
    swnd: r.swnd / mss,
    phase: r.phase,
    event: r.event,
  }));
}

export function rowAt(trace: Trace | null, round: number): MssRow {
  const row = mssRows(trace)[round - 1];
  if (row === undefined) throw new RangeError(`no round ${round} in the table`);
  return row;
}

/** A mistaken reading of the exam rules, each tied to the misconception it reveals. */
export type Twist =
  | 'slow-start-overshoots-ssthresh'
  | 'slow-start-is-linear'
  | 'ssthresh-caps-cwnd'
  | 'reno-resets-to-one'
  | 'tahoe-halves'
  | 'timeout-halves-cwnd'
  | 'halves-old-ssthresh';

/** The exam's rules, or the exam's rules with one twist. */
export type Rule = 'exam' | Twist;

/** When a story's event happens: in a stated round, or when cwnd has grown to a stated value. */
export type Trigger = { round: number } | { cwnd: number };

export interface StoryEvent {
  kind: 'timeout' | 'dupacks';
  at: Trigger;
}

/** What a stem tells (in MSS): the algorithm, the initial ssthresh and the events in order. */
export interface Story {
  algorithm: Algorithm;
  ssthresh: number;
  events: readonly StoryEvent[];
}

export interface Told {
  /** cwnd and ssthresh of rounds 1..rounds. */
  rows: { cwnd: number; ssthresh: number }[];
  /** The round of each event, in story order; missing when, under this rule, it never happens. */
  at: number[];
}

/**
 * The exam rules written out again, independently of the engine, with an optional twist: a
 * learner's reading of the same story. An event triggered by a cwnd value fires in the first
 * round (after the previous event) whose cwnd equals it; if cwnd passes the value without
 * equalling it, the story does not hold under that rule and this event and later ones never fire.
 */
export function tell(story: Story, rounds: number, rule: Rule): Told {
  const rows: { cwnd: number; ssthresh: number }[] = [];
  const at: number[] = [];
  let cwnd = 1;
  let ss = story.ssthresh;
  let next = 0;
  let broken = false;
  for (let r = 1; r <= rounds; r++) {
    rows.push({ cwnd, ssthresh: ss });
    const ev = broken ? undefined : story.events[next];
    let fires = false;
    if (ev !== undefined) {
      if ('round' in ev.at) fires = ev.at.round === r;
      else if (cwnd === ev.at.cwnd) fires = true;
      else if (cwnd > ev.at.cwnd) broken = true;
    }
    if (!fires || ev === undefined) {
      if (rule === 'slow-start-is-linear') cwnd += 1;
      else if (cwnd < ss)
        cwnd = rule === 'slow-start-overshoots-ssthresh' ? 2 * cwnd : Math.min(2 * cwnd, ss);
      else if (rule !== 'ssthresh-caps-cwnd') cwnd += 1;
      continue;
    }
    at.push(r);
    next++;
    const half =
      rule === 'halves-old-ssthresh'
        ? Math.max(Math.floor(ss / 2), 2)
        : Math.max(Math.floor(cwnd / 2), 2);
    ss = half;
    if (ev.kind === 'timeout') cwnd = rule === 'timeout-halves-cwnd' ? half : 1;
    else if (story.algorithm === 'reno') cwnd = rule === 'reno-resets-to-one' ? 1 : half;
    else cwnd = rule === 'tahoe-halves' ? half : 1;
  }
  return { rows, at };
}

/** The story of a plan whose events are stated by round. */
export function storyOf(plan: RoundPlan): Story {
  const events: StoryEvent[] = [];
  if (plan.timeout !== null) events.push({ kind: 'timeout', at: { round: plan.timeout } });
  if (plan.dupacks !== null) events.push({ kind: 'dupacks', at: { round: plan.dupacks } });
  return { algorithm: plan.algorithm, ssthresh: plan.ssthresh, events };
}

/**
 * The exam rules with one twist for a plan whose events are stated by round: cwnd and
 * ssthresh (MSS) for rounds 1..rounds. Used for distractors only.
 */
export function replay(
  plan: RoundPlan,
  rounds: number,
  twist: Twist,
): { cwnd: number; ssthresh: number }[] {
  return tell(storyOf(plan), rounds, twist).rows;
}

export const TWISTS: readonly Twist[] = [
  'slow-start-overshoots-ssthresh',
  'slow-start-is-linear',
  'ssthresh-caps-cwnd',
  'reno-resets-to-one',
  'tahoe-halves',
  'timeout-halves-cwnd',
  'halves-old-ssthresh',
];

export function misconceptionOf(twist: Twist): MisconceptionId {
  return twist;
}

/** The textbook model a stem names, and the Reno convention where fast recovery appears. */
export const MODEL = {
  lead: { zh: '按教材的轮次模型，', en: 'In the textbook round model, ' },
  /** Follows "Reno" inside the stem's parentheses. */
  reno: {
    zh: '；快恢复按教材处理，不计 +3 的窗口膨胀',
    en: '; textbook fast recovery, without the temporary +3 MSS inflation',
  },
} as const;

const PHASE = {
  slow_start: { zh: '慢开始', en: 'slow start' },
  congestion_avoidance: { zh: '拥塞避免', en: 'congestion avoidance' },
  fast_recovery: { zh: '快恢复', en: 'fast recovery' },
} as const;

const EVENT = {
  timeout: {
    zh: (c: number, h: number) => `本轮发生超时：ssthresh = ${c} / 2 = ${h}，cwnd = 1`,
    en: (c: number, h: number) => `a timeout in this round: ssthresh = ${c} / 2 = ${h}, cwnd = 1`,
  },
  dupacks: {
    reno: {
      zh: (c: number, h: number) =>
        `本轮收到 3 个重复确认：快重传，快恢复 ssthresh = ${c} / 2 = ${h}，cwnd = ${h}`,
      en: (c: number, h: number) =>
        `three duplicate ACKs in this round: fast retransmit, fast recovery ssthresh = ${c} / 2 = ${h}, cwnd = ${h}`,
    },
    tahoe: {
      zh: (c: number, h: number) =>
        `本轮收到 3 个重复确认：快重传，Tahoe 令 ssthresh = ${c} / 2 = ${h}，cwnd = 1`,
      en: (c: number, h: number) =>
        `three duplicate ACKs in this round: fast retransmit; Tahoe sets ssthresh = ${c} / 2 = ${h}, cwnd = 1`,
    },
  },
} as const;

/** One explanation line per round, 1..upTo: cwnd, ssthresh, phase and what happens. */
export function roundLines(
  rows: readonly MssRow[],
  upTo: number,
  algorithm: Algorithm,
  locale: Locale,
): string[] {
  return rows.slice(0, upTo).map((r) => {
    const base =
      locale === 'zh'
        ? `第 ${r.round} 个轮次：cwnd = ${r.cwnd}，ssthresh = ${r.ssthresh}（${PHASE[r.phase].zh}）`
        : `Round ${r.round}: cwnd = ${r.cwnd}, ssthresh = ${r.ssthresh} (${PHASE[r.phase].en})`;
    if (r.event === null || r.round === upTo) return `${base}${locale === 'zh' ? '。' : '.'}`;
    const half = Math.max(Math.floor(r.cwnd / 2), 2);
    const text =
      r.event === 'timeout'
        ? EVENT.timeout[locale](r.cwnd, half)
        : EVENT.dupacks[algorithm][locale](r.cwnd, half);
    return locale === 'zh' ? `${base}；${text}。` : `${base}; ${text}.`;
  });
}

/** Rounds where an event may go: cwnd even (the exam halves whole segments) and ≥ `min`. */
export function eventRounds(
  table: readonly CongestionRound[],
  mss: number,
  from: number,
  min: number,
): number[] {
  return table
    .filter(
      (r) => r.round >= from && r.event === null && r.cwnd % (2 * mss) === 0 && r.cwnd >= min * mss,
    )
    .map((r) => r.round);
}

export function pickAlgorithm(rng: Rng): Algorithm {
  return pick(rng, ['reno', 'tahoe'] as const);
}

export const ALGO_NAME = {
  reno: { zh: 'Reno', en: 'Reno' },
  tahoe: { zh: 'Tahoe', en: 'Tahoe' },
} as const;

/** Explanation steps both sending-window templates use: rwnd, cwnd in bytes, swnd. */
export const WINDOW_STEPS = {
  rwnd: {
    zh: (b: number, u: number, r: number) =>
      `接收窗口 rwnd = 接收缓存 − 未读取数据 = ${b} − ${u} = ${r} 字节。`,
    en: (b: number, u: number, r: number) =>
      `rwnd = buffer − unread data = ${b} − ${u} = ${r} bytes.`,
  },
  cwnd: {
    zh: (n: number, c: number, mss: number) =>
      `第 ${n} 个轮次 cwnd = ${c} 个 MSS = ${c * mss} 字节。`,
    en: (n: number, c: number, mss: number) => `In round ${n}, cwnd = ${c} MSS = ${c * mss} bytes.`,
  },
  swnd: {
    zh: (c: number, r: number, s: number) =>
      `发送窗口 = min(cwnd, rwnd) = min(${c}, ${r}) = ${s} 字节。`,
    en: (c: number, r: number, s: number) =>
      `Sending window = min(cwnd, rwnd) = min(${c}, ${r}) = ${s} bytes.`,
  },
};
