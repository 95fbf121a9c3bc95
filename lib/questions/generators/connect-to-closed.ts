// Family "connect-to-closed": the exam's "shortest time from connect to CLOSED" for a short
// transfer: a 1-RTT handshake whose third segment carries data, the data rounds of the round
// model, a 1-RTT close (the passive side sends ACK and FIN together) and 2MSL of TIME_WAIT.

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
  type MssRow,
  type RoundPlan,
} from './congestion-common';

/** A receiver window the stem calls "large enough" (in MSS): never the limit. */
const LARGE_RWND = 1000;

const TEXT = {
  stem: {
    zh: (n: number, rtt: number, ss: number, rwnd: number | null, msl: number) =>
      `主机甲向主机乙发起 TCP 连接，连接建立后向乙发送一个 ${n} KB 的文件，MSS = 1 KB。甲、乙之间的往返时延 RTT = ${rtt} ms，忽略报文段的发送时延和处理时延，第三次握手的报文段可以携带数据。甲的拥塞窗口 cwnd 初始为 1 MSS，慢开始门限 ssthresh = ${ss} MSS，${
        rwnd === null ? '乙的接收缓存足够大' : `乙的接收窗口始终为 ${rwnd} KB`
      }，传输过程中没有报文段丢失。甲收到最后一个数据报文段的确认后立即关闭连接，乙收到甲的 FIN 后也立即关闭连接（确认与 FIN 合并在一个报文段中发送）。按教材模型，取 MSL = ${msl} ms（本题的取值；RFC 9293 建议的 MSL 为 2 分钟），则从甲发送第一个 SYN 到甲进入 CLOSED 状态，至少需要多少毫秒？`,
    en: (n: number, rtt: number, ss: number, rwnd: number | null, msl: number) =>
      `Host A opens a TCP connection to host B and, once it is open, sends B a file of ${n} KB with MSS = 1 KB. The RTT between them is ${rtt} ms; transmission and processing delays are ignored, and the third handshake segment may carry data. A's cwnd starts at 1 MSS with ssthresh = ${ss} MSS; ${
        rwnd === null
          ? "B's receive buffer is large enough"
          : `B's receive window is always ${rwnd} KB`
      }, and no segment is lost. As soon as the last data segment is acknowledged, A closes the connection; B closes at once when A's FIN arrives (its ACK and FIN travel in one segment). In the textbook model, with MSL = ${msl} ms (this question's value; RFC 9293's nominal MSL is 2 min), how many milliseconds pass at least from A sending its SYN until A reaches CLOSED?`,
  },
  handshake: {
    zh: (rtt: number) =>
      `三次握手：甲发送 SYN，1 个 RTT 后收到 SYN+ACK，随即发送第三次握手的 ACK 并携带第一轮数据，此时 t = ${rtt} ms。`,
    en: (rtt: number) =>
      `Handshake: A sends SYN and gets SYN+ACK one RTT later; its third-handshake ACK carries the first round of data, at t = ${rtt} ms.`,
  },
  round: {
    zh: (r: MssRow, sent: number, total: number, n: number) =>
      `第 ${r.round} 个轮次：cwnd = ${r.cwnd}${r.rwnd < LARGE_RWND ? `，rwnd = ${r.rwnd}` : ''}，发送窗口 = ${r.swnd}，发送 ${sent} 个报文段（累计 ${total} / ${n}）。`,
    en: (r: MssRow, sent: number, total: number, n: number) =>
      `Round ${r.round}: cwnd = ${r.cwnd}${r.rwnd < LARGE_RWND ? `, rwnd = ${r.rwnd}` : ''}, sending window = ${r.swnd}, ${sent} segments sent (${total} of ${n} in all).`,
  },
  data: {
    zh: (k: number, rtt: number, t: number) =>
      `数据共需 ${k} 个轮次，每轮 1 个 RTT：最后一轮的确认在 t = ${rtt} + ${k} × ${rtt} = ${t} ms 到达。`,
    en: (k: number, rtt: number, t: number) =>
      `The data takes ${k} rounds of one RTT each: the last round's ACKs arrive at t = ${rtt} + ${k} × ${rtt} = ${t} ms.`,
  },
  close: {
    zh: (t: number, rtt: number, u: number) =>
      `甲随即发送 FIN，乙的 ACK+FIN 在 1 个 RTT 后到达，甲发送最后一个 ACK 并进入 TIME_WAIT：t = ${t} + ${rtt} = ${u} ms。`,
    en: (t: number, rtt: number, u: number) =>
      `A sends its FIN at once; B's ACK+FIN arrives one RTT later, A sends the last ACK and enters TIME_WAIT: t = ${t} + ${rtt} = ${u} ms.`,
  },
  timeWait: {
    zh: (u: number, msl: number, v: number) =>
      `TIME_WAIT 持续 2MSL = ${2 * msl} ms，甲进入 CLOSED：t = ${u} + ${2 * msl} = ${v} ms。`,
    en: (u: number, msl: number, v: number) =>
      `TIME_WAIT lasts 2MSL = ${2 * msl} ms, then A is CLOSED: t = ${u} + ${2 * msl} = ${v} ms.`,
  },
  key: { zh: (a: number) => `答案：${a} ms。`, en: (a: number) => `Answer: ${a} ms.` },
};

