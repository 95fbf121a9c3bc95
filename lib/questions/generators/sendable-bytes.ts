// Family "sendable-bytes": what the sender may still send in a round of the exam's model:
// swnd = min(cwnd, rwnd), minus the bytes already in flight; rwnd = buffer − unread data.
// Structures: the congestion window or the receiver's window is the limit, the window is
// already full, and (from the rounds) a timeout earlier in the connection.

import type { Trace } from '@/lib/engine';
import { pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, TemplateDef } from '../types';
import {
  MODEL,
  TWISTS,
  eventRounds,
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  roundLines,
  storyOf,
  tell,
  type RoundPlan,
  WINDOW_STEPS,
} from './congestion-common';

const TEXT = {
  given: {
    zh: (mss: number, cwnd: number, rwnd: number, f: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节。某时刻甲的拥塞窗口为 ${cwnd} 字节，乙最近通知的接收窗口为 ${rwnd} 字节，甲已发送但尚未收到确认的数据为 ${f} 字节。此时甲最多还能再发送多少字节的数据？`,
    en: (mss: number, cwnd: number, rwnd: number, f: number) =>
      `Hosts A and B have a TCP connection; MSS = ${mss} bytes. At some moment A's congestion window is ${cwnd} bytes, the receive window B last advertised is ${rwnd} bytes, and A has ${f} bytes sent but not yet acknowledged. How many more bytes may A send now?`,
  },
  rounds: {
    zh: (mss: number, ss: number, loss: string, n: number, receiver: string, f: number) =>
      `${MODEL.lead.zh}主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节，连接建立时甲的拥塞窗口 cwnd = 1 个 MSS（第 1 个轮次），慢开始门限 ssthresh = ${ss} 个 MSS，${loss}。${receiver}。在第 ${n} 个轮次，甲已发送但尚未收到确认的数据为 ${f} 字节，此时甲最多还能再发送多少字节的数据？`,
    en: (mss: number, ss: number, loss: string, n: number, receiver: string, f: number) =>
      `${MODEL.lead.en}hosts A and B have a TCP connection; MSS = ${mss} bytes. When the connection opens, A's cwnd = 1 MSS (round 1) and ssthresh = ${ss} MSS; ${loss}. ${receiver}. In round ${n}, A has ${f} bytes sent but not yet acknowledged. How many more bytes may A send now?`,
  },
  noLoss: { zh: '一直没有出现拥塞', en: 'no congestion occurs' },
  timeout: {
    zh: (k: number) => `第 ${k} 个轮次发送的报文段发生超时，此外没有出现拥塞`,
    en: (k: number) => `the segments sent in round ${k} time out, and there is no other congestion`,
  },
  window: {
    zh: (r: number) => `乙的接收窗口始终为 ${r} 字节`,
    en: (r: number) => `B's receive window stays at ${r} bytes`,
  },
  buffer: {
    zh: (b: number, u: number) =>
      `乙的接收缓存为 ${b} 字节，其中始终有 ${u} 字节已收到但尚未被应用进程读取`,
    en: (b: number, u: number) =>
      `B's receive buffer is ${b} bytes, of which ${u} bytes are always received but not yet read by the application`,
  },
  step: {
    ...WINDOW_STEPS,
    usable: {
      zh: (s: number, f: number, k: number) =>
        `还能发送 = 发送窗口 − 已发送未确认 = ${s} − ${f} = ${k} 字节。`,
      en: (s: number, f: number, k: number) =>
        `May still send = sending window − bytes in flight = ${s} − ${f} = ${k} bytes.`,
    },
    key: { zh: (a: string) => `答案：${a} 字节。`, en: (a: string) => `Answer: ${a} bytes.` },
  },
};

/**
 * `variant`: the numbers given (d1), the rounds with rwnd stated (d2), rwnd from the buffer
 * (d3). `limit`: which window is smaller, or `full` (the window is used up).
 */
type Variant = 'given' | 'rounds' | 'buffer';
type Limit = 'cwnd' | 'rwnd' | 'full';

function keyOf(trace: Trace | null, round: number, inflight: number): number {
  const row = trace?.rounds?.[round - 1];
  if (row === undefined) throw new RangeError(`no round ${round} in the table`);
  return row.swnd - inflight;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const variant: Variant =
    ctx.difficulty === 1 ? 'given' : ctx.difficulty === 2 ? 'rounds' : 'buffer';
  const limit: Limit = pick(rng, ['cwnd', 'rwnd', 'full'] as const);
  const withTimeout = variant !== 'given' && rng.int(0, 2) === 0;
  const mss = pick(rng, [500, 1000, 1000, 1200]);
  const ssthresh = pick(rng, [8, 12, 16, 20]);
  const base: RoundPlan = {
    algorithm: pickAlgorithm(rng),
    mss,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 0,
  };
  let timeout: number | null = null;
  let round: number;
  if (withTimeout) {
    const free = planTable({ ...base, ask: 30 });
    timeout = pick(rng, eventRounds(free, mss, 3, 4).slice(0, 6));
    round = timeout + rng.int(2, 7);
  } else {
    round = rng.int(3, 9);
  }
  // cwnd of that round by the engine's model (planning only; the key is read from the trace).
  const cwnd = planTable({ ...base, timeout, ask: round })[round - 1]!.cwnd / mss;
  // The limiting window by structure; at least 4 segments, which the scenario's (unused)
  // three-duplicate-ACK event needs later on.
  const rwndMss =
    limit === 'rwnd'
      ? Math.max(2, cwnd - rng.int(1, 6))
      : limit === 'cwnd'
        ? cwnd + rng.int(1, 6)
        : cwnd + rng.int(-4, 4);
  const p: RoundPlan = { ...base, timeout, rwnd: Math.max(4, rwndMss), ask: round };
  const swndMss = Math.min(cwnd, p.rwnd);
  const inflight = (limit === 'full' ? swndMss : rng.int(1, Math.max(1, swndMss - 1))) * mss;
  const unreadMss = rng.int(1, 8);
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const key = keyOf(trace, round, inflight);
  const rows = mssRows(trace);
  const row = rows[round - 1]!;
  const cwndB = row.cwnd * mss;
  const rwndB = row.rwnd * mss;
  const swndB = row.swnd * mss;
  const unread = unreadMss * mss;
  const buffer = rwndB + unread;
  // The structure as it came out (a small cwnd cannot be undercut by rwnd's 4-segment floor).
  const actual: Limit = inflight === swndB ? 'full' : row.rwnd < row.cwnd ? 'rwnd' : 'cwnd';

  // Each wrong value is what one misconception computes from the same stem.
  const misconceptions: Record<string, MisconceptionId> = {};
  // A reading whose window is already used up says nothing more may be sent: 0, not less.
  const wrong = (computed: number, m: MisconceptionId) => {
    const v = Math.max(0, computed);
    if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  wrong(cwndB - inflight, 'ignores-rwnd');
  wrong(swndB, 'ignores-bytes-in-flight');
  if (variant === 'buffer') wrong(Math.min(cwndB, buffer) - inflight, 'rwnd-is-whole-buffer');
  if (variant !== 'given') {
    const story = storyOf(p);
    for (const twist of TWISTS) {
      const r = tell(story, round, twist).rows[round - 1];
      if (r !== undefined) wrong(Math.min(r.cwnd * mss, rwndB) - inflight, twist);
    }
    const next = tell(story, round + 1, 'exam').rows[round];
    if (next !== undefined) wrong(Math.min(next.cwnd * mss, rwndB) - inflight, 'counts-from-zero');
  }

  const S = TEXT.step;
  const lines: string[] = [];
  if (variant !== 'given') {
    lines.push(
      ...roundLines(rows, round, p.algorithm, locale),
      S.cwnd[locale](round, row.cwnd, mss),
    );
  }
  if (variant === 'buffer') lines.push(S.rwnd[locale](buffer, unread, rwndB));
  lines.push(
    S.swnd[locale](cwndB, rwndB, swndB),
    S.usable[locale](swndB, inflight, key),
    S.key[locale](String(key)),
  );
  const stem =
    variant === 'given'
      ? TEXT.given[locale](mss, cwndB, rwndB, inflight)
      : TEXT.rounds[locale](
          mss,
          ssthresh,
          timeout === null ? TEXT.noLoss[locale] : TEXT.timeout[locale](timeout),
          round,
          variant === 'rounds' ? TEXT.window[locale](rwndB) : TEXT.buffer[locale](buffer, unread),
          inflight,
        );
  return {
    kind: 'numeric',
    topics: variant === 'given' ? ['flow-control'] : ['flow-control', 'congestion'],
    lesson: 'sliding-window-and-flow-control',
    stem,
    unit: locale === 'zh' ? '字节' : 'bytes',
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, {
      variant,
      structure: `${actual}${timeout === null ? '' : '-after-timeout'}`,
      round,
      inflight,
    }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  const { round, inflight } = question.source.focus;
  return { value: keyOf(trace, Number(round), Number(inflight)), tolerance: 0 };
}

export const sendableBytes: TemplateDef = {
  id: 'sendable-bytes',
  topics: ['flow-control', 'congestion'],
  kinds: ['numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
