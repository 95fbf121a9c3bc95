// Family "congestion-window": cwnd and ssthresh in a given round of the exam's round model.
// Structures: no loss (in slow start, where slow start meets ssthresh, in congestion
// avoidance); a timeout in slow start or in congestion avoidance; a timeout then three
// duplicate ACKs (Reno or Tahoe); the 408 narrative, asked after the timeout or after the ACKs.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, shuffle, sourceOf, type Distractor } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
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
  rowAt,
  tell,
  type RoundPlan,
  type Story,
} from './congestion-common';

const TEXT = {
  pair: {
    zh: (c: number, s: number) => `cwnd = ${c}，ssthresh = ${s}`,
    en: (c: number, s: number) => `cwnd = ${c}, ssthresh = ${s}`,
  },
  d1: {
    zh: (ss: number, n: number) =>
      `${MODEL.lead.zh}TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段，第 1 个轮次），慢开始门限 ssthresh = ${ss}。若一直没有出现拥塞，且不考虑接收窗口的限制，则第 ${n} 个轮次的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, n: number) =>
      `${MODEL.lead.en}after a TCP connection opens, cwnd = 1 (in segments, round 1) and ssthresh = ${ss}. If no congestion occurs and the receiver's window never limits the sender, what are cwnd and ssthresh in round ${n}?`,
  },
  d2: {
    zh: (ss: number, k: number, dup: string, n: number) =>
      `${MODEL.lead.zh}TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段，第 1 个轮次），慢开始门限 ssthresh 初始为 ${ss}。第 ${k} 个轮次发送的报文段发生超时${dup}，此外没有出现拥塞，不考虑接收窗口的限制。第 ${n} 个轮次的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, k: number, dup: string, n: number) =>
      `${MODEL.lead.en}after a TCP connection opens, cwnd = 1 (in segments, round 1) and ssthresh starts at ${ss}. The segments sent in round ${k} time out${dup}; there is no other congestion and the receiver's window never limits the sender. What are cwnd and ssthresh in round ${n}?`,
  },
  d2dup: {
    zh: (j: number, algo: string, reno: string) =>
      `；对第 ${j} 个轮次发送的报文段，发送方收到了 3 个重复的确认（TCP 采用 ${algo} 算法${reno}）`,
    en: (j: number, algo: string, reno: string) =>
      `, and for the segments sent in round ${j} the sender receives three duplicate ACKs (TCP uses ${algo}${reno})`,
  },
  d3: {
    zh: (ss: number, x: number, y: number, algo: string, reno: string, ask: string) =>
      `设 TCP 的拥塞窗口的慢开始门限值初始为 ${ss}（单位为报文段），连接建立时拥塞窗口 cwnd = 1，${MODEL.lead.zh.replace('，', '')}计算。当拥塞窗口上升到 ${x} 时网络发生了超时，TCP 重新开始慢开始和拥塞避免；之后当拥塞窗口上升到 ${y} 时，发送方收到了 3 个重复的确认（TCP 采用 ${algo} 算法${reno}）。不考虑接收窗口的限制，${ask}的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, x: number, y: number, algo: string, reno: string, ask: string) =>
      `${MODEL.lead.en}the slow-start threshold of a TCP connection starts at ${ss} (in segments) and cwnd = 1 when the connection opens. When cwnd has grown to ${x}, a timeout occurs and TCP starts slow start and congestion avoidance again; later, when cwnd has grown to ${y}, the sender receives three duplicate ACKs (TCP uses ${algo}${reno}). Ignoring the receiver's window, what are cwnd and ssthresh in ${ask}?`,
  },
  afterDup: {
    zh: (m: number) => `收到 3 个重复确认之后的第 ${m} 个轮次`,
    en: (m: number) => `the ${ordinal(m)} round after the three duplicate ACKs`,
  },
  afterTimeout: {
    zh: (m: number) => `超时之后的第 ${m} 个轮次`,
    en: (m: number) => `the ${ordinal(m)} round after the timeout`,
  },
  key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  relative: {
    zh: (what: string, j: number, m: number) =>
      `${what}发生在第 ${j} 个轮次，此后第 ${m} 个轮次即第 ${j + m} 个轮次。`,
    en: (what: string, j: number, m: number) =>
      `The ${what} happens in round ${j}, so the ${ordinal(m)} round after it is round ${j + m}.`,
  },
  eventName: {
    timeout: { zh: '超时', en: 'timeout' },
    dupacks: { zh: '3 个重复确认', en: 'three duplicate ACKs' },
  },
};

function ordinal(m: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][m - 1] ?? `${m}th`;
}

/**
 * The question structures. d1: `slow-start`, `reaches-ssthresh` (ssthresh not a power of two:
 * reached in the middle of a doubling), `avoidance`; d2: `timeout-in-slow-start`,
 * `timeout-in-avoidance`, `timeout-then-dupacks`; d3: the narrative, asked `after-dupacks` or
 * `after-timeout`, with the timeout in slow start or in congestion avoidance.
 */
