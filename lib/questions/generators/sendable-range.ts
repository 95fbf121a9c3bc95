// Family "sendable-range": which sequence numbers the sender may still send in a round of
// the exam's model, after a cumulative ACK: from the next unsent byte up to ack + swnd − 1.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
import {
  mssRows,
  pickAlgorithm,
  planSpec,
  planTable,
  roundLines,
  type RoundPlan,
  WINDOW_STEPS,
} from './congestion-common';

const TEXT = {
  range: {
    zh: (a: number, b: number) => `${a}～${b}`,
    en: (a: number, b: number) => `${a}–${b}`,
  },
  given: {
    zh: (mss: number, ack: number, cwnd: number, rwnd: number, last: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节。甲收到乙发来的确认段，其确认号为 ${ack}，通知的接收窗口为 ${rwnd} 字节；此时甲的拥塞窗口为 ${cwnd} 字节，并且甲已经发送到第 ${last} 号字节（尚未收到确认）。甲接下来还可以发送的数据的序号范围是`,
    en: (mss: number, ack: number, cwnd: number, rwnd: number, last: number) =>
      `Hosts A and B have a TCP connection; MSS = ${mss} bytes. A receives an ACK from B with ack = ${ack} and an advertised window of ${rwnd} bytes; A's congestion window is ${cwnd} bytes, and A has already sent up to byte ${last} (not yet acknowledged). Which sequence numbers may A still send?`,
  },
  rounds: {
    zh: (mss: number, ss: number, n: number, ack: number, receiver: string, last: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节，连接建立时甲的拥塞窗口 cwnd = 1 个 MSS（第 1 个轮次），慢开始门限 ssthresh = ${ss} 个 MSS，一直没有出现拥塞；${receiver}。第 ${n} 个轮次开始时，甲收到的确认号为 ${ack}，并且甲已经发送到第 ${last} 号字节（尚未收到确认）。甲在这一轮次还可以发送的数据的序号范围是`,
    en: (mss: number, ss: number, n: number, ack: number, receiver: string, last: number) =>
      `Hosts A and B have a TCP connection; MSS = ${mss} bytes. When the connection opens, A's cwnd = 1 MSS (round 1) and ssthresh = ${ss} MSS; no congestion occurs; ${receiver}. At the start of round ${n}, A has received ack = ${ack}, and A has already sent up to byte ${last} (not yet acknowledged). Which sequence numbers may A still send in this round?`,
  },
  receiver: {
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
  },
  step: {
    ...WINDOW_STEPS,
    window: {
      zh: (ack: number, s: number, end: number) =>
        `窗口从确认号开始：${ack}～${ack} + ${s} − 1 = ${end}。`,
      en: (ack: number, s: number, end: number) =>
        `The window starts at the ack: ${ack} to ${ack} + ${s} − 1 = ${end}.`,
    },
    rest: {
      zh: (last: number) => `第 ${last} 号字节之前（含）已经发送，只能从 ${last + 1} 开始发送。`,
      en: (last: number) =>
        `Bytes up to ${last} are already sent, so new data starts at ${last + 1}.`,
    },
    key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  },
};

/** The key's first and last byte: after the bytes in flight, to the end of the round's window. */
function keyOf(trace: Trace | null, round: number, inflight: number): [number, number] {
  const sent = trace?.rounds?.[round - 1]?.sent;
  const first = sent?.[0];
  const last = sent?.at(-1);
  if (first === undefined || last === undefined)
    throw new RangeError(`round ${round} sends nothing`);
  return [first[0] + inflight, last[1]];
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const mss = pick(rng, [500, 1000, 1000, 1200]);
  const ssthresh = pick(rng, [8, 12, 16, 20]);
  const round = rng.int(3, 8);
  // cwnd of that round by the engine's model (planning only; the key is read from the trace).
  const free = planTable({
    algorithm: 'reno',
    mss,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: round,
  });
  const cwnd = free[round - 1]!.cwnd / mss;
  // rwnd on either side of cwnd; at least 4 segments for the scenario's unused dup-ACK event.
  const rwndMss = Math.max(4, cwnd + rng.int(-6, 4));
  const p: RoundPlan = {
    algorithm: pickAlgorithm(rng),
    mss,
    ssthresh,
    rwnd: rwndMss,
    timeout: null,
    dupacks: null,
    ask: round,
  };
  const inflight = rng.int(1, Math.min(cwnd, rwndMss) - 1) * mss;
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const [from, to] = keyOf(trace, round, inflight);
  const rows = mssRows(trace);
  const row = rows[round - 1]!;
  const ack = trace.rounds![round - 1]!.sent[0]![0];
  const lastSent = ack + inflight - 1;
  const [cwndB, rwndB, swndB] = [row.cwnd * mss, row.rwnd * mss, row.swnd * mss];
  const R = TEXT.range[locale];
  const correct = R(from, to);
  const unread = rng.int(1, 8) * mss;
  const buffer = rwndB + unread;
  const variant = ctx.difficulty === 1 ? 'given' : ctx.difficulty === 2 ? 'rounds' : 'buffer';
  const choice = buildChoice(rng, correct, [
    ...(variant === 'buffer'
      ? [
          {
            text: R(from, ack + Math.min(cwndB, buffer) - 1),
            misconception: 'rwnd-is-whole-buffer' as const,
          },
        ]
      : []),
    { text: R(from, ack + cwndB - 1), misconception: 'ignores-rwnd' },
    { text: R(ack, to), misconception: 'ignores-bytes-in-flight' },
    { text: R(from, lastSent + swndB), misconception: 'ignores-bytes-in-flight' },
    { text: R(from, to + 1), misconception: 'off-by-payload' },
    { text: R(lastSent, to), misconception: 'off-by-payload' },
  ]);
  const S = TEXT.step;
  const lines: string[] = [];
  if (variant !== 'given')
    lines.push(
      ...roundLines(rows, round, p.algorithm, locale),
      S.cwnd[locale](round, row.cwnd, mss),
    );
  if (variant === 'buffer') lines.push(S.rwnd[locale](buffer, unread, rwndB));
  lines.push(
    S.swnd[locale](cwndB, rwndB, swndB),
    S.window[locale](ack, swndB, to),
    S.rest[locale](lastSent),
    S.key[locale](correct),
  );
  return {
    kind: 'choice',
    topics: ['flow-control', 'sequence-numbers'],
    lesson: 'sliding-window-and-flow-control',
    stem:
      variant === 'given'
        ? TEXT.given[locale](mss, ack, cwndB, rwndB, lastSent)
        : TEXT.rounds[locale](
            mss,
            ssthresh,
            round,
            ack,
            variant === 'rounds'
              ? TEXT.receiver.window[locale](rwndB)
              : TEXT.receiver.buffer[locale](buffer, unread),
            lastSent,
          ),
    trace: null,
    options: choice.options,
    answer: choice.answer,
    explanation: steps(lines),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant, round, inflight }),
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  if (question.kind !== 'choice') throw new TypeError('sendable-range questions are choice');
  const [from, to] = keyOf(
    trace,
    Number(question.source.focus.round),
    Number(question.source.focus.inflight),
  );
  const text = TEXT.range[question.locale as Locale](from, to);
  const option = question.options.find((o) => o.text === text);
  if (option === undefined) throw new RangeError(`no option reads "${text}"`);
  return { option: option.id };
}

export const sendableRange: TemplateDef = {
  id: 'sendable-range',
  topics: ['flow-control', 'sequence-numbers'],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