/** Rounds until `n` segments have been sent, from per-round sending windows (in MSS). */
function roundsFor(windows: readonly number[], n: number): number | null {
  let total = 0;
  for (let i = 0; i < windows.length; i++) {
    total += windows[i]!;
    if (total >= n) return i + 1;
  }
  return null;
}

/** The time from the SYN to CLOSED with `k` data rounds (the exam's conventions). */
function totalMs(k: number, rtt: number, msl: number): number {
  return (k + 2) * rtt + 2 * msl;
}

function keyOf(trace: Trace | null, n: number, rtt: number, msl: number): number {
  const k = roundsFor(
    mssRows(trace).map((r) => r.swnd),
    n,
  );
  if (k === null) throw new RangeError(`the table never sends ${n} segments`);
  return totalMs(k, rtt, msl);
}

interface Plan {
  p: RoundPlan;
  n: number;
  rwnd: number | null;
}

/** Enough rounds for any file the plans draw (60 segments need fewer than 20 rounds). */
const HORIZON = 40;

function plan(ctx: GenContext): Plan {
  const { rng } = ctx;
  const base: RoundPlan = {
    algorithm: pickAlgorithm(rng),
    mss: 1000,
    ssthresh: 16,
    rwnd: LARGE_RWND,
    timeout: null,
    dupacks: null,
    ask: HORIZON,
  };
  if (ctx.difficulty === 1) {
    // Slow start only: ssthresh is never reached before the file is sent.
    return { p: { ...base, ssthresh: pick(rng, [16, 32]) }, n: rng.int(4, 31), rwnd: null };
  }
  if (ctx.difficulty === 2) {
    // Slow start up to ssthresh, then congestion avoidance.
    return { p: { ...base, ssthresh: pick(rng, [4, 6, 8]) }, n: rng.int(16, 50), rwnd: null };
  }
  // The receiver's window caps the sending window too.
  const rwnd = rng.int(5, 10);
  return {
    p: { ...base, ssthresh: pick(rng, [6, 8, 12, 16]), rwnd },
    n: rng.int(16, 60),
    rwnd,
  };
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const { p: draft, n, rwnd } = plan(ctx);
  const rtt = pick(rng, [10, 20, 40, 50, 100]);
  const msl = pick(rng, [200, 500, 1000, 2000]);
  // Plan only the rounds the transfer needs, so the filler events land after them.
  const k0 = roundsFor(
    planTable(draft).map((r) => r.swnd / draft.mss),
    n,
  );
  if (k0 === null) throw new RangeError('plan: the file does not fit the horizon');
  const p: RoundPlan = { ...draft, ask: k0 };
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const rows = mssRows(trace);
  const key = keyOf(trace, n, rtt, msl);
  const k = (key - 2 * msl) / rtt - 2;

  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (v: number | null, m: MisconceptionId) => {
    if (v === null || v === key || String(v) in misconceptions) return;
    misconceptions[String(v)] = m;
  };
  wrong(key - 2 * msl, 'closed-without-time-wait');
  wrong(key - msl, 'time-wait-one-msl');
  wrong(key + rtt, 'counts-from-zero');
  const window = (cwnd: number) => Math.min(cwnd, rwnd ?? LARGE_RWND);
  const over = replay(p, HORIZON, 'slow-start-overshoots-ssthresh').map((r) => window(r.cwnd));
  const kOver = roundsFor(over, n);
  wrong(kOver === null ? null : totalMs(kOver, rtt, msl), 'slow-start-overshoots-ssthresh');
  if (rwnd !== null) {
    const free = planTable({ ...p, rwnd: LARGE_RWND, ask: HORIZON }).map((r) => r.cwnd / p.mss);
    const kFree = roundsFor(free, n);
    wrong(kFree === null ? null : totalMs(kFree, rtt, msl), 'ignores-rwnd');
  }

  const lines = [TEXT.handshake[locale](rtt)];
  let total = 0;
  for (const r of rows.slice(0, k)) {
    const sent = Math.min(r.swnd, n - total);
    total += sent;
    lines.push(TEXT.round[locale](r, sent, total, n));
  }
  const dataDone = (k + 1) * rtt;
  lines.push(
    TEXT.data[locale](k, rtt, dataDone),
    TEXT.close[locale](dataDone, rtt, dataDone + rtt),
    TEXT.timeWait[locale](dataDone + rtt, msl, key),
    TEXT.key[locale](key),
  );
  return {
    kind: 'numeric',
    topics: ['congestion', 'time-wait'],
    lesson: 'congestion-control',
    stem: TEXT.stem[locale](n, rtt, p.ssthresh, rwnd, msl),
    unit: 'ms',
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { n, rtt, msl, round: k }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  const { n, rtt, msl } = question.source.focus;
  return { value: keyOf(trace, Number(n), Number(rtt), Number(msl)), tolerance: 0 };
}

export const connectToClosed: TemplateDef = {
  id: 'connect-to-closed',
  topics: ['congestion', 'time-wait'],
  kinds: ['numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
