// Family "rounds-to-window": how many RTTs the exam's round model needs before cwnd reaches a
// given size: in slow start (a power of two, a size between two, ssthresh itself), past
// ssthresh, and again after a timeout (in slow start or in congestion avoidance) or after
// three duplicate ACKs (Reno or Tahoe).

import type { Trace } from '@/lib/engine';
import { pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, TemplateDef } from '../types';
import {
  ALGO_NAME,
  MODEL,
  TWISTS,
  eventRounds,
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  roundLines,
  tell,
  type MssRow,
  type RoundPlan,
  type Story,
} from './congestion-common';

const TEXT = {
  fresh: {
    zh: (ss: number, w: number) =>
      `${MODEL.lead.zh}TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段），慢开始门限 ssthresh = ${ss}，发送方每个 RTT 发送一轮，网络不出现拥塞，也不考虑接收窗口的限制。从 cwnd = 1 的那一轮开始，至少经过多少个 RTT，cwnd 才能增大到 ${w}？`,
    en: (ss: number, w: number) =>
      `${MODEL.lead.en}after a TCP connection opens, cwnd = 1 (in segments) and ssthresh = ${ss}; the sender sends one round per RTT, there is no congestion and the receiver's window never limits the sender. Starting from the round with cwnd = 1, how many RTTs pass at least before cwnd has grown to ${w}?`,
  },
  timeout: {
    zh: (ss: number, x: number, w: number) =>
      `${MODEL.lead.zh}某 TCP 连接的慢开始门限 ssthresh 初始为 ${ss}（单位为报文段），连接建立时 cwnd = 1。当 cwnd 增大到 ${x} 时发生超时。此后网络不再出现拥塞，也不考虑接收窗口的限制。从超时后的下一个轮次开始，至少经过多少个 RTT，cwnd 才能增大到 ${w}？`,
    en: (ss: number, x: number, w: number) =>
      `${MODEL.lead.en}a TCP connection's ssthresh starts at ${ss} (in segments) and cwnd = 1 when it opens. When cwnd has grown to ${x}, a timeout occurs. There is no further congestion and the receiver's window never limits the sender. Starting from the round right after the timeout, how many RTTs pass at least before cwnd has grown to ${w}?`,
  },
  dupacks: {
    zh: (ss: number, x: number, y: number, algo: string, reno: string, w: number) =>
      `${MODEL.lead.zh}某 TCP 连接的慢开始门限 ssthresh 初始为 ${ss}（单位为报文段），连接建立时 cwnd = 1。当 cwnd 增大到 ${x} 时发生超时；之后当 cwnd 增大到 ${y} 时，发送方收到 3 个重复的确认（TCP 采用 ${algo} 算法${reno}）。此后网络不再出现拥塞，也不考虑接收窗口的限制。从收到重复确认后的下一个轮次开始，至少经过多少个 RTT，cwnd 才能增大到 ${w}？`,
    en: (ss: number, x: number, y: number, algo: string, reno: string, w: number) =>
      `${MODEL.lead.en}a TCP connection's ssthresh starts at ${ss} (in segments) and cwnd = 1 when it opens. When cwnd has grown to ${x}, a timeout occurs; later, when cwnd has grown to ${y}, the sender receives three duplicate ACKs (TCP uses ${algo}${reno}). There is no further congestion and the receiver's window never limits the sender. Starting from the round right after the duplicate ACKs, how many RTTs pass at least before cwnd has grown to ${w}?`,
  },
  count: {
    zh: (from: number, to: number, n: number) =>
      `从第 ${from} 个轮次开始，cwnd 在第 ${to} 个轮次首次达到目标，需要 ${to} − ${from} = ${n} 个 RTT。`,
    en: (from: number, to: number, n: number) =>
      `Counting from round ${from}, cwnd first reaches the target in round ${to}: ${to} − ${from} = ${n} RTTs.`,
  },
  key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
};

/**
 * The structures. d1: `power` (a power of two ≤ ssthresh), `between` (a size between two
 * powers of two), `reaches-ssthresh` (ssthresh itself, not a power of two); d2: `past-ssthresh`
 * (ssthresh a power of two) and `past-capped-ssthresh`; d3: `after-timeout-in-slow-start`,
 * `after-timeout-in-avoidance`, `after-dupacks`.
 */
type Structure =
  | 'power'
  | 'between'
  | 'reaches-ssthresh'
  | 'past-ssthresh'
  | 'past-capped-ssthresh'
  | 'after-timeout-in-slow-start'
  | 'after-timeout-in-avoidance'
  | 'after-dupacks';

const MSS = 1000;

/** First round at or after `from` whose cwnd is at least `w`, or null if none in the table. */
function firstReach(rows: readonly { cwnd: number }[], from: number, w: number): number | null {
  const i = rows.findIndex((r, k) => k + 1 >= from && r.cwnd >= w);
  return i < 0 ? null : i + 1;
}

function keyOf(rows: readonly MssRow[], from: number, w: number): number {
  const round = firstReach(rows, from, w);
  if (round === null) throw new RangeError(`cwnd never reaches ${w}`);
  return round - from;
}

interface Plan {
  plan: RoundPlan;
  structure: Structure;
  /** The story's events by cwnd value (d3), and the target. */
  story: Story;
  /** The story event after which the count starts (index), or null: from round 1. */
  after: number | null;
  target: number;
}