type Structure =
  | 'slow-start'
  | 'reaches-ssthresh'
  | 'avoidance'
  | 'timeout-in-slow-start'
  | 'timeout-in-avoidance'
  | 'timeout-then-dupacks'
  | 'after-dupacks'
  | 'after-timeout';

interface Plan {
  plan: RoundPlan;
  structure: Structure;
  /** For the narrative: the event the question counts from, and m. */
  from: 'timeout' | 'dupacks' | null;
  relative: number;
  /** d3: whether the timeout falls in slow start or in congestion avoidance. */
  lossIn?: 'slow-start' | 'avoidance';
}

const MSS = 1000;

function basePlan(ctx: GenContext, ssthresh: number): RoundPlan {
  return {
    algorithm: pickAlgorithm(ctx.rng),
    mss: MSS,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 0,
  };
}

/** Round where slow start reaches ssthresh (1, 2, 4, … then ssthresh itself). */
function reachOf(base: RoundPlan): number {
  return planTable({ ...base, ask: 40 }).find((r) => r.cwnd >= base.ssthresh * MSS)!.round;
}

function planOf(ctx: GenContext): Plan {
  const { rng } = ctx;
  if (ctx.difficulty === 1) {
    const structure = pick(rng, ['slow-start', 'reaches-ssthresh', 'avoidance'] as const);
    const ss =
      structure === 'reaches-ssthresh'
        ? pick(rng, [12, 20, 24])
        : pick(rng, [8, 12, 16, 20, 24, 32]);
    const base = basePlan(ctx, ss);
    const reach = reachOf(base);
    const ask =
      structure === 'slow-start'
        ? rng.int(2, reach - 1)
        : structure === 'reaches-ssthresh'
          ? reach
          : reach + rng.int(1, 6);
    return { plan: { ...base, ask }, structure, from: null, relative: 0 };
  }
  if (ctx.difficulty === 2) {
    const structure = pick(rng, [
      'timeout-in-slow-start',
      'timeout-in-avoidance',
      'timeout-then-dupacks',
    ] as const);
    const ss =
      structure === 'timeout-in-slow-start'
        ? pick(rng, [16, 20, 24, 32])
        : pick(rng, [8, 12, 16, 20, 24]);
    const base = basePlan(ctx, ss);
    const reach = reachOf(base);
    const free = planTable({ ...base, ask: 40 });
    const timeouts =
      structure === 'timeout-in-slow-start'
        ? eventRounds(free, MSS, 3, 4).filter((r) => r < reach)
        : eventRounds(free, MSS, reach + 1, 8).slice(0, 8);
    const timeout = pick(rng, timeouts);
    if (structure !== 'timeout-then-dupacks') {
      return {
        plan: { ...base, timeout, ask: timeout + rng.int(1, 8) },
        structure,
        from: null,
        relative: 0,
      };
    }
    const after = planTable({ ...base, timeout, ask: timeout + 30 });
    const dupacks = pick(rng, eventRounds(after, MSS, timeout + 3, 4).slice(0, 6));
    return {
      plan: { ...base, timeout, dupacks, ask: dupacks + rng.int(1, 4) },
      structure,
      from: null,
      relative: 0,
    };
  }
  // d3: the narrative. The timeout falls in slow start (ssthresh large) or in congestion
  // avoidance; the question counts from the timeout or from the three duplicate ACKs.
  const inSlowStart = rng.int(0, 2) === 0;
  const base = basePlan(ctx, inSlowStart ? pick(rng, [24, 32]) : pick(rng, [8, 12, 16, 20]));
  const reach = reachOf(base);
  const free = planTable({ ...base, ask: 40 });
  const timeout = pick(
    rng,
    inSlowStart
      ? eventRounds(free, MSS, 4, 8).filter((r) => r < reach)
      : eventRounds(free, MSS, reach, 8).slice(0, 8),
  );
  const after = planTable({ ...base, timeout, ask: timeout + 30 });
  const dupacks = pick(rng, eventRounds(after, MSS, timeout + 3, 6).slice(0, 6));
  if (rng.int(0, 2) === 0) {
    const relative = rng.int(1, Math.min(5, dupacks - timeout - 1));
    return {
      plan: { ...base, timeout, dupacks, ask: timeout + relative },
      structure: 'after-timeout',
      from: 'timeout',
      relative,
      lossIn: inSlowStart ? 'slow-start' : 'avoidance',
    };
  }
  const relative = rng.int(1, 3);
  return {
    plan: { ...base, timeout, dupacks, ask: dupacks + relative },
    structure: 'after-dupacks',
    from: 'dupacks',
    relative,
    lossIn: inSlowStart ? 'slow-start' : 'avoidance',
  };
}

