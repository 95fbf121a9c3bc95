// Family "rounds-to-window": how many RTTs the exam's round model needs before cwnd reaches a
// given size, from the start of a connection or after a timeout.

import type { Trace } from '@/lib/engine';
import { pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, TemplateDef } from '../types';
import {
  eventRounds,
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  replay,
  roundLines,
  type MssRow,
  type RoundPlan,
} from './congestion-common';

const TEXT = {
  fresh: {
    zh: (ss: number, w: number) =>
      `TCP 连接建立后拥塞窗口 cwnd = 1（单位为报文段），慢开始门限 ssthresh = ${ss}，发送方每个 RTT 发送一轮，网络不出现拥塞，也不考虑接收窗口的限制。从 cwnd = 1 的那一轮开始，至少经过多少个 RTT，cwnd 才能增大到 ${w}？`,
    en: (ss: number, w: number) =>
      `After a TCP connection opens, cwnd = 1 (in segments) and ssthresh = ${ss}; the sender sends one round per RTT, there is no congestion and the receiver's window never limits the sender. Starting from the round with cwnd = 1, how many RTTs pass at least before cwnd has grown to ${w}?`,
  },
  timeout: {
    zh: (ss: number, x: number, w: number) =>
      `某 TCP 连接的慢开始门限 ssthresh 初始为 ${ss}（单位为报文段），连接建立时 cwnd = 1。当 cwnd 增大到 ${x} 时发生超时。此后网络不再出现拥塞，也不考虑接收窗口的限制。从超时后 cwnd = 1 的那一轮开始，至少经过多少个 RTT，cwnd 才能重新增大到 ${w}？`,
    en: (ss: number, x: number, w: number) =>
      `A TCP connection's ssthresh starts at ${ss} (in segments) and cwnd = 1 when it opens. When cwnd has grown to ${x}, a timeout occurs. There is no further congestion and the receiver's window never limits the sender. Starting from the round after the timeout (cwnd = 1), how many RTTs pass at least before cwnd is back to ${w}?`,
  },
  count: {
    zh: (from: number, to: number, n: number) =>
      `cwnd 在第 ${from} 个轮次为 1，在第 ${to} 个轮次首次达到目标，需要 ${to} − ${from} = ${n} 个 RTT。`,
    en: (from: number, to: number, n: number) =>
      `cwnd is 1 in round ${from} and first reaches the target in round ${to}: ${to} − ${from} = ${n} RTTs.`,
  },
  key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
};

/** First round at or after `from` whose cwnd is at least `w`, or null if none in the table. */
function firstReach(
  rows: readonly { round: number; cwnd: number }[],
  from: number,
  w: number,
): number | null {
  return rows.find((r) => r.round >= from && r.cwnd >= w)?.round ?? null;
}

function keyOf(rows: readonly MssRow[], from: number, w: number): number {
  const round = firstReach(rows, from, w);
  if (round === null) throw new RangeError(`cwnd never reaches ${w}`);
  return round - from;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const algorithm = pickAlgorithm(rng);
  const ssthresh = pick(rng, [8, 12, 16, 24, 32]);
  const base: RoundPlan = {
    algorithm,
    mss: 1000,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 0,
  };
  let p: RoundPlan;
  let from = 1;
  let w: number;
  if (ctx.difficulty === 1) {
    // Slow start only: a power of two no larger than ssthresh.
    w = pick(
      rng,
      [4, 8, 16, 32].filter((x) => x <= ssthresh),
    );
    p = { ...base, ask: 12 };
  } else if (ctx.difficulty === 2) {
    // Past ssthresh: slow start up to it, then one segment per RTT.
    w = ssthresh + rng.int(1, 8);
    p = { ...base, ask: 30 };
  } else {
    const free = planTable({ ...base, ask: 40 });
    const reach = free.find((r) => r.cwnd >= ssthresh * 1000)!.round;
    const timeout = pick(rng, eventRounds(free, 1000, reach, 12).slice(0, 6));
    const x = free[timeout - 1]!.cwnd / 1000;
    w = x / 2 + rng.int(1, 6);
    from = timeout + 1;
    p = { ...base, timeout, ask: timeout + 30 };
  }
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const rows = mssRows(trace);
  const key = keyOf(rows, from, w);
  const to = from + key;
  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (round: number | null, m: MisconceptionId) => {
    if (round === null) return;
    const v = round - from;
    if (v !== key && v >= 0 && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  wrong(to + 1, 'counts-from-zero');
  const over = replay(p, p.ask, 'slow-start-overshoots-ssthresh').map((r, i) => ({
    round: i + 1,
    cwnd: r.cwnd,
  }));
  wrong(firstReach(over, from, w), 'slow-start-overshoots-ssthresh');
  if (p.timeout !== null) {
    const old = replay(p, p.ask, 'halves-old-ssthresh').map((r, i) => ({
      round: i + 1,
      cwnd: r.cwnd,
    }));
    wrong(firstReach(old, from, w), 'halves-old-ssthresh');
  }
  const lines = roundLines(rows, to, algorithm, locale);
  lines.push(TEXT.count[locale](from, to, key), TEXT.key[locale](String(key)));
  return {
    kind: 'numeric',
    topics: ['congestion'],
    lesson: 'congestion-control',
    stem:
      p.timeout === null
        ? TEXT.fresh[locale](ssthresh, w)
        : TEXT.timeout[locale](ssthresh, rows[p.timeout - 1]!.cwnd, w),
    unit: 'RTT',
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { from, target: w }),
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