function planOf(ctx: GenContext): Plan {
  const { rng } = ctx;
  const algorithm = pickAlgorithm(rng);
  const base = (ssthresh: number): RoundPlan => ({
    algorithm,
    mss: MSS,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 40,
  });
  const fresh = (structure: Structure, ss: number, target: number): Plan => ({
    plan: base(ss),
    structure,
    story: { algorithm, ssthresh: ss, events: [] },
    after: null,
    target,
  });
  if (ctx.difficulty === 1) {
    const structure = pick(rng, ['power', 'between', 'reaches-ssthresh'] as const);
    if (structure === 'reaches-ssthresh') {
      const ss = pick(rng, [6, 12, 20, 24]);
      return fresh(structure, ss, ss);
    }
    const ss = pick(rng, [8, 12, 16, 24, 32]);
    const target =
      structure === 'power'
        ? pick(
            rng,
            [4, 8, 16, 32].filter((x) => x <= ss),
          )
        : pick(
            rng,
            [3, 5, 6, 7, 10, 12].filter((x) => x < ss),
          );
    return fresh(structure, ss, target);
  }
  if (ctx.difficulty === 2) {
    const structure = pick(rng, ['past-ssthresh', 'past-capped-ssthresh'] as const);
    const ss = structure === 'past-ssthresh' ? pick(rng, [8, 16, 32]) : pick(rng, [6, 12, 20, 24]);
    return fresh(structure, ss, ss + rng.int(1, 8));
  }
  const structure = pick(rng, [
    'after-timeout-in-slow-start',
    'after-timeout-in-avoidance',
    'after-dupacks',
  ] as const);
  const ss =
    structure === 'after-timeout-in-slow-start' ? pick(rng, [24, 32]) : pick(rng, [8, 12, 16, 24]);
  const p0 = base(ss);
  const free = planTable(p0);
  const reach = free.find((r) => r.cwnd >= ss * MSS)!.round;
  const timeout = pick(
    rng,
    structure === 'after-timeout-in-slow-start'
      ? eventRounds(free, MSS, 4, 8).filter((r) => r < reach)
      : eventRounds(free, MSS, reach, 12).slice(0, 6),
  );
  const x = free[timeout - 1]!.cwnd / MSS;
  if (structure !== 'after-dupacks') {
    const target = Math.max(2, x / 2 + rng.int(-2, 6));
    return {
      plan: { ...p0, timeout, ask: timeout + 40 },
      structure,
      story: { algorithm, ssthresh: ss, events: [{ kind: 'timeout', at: { cwnd: x } }] },
      after: 0,
      target,
    };
  }
  const after = planTable({ ...p0, timeout, ask: timeout + 30 });
  const dupacks = pick(rng, eventRounds(after, MSS, timeout + 3, 8).slice(0, 6));
  const y = after[dupacks - 1]!.cwnd / MSS;
  const target = algorithm === 'reno' ? y / 2 + rng.int(1, 6) : Math.max(2, y / 2 + rng.int(-2, 6));
  return {
    plan: { ...p0, timeout, dupacks, ask: dupacks + 40 },
    structure,
    story: {
      algorithm,
      ssthresh: ss,
      events: [
        { kind: 'timeout', at: { cwnd: x } },
        { kind: 'dupacks', at: { cwnd: y } },
      ],
    },
    after: 1,
    target,
  };
}

/** The first round a reading of the story counts from: after its event, or round 1. */
function startOf(p: Plan, at: readonly number[]): number | undefined {
  if (p.after === null) return 1;
  const j = at[p.after];
  return j === undefined ? undefined : j + 1;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const p = planOf(ctx);
  const spec = planSpec(p.plan, rng.uint32());
  const trace = runSim(spec);
  const rows = mssRows(trace);
  const exam = tell(p.story, p.plan.ask, 'exam');
  const from = startOf(p, exam.at)!;
  const w = p.target;
  const key = keyOf(rows, from, w);
  const to = from + key;
  // Each wrong value is what one misconception computes from the same story.
  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (v: number | undefined, m: MisconceptionId) => {
    if (v === undefined || v === key || v < 0 || String(v) in misconceptions) return;
    misconceptions[String(v)] = m;
  };
  for (const twist of TWISTS) {
    const told = tell(p.story, p.plan.ask, twist);
    const start = startOf(p, told.at);
    const reached = start === undefined ? null : firstReach(told.rows, start, w);
    wrong(reached === null || start === undefined ? undefined : reached - start, twist);
  }
  // Counting rounds instead of RTTs: the round number, one more.
  wrong(key + 1, 'counts-from-zero');
  const [x, y] = p.story.events.map((e) => ('cwnd' in e.at ? e.at.cwnd : 0));
  const algo = ALGO_NAME[p.plan.algorithm][locale];
  const reno = p.plan.algorithm === 'reno' ? MODEL.reno[locale] : '';
  const stem =
    p.after === null
      ? TEXT.fresh[locale](p.plan.ssthresh, w)
      : p.after === 0
        ? TEXT.timeout[locale](p.plan.ssthresh, x!, w)
        : TEXT.dupacks[locale](p.plan.ssthresh, x!, y!, algo, reno, w);
  const lines = roundLines(rows, to, p.plan.algorithm, locale);
  lines.push(TEXT.count[locale](from, to, key), TEXT.key[locale](String(key)));
  return {
    kind: 'numeric',
    topics: ['congestion'],
    lesson: 'congestion-control',
    stem,
    unit: 'RTT',
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { variant: p.structure, from, target: w }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  const { from, target } = question.source.focus;
  return { value: keyOf(mssRows(trace), Number(from), Number(target)), tolerance: 0 };
}

export const roundsToWindow: TemplateDef = {
  id: 'rounds-to-window',
  topics: ['congestion'],
  kinds: ['numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