/** The story as the stem tells it: rounds at d1/d2, cwnd values in the narrative. */
function storyOf(p: Plan, rows: readonly { cwnd: number }[]): Story {
  const { plan } = p;
  const byValue = p.from !== null;
  const events: Story['events'][number][] = [];
  if (plan.timeout !== null && plan.timeout <= plan.ask)
    events.push({
      kind: 'timeout',
      at: byValue ? { cwnd: rows[plan.timeout - 1]!.cwnd } : { round: plan.timeout },
    });
  if (plan.dupacks !== null && (byValue || plan.dupacks <= plan.ask))
    events.push({
      kind: 'dupacks',
      at: byValue ? { cwnd: rows[plan.dupacks - 1]!.cwnd } : { round: plan.dupacks },
    });
  return { algorithm: plan.algorithm, ssthresh: plan.ssthresh, events };
}

/**
 * The round a reading of the story asks about: the stated round, or the m-th round after the
 * event the question counts from (under that reading, the event may fall in another round).
 */
function askedRound(p: Plan, at: readonly number[]): number | undefined {
  if (p.from === null) return p.plan.ask;
  const j = at[p.from === 'timeout' ? 0 : 1];
  return j === undefined ? undefined : j + p.relative;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const p = planOf(ctx);
  const spec = planSpec(p.plan, rng.uint32());
  const trace = runSim(spec);
  const rows = mssRows(trace);
  const row = rowAt(trace, p.plan.ask);
  const P = TEXT.pair[locale];
  const correct = P(row.cwnd, row.ssthresh);
  const story = storyOf(p, rows);
  const horizon = p.plan.ask + 40;
  // Each distractor is what one misconception computes from this story.
  const candidates: Distractor[] = [];
  for (const twist of TWISTS) {
    const told = tell(story, horizon, twist);
    const round = askedRound(p, told.at);
    const r = round === undefined ? undefined : told.rows[round - 1];
    if (r !== undefined) candidates.push({ text: P(r.cwnd, r.ssthresh), misconception: twist });
  }
  const exam = tell(story, horizon, 'exam');
  const offByOne: [number, MisconceptionId] =
    p.from === null
      ? [p.plan.ask + 1, 'counts-from-zero']
      : [p.plan.ask - 1, 'counts-event-round-as-after'];
  const near = exam.rows[offByOne[0] - 1];
  if (near !== undefined)
    candidates.push({ text: P(near.cwnd, near.ssthresh), misconception: offByOne[1] });
  const choice = buildChoice(rng, correct, shuffle(rng, candidates));
  const algo = ALGO_NAME[p.plan.algorithm][locale];
  const reno = p.plan.algorithm === 'reno' ? MODEL.reno[locale] : '';
  let stem: string;
  if (p.structure === 'after-dupacks' || p.structure === 'after-timeout') {
    const ask =
      p.from === 'timeout'
        ? TEXT.afterTimeout[locale](p.relative)
        : TEXT.afterDup[locale](p.relative);
    stem = TEXT.d3[locale](
      p.plan.ssthresh,
      rows[p.plan.timeout! - 1]!.cwnd,
      rows[p.plan.dupacks! - 1]!.cwnd,
      algo,
      reno,
      ask,
    );
  } else if (p.plan.timeout !== null && p.plan.timeout <= p.plan.ask) {
    const dup =
      p.structure === 'timeout-then-dupacks' ? TEXT.d2dup[locale](p.plan.dupacks!, algo, reno) : '';
    stem = TEXT.d2[locale](p.plan.ssthresh, p.plan.timeout, dup, p.plan.ask);
  } else {
    stem = TEXT.d1[locale](p.plan.ssthresh, p.plan.ask);
  }
  const lines = roundLines(rows, p.plan.ask, p.plan.algorithm, locale);
  if (p.from !== null) {
    const j = p.from === 'timeout' ? p.plan.timeout! : p.plan.dupacks!;
    lines.push(TEXT.relative[locale](TEXT.eventName[p.from][locale], j, p.relative));
  }
  lines.push(TEXT.key[locale](correct));
  return {
    kind: 'choice',
    topics: ['congestion'],
    lesson: 'congestion-control',
    stem,
    trace: null,
    options: choice.options,
    answer: choice.answer,
    explanation: steps(lines),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, {
      variant: p.structure,
      structure: p.lossIn === undefined ? p.structure : `${p.structure}/timeout-in-${p.lossIn}`,
      round: p.plan.ask,
    }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  if (question.kind !== 'choice') throw new TypeError('congestion-window questions are choice');
  const row = rowAt(trace, Number(question.source.focus.round));
  const text = TEXT.pair[question.locale as Locale](row.cwnd, row.ssthresh);
  const option = question.options.find((o) => o.text === text);
  if (option === undefined) throw new RangeError(`no option reads "${text}"`);
  return { option: option.id };
}

export const congestionWindow: TemplateDef = {
  id: 'congestion-window',
  topics: ['congestion'],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
