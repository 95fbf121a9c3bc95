// Family "congestion-window": cwnd and ssthresh in a given round of the exam's round model
// (slow start, congestion avoidance, a timeout, three duplicate ACKs with Reno or Tahoe).

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, sourceOf, type Distractor } from '../build';
import { steps } from '../explain';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
import {
  ALGO_NAME,
  TWISTS,
  eventRounds,
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  replay,
  roundLines,
  rowAt,
  type RoundPlan,
} from './congestion-common';

const TEXT = {
  pair: {
    zh: (c: number, s: number) => `cwnd = ${c}，ssthresh = ${s}`,
    en: (c: number, s: number) => `cwnd = ${c}, ssthresh = ${s}`,
  },
  d1: {
    zh: (ss: number, n: number) =>
      `TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段，第 1 个轮次），慢开始门限 ssthresh = ${ss}。若一直没有出现拥塞，且不考虑接收窗口的限制，则第 ${n} 个轮次的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, n: number) =>
      `After a TCP connection opens, cwnd = 1 (in segments, round 1) and ssthresh = ${ss}. If no congestion occurs and the receiver's window never limits the sender, what are cwnd and ssthresh in round ${n}?`,
  },
  d2: {
    zh: (ss: number, k: number, n: number) =>
      `TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段，第 1 个轮次），慢开始门限 ssthresh 初始为 ${ss}。第 ${k} 个轮次发送的报文段发生超时，此外没有出现拥塞，不考虑接收窗口的限制。第 ${n} 个轮次的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, k: number, n: number) =>
      `After a TCP connection opens, cwnd = 1 (in segments, round 1) and ssthresh starts at ${ss}. The segments sent in round ${k} time out; there is no other congestion and the receiver's window never limits the sender. What are cwnd and ssthresh in round ${n}?`,
  },
  d3: {
    zh: (ss: number, x: number, y: number, algo: string, m: number) =>
      `设 TCP 的拥塞窗口的慢开始门限值初始为 ${ss}（单位为报文段），连接建立时拥塞窗口 cwnd = 1。当拥塞窗口上升到 ${x} 时网络发生了超时，TCP 重新开始慢开始和拥塞避免；之后当拥塞窗口上升到 ${y} 时，发送方收到了 3 个重复的确认（TCP 采用 ${algo} 算法）。不考虑接收窗口的限制，此后第 ${m} 个轮次的 cwnd 和 ssthresh 分别为`,
    en: (ss: number, x: number, y: number, algo: string, m: number) =>
      `The slow-start threshold of a TCP connection starts at ${ss} (in segments) and cwnd = 1 when the connection opens. When cwnd has grown to ${x}, a timeout occurs and TCP starts slow start and congestion avoidance again; later, when cwnd has grown to ${y}, the sender receives three duplicate ACKs (TCP uses ${algo}). Ignoring the receiver's window, what are cwnd and ssthresh in the ${ordinal(m)} round after that?`,
  },
  key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  afterDupacks: {
    zh: (j: number, m: number) =>
      `3 个重复确认发生在第 ${j} 个轮次，此后第 ${m} 个轮次即第 ${j + m} 个轮次。`,
    en: (j: number, m: number) =>
      `The three duplicate ACKs arrive in round ${j}, so the ${ordinal(m)} round after it is round ${j + m}.`,
  },
};

function ordinal(m: number): string {
  return m === 1 ? 'first' : m === 2 ? 'second' : m === 3 ? 'third' : `${m}th`;
}

type Variant = 'plain' | 'timeout' | 'narrative';

function asVariant(v: unknown): Variant {
  if (v === 'plain' || v === 'timeout' || v === 'narrative') return v;
  throw new TypeError(`unknown congestion-window variant ${String(v)}`);
}

function plan(ctx: GenContext): { plan: RoundPlan; variant: Variant; relative: number } {
  const { rng } = ctx;
  const algorithm = pickAlgorithm(rng);
  const ssthresh = pick(rng, [8, 12, 16, 20, 24, 32]);
  const base: RoundPlan = {
    algorithm,
    mss: 1000,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 0,
  };
  // Round where slow start reaches ssthresh: 1, 2, 4, … then ssthresh itself.
  const reach = planTable({ ...base, ask: 40 }).find((r) => r.cwnd >= ssthresh * 1000)!.round;
  if (ctx.difficulty === 1) {
    return { plan: { ...base, ask: rng.int(2, reach + 4) }, variant: 'plain', relative: 0 };
  }
  const free = planTable({ ...base, ask: 40 });
  const timeout = pick(rng, eventRounds(free, 1000, reach - 1, 8).slice(0, 8));
  if (ctx.difficulty === 2) {
    const ask = timeout + rng.int(1, 8);
    return { plan: { ...base, timeout, ask }, variant: 'timeout', relative: 0 };
  }
  const after = planTable({ ...base, timeout, ask: timeout + 30 });
  const dupacks = pick(rng, eventRounds(after, 1000, timeout + 3, 6).slice(0, 6));
  const relative = rng.int(1, 3);
  return {
    plan: { ...base, timeout, dupacks, ask: dupacks + relative },
    variant: 'narrative',
    relative,
  };
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const { plan: p, variant, relative } = plan(ctx);
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const rows = mssRows(trace);
  const row = rowAt(trace, p.ask);
  const P = TEXT.pair[locale];
  const correct = P(row.cwnd, row.ssthresh);
  const distractors: Distractor[] = [];
  for (const twist of TWISTS) {
    const r = replay(p, p.ask, twist)[p.ask - 1]!;
    distractors.push({ text: P(r.cwnd, r.ssthresh), misconception: twist });
  }
  const next = rows[p.ask];
  if (next !== undefined)
    distractors.push({ text: P(next.cwnd, next.ssthresh), misconception: 'counts-from-zero' });
  const prev = rows[p.ask - 2];
  if (prev !== undefined)
    distractors.push({ text: P(prev.cwnd, prev.ssthresh), misconception: 'counts-from-zero' });
  distractors.push(
    { text: P(row.cwnd + 1, row.ssthresh) },
    { text: P(row.cwnd * 2, row.ssthresh) },
  );
  const choice = buildChoice(rng, correct, distractors);
  const algo = ALGO_NAME[p.algorithm][locale];
  const stem =
    variant === 'plain'
      ? TEXT.d1[locale](p.ssthresh, p.ask)
      : variant === 'timeout'
        ? TEXT.d2[locale](p.ssthresh, p.timeout!, p.ask)
        : TEXT.d3[locale](
            p.ssthresh,
            rows[p.timeout! - 1]!.cwnd,
            rows[p.dupacks! - 1]!.cwnd,
            algo,
            relative,
          );
  const lines = roundLines(rows, p.ask, p.algorithm, locale);
  if (variant === 'narrative') lines.push(TEXT.afterDupacks[locale](p.dupacks!, relative));
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
    source: sourceOf(spec, { variant, round: p.ask }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  if (question.kind !== 'choice') throw new TypeError('congestion-window questions are choice');
  asVariant(question.source.focus.variant);
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
