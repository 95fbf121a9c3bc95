// Family "sendable-bytes": what the sender may still send in a round of the exam's model:
// swnd = min(cwnd, rwnd), minus the bytes already in flight; rwnd = buffer − unread data.

import type { Trace } from '@/lib/engine';
import { pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, TemplateDef } from '../types';
import {
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  replay,
  roundLines,
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
    zh: (mss: number, ss: number, n: number, rwnd: number, f: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节，连接建立时甲的拥塞窗口 cwnd = 1 个 MSS（第 1 个轮次），慢开始门限 ssthresh = ${ss} 个 MSS，一直没有出现拥塞。乙的接收窗口始终为 ${rwnd} 字节。在第 ${n} 个轮次，甲已发送但尚未收到确认的数据为 ${f} 字节，此时甲最多还能再发送多少字节的数据？`,
    en: (mss: number, ss: number, n: number, rwnd: number, f: number) =>
      `Hosts A and B have a TCP connection; MSS = ${mss} bytes. When the connection opens, A's cwnd = 1 MSS (round 1) and ssthresh = ${ss} MSS; no congestion occurs. B's receive window stays at ${rwnd} bytes. In round ${n}, A has ${f} bytes sent but not yet acknowledged. How many more bytes may A send now?`,
  },
  buffer: {
    zh: (mss: number, ss: number, n: number, b: number, u: number, f: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节，连接建立时甲的拥塞窗口 cwnd = 1 个 MSS（第 1 个轮次），慢开始门限 ssthresh = ${ss} 个 MSS，一直没有出现拥塞。乙的接收缓存为 ${b} 字节，其中始终有 ${u} 字节已收到但尚未被应用进程读取。在第 ${n} 个轮次，甲已发送但尚未收到确认的数据为 ${f} 字节，此时甲最多还能再发送多少字节的数据？`,
    en: (mss: number, ss: number, n: number, b: number, u: number, f: number) =>
      `Hosts A and B have a TCP connection; MSS = ${mss} bytes. When the connection opens, A's cwnd = 1 MSS (round 1) and ssthresh = ${ss} MSS; no congestion occurs. B's receive buffer is ${b} bytes, of which ${u} bytes are always received but not yet read by the application. In round ${n}, A has ${f} bytes sent but not yet acknowledged. How many more bytes may A send now?`,
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

type Variant = 'given' | 'rounds' | 'buffer';

function keyOf(trace: Trace | null, round: number, inflight: number): number {
  const row = trace?.rounds?.[round - 1];
  if (row === undefined) throw new RangeError(`no round ${round} in the table`);
  return row.swnd - inflight;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const variant: Variant =
    ctx.difficulty === 1 ? 'given' : ctx.difficulty === 2 ? 'rounds' : 'buffer';
  const mss = pick(rng, [500, 1000, 1000, 1200]);
  const ssthresh = pick(rng, [8, 12, 16, 20]);
  const round = rng.int(3, 9);
  // cwnd of that round by the engine's model (planning only; the key is read from the trace).
  const cwnd =
    planTable({
      algorithm: 'reno',
      mss,
      ssthresh,
      rwnd: 1000,
      timeout: null,
      dupacks: null,
      ask: round,
    })[round - 1]!.cwnd / mss;
  // rwnd on either side of cwnd, so that either window may be the smaller one.
  // At least 4 segments: the scenario's (unused) three-duplicate-ACK event needs them later on.
  const rwndMss = Math.max(4, cwnd + rng.int(-6, 4));
  const unreadMss = rng.int(1, 8);
  const p: RoundPlan = {
    algorithm: pickAlgorithm(rng),
    mss,
    ssthresh,
    rwnd: rwndMss,
    timeout: null,
    dupacks: null,
    ask: round,
  };
  const swndMss = Math.min(cwnd, rwndMss);
  const inflight = rng.int(1, swndMss - 1) * mss;
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const key = keyOf(trace, round, inflight);
  const rows = mssRows(trace);
  const row = rows[round - 1]!;
  const cwndB = row.cwnd * mss;
  const rwndB = row.rwnd * mss;
  const swndB = row.swnd * mss;
  const buffer = rwndB + unreadMss * mss;
  const unread = unreadMss * mss;

  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (v: number, m: MisconceptionId) => {
    if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  wrong(cwndB - inflight, 'ignores-rwnd');
  wrong(swndB, 'ignores-bytes-in-flight');
  if (variant !== 'given') {
    const over = replay(p, round, 'slow-start-overshoots-ssthresh')[round - 1]!.cwnd * mss;
    wrong(Math.min(over, rwndB) - inflight, 'slow-start-overshoots-ssthresh');
    const next = rows[round];
    if (next !== undefined) wrong(Math.min(next.cwnd * mss, rwndB) - inflight, 'counts-from-zero');
  }
  if (variant === 'buffer') wrong(Math.min(cwndB, buffer) - inflight, 'rwnd-is-whole-buffer');

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
      : variant === 'rounds'
        ? TEXT.rounds[locale](mss, ssthresh, round, rwndB, inflight)
        : TEXT.buffer[locale](mss, ssthresh, round, buffer, unread, inflight);
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
    source: sourceOf(spec, { variant, round, inflight }),
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
