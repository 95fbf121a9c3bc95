// Family "sendable-range": which sequence numbers the sender may still send in a round of
// the exam's model, after a cumulative ACK: from the next unsent byte up to ack + swnd − 1.
// Structures: the congestion window or the receiver's window is the limit, and (from the
// rounds) a timeout earlier in the connection.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, shuffle, sourceOf } from '../build';
import { steps } from '../explain';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
import type { MisconceptionId } from '../misconceptions';
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
    zh: (
      mss: number,
      ss: number,
      loss: string,
      n: number,
      ack: number,
      receiver: string,
      last: number,
    ) =>
      `${MODEL.lead.zh}主机甲与主机乙之间已建立一个 TCP 连接，MSS = ${mss} 字节，连接建立时甲的拥塞窗口 cwnd = 1 个 MSS（第 1 个轮次），慢开始门限 ssthresh = ${ss} 个 MSS，${loss}；${receiver}。第 ${n} 个轮次开始时，甲收到的确认号为 ${ack}，并且甲已经发送到第 ${last} 号字节（尚未收到确认）。甲在这一轮次还可以发送的数据的序号范围是`,
    en: (
      mss: number,
      ss: number,
      loss: string,
      n: number,
      ack: number,
      receiver: string,
      last: number,
    ) =>
      `${MODEL.lead.en}hosts A and B have a TCP connection; MSS = ${mss} bytes. When the connection opens, A's cwnd = 1 MSS (round 1) and ssthresh = ${ss} MSS; ${loss}; ${receiver}. At the start of round ${n}, A has received ack = ${ack}, and A has already sent up to byte ${last} (not yet acknowledged). Which sequence numbers may A still send in this round?`,
  },
  noLoss: { zh: '一直没有出现拥塞', en: 'no congestion occurs' },
  timeout: {
    zh: (k: number) => `第 ${k} 个轮次发送的报文段发生超时，此外没有出现拥塞`,
    en: (k: number) => `the segments sent in round ${k} time out, and there is no other congestion`,
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

/** Which window limits the round: the congestion window or the receiver's. */
type Limit = 'cwnd' | 'rwnd';

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const variant = ctx.difficulty === 1 ? 'given' : ctx.difficulty === 2 ? 'rounds' : 'buffer';
  const limit: Limit = pick(rng, ['cwnd', 'rwnd'] as const);
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
    timeout = pick(rng, eventRounds(planTable({ ...base, ask: 30 }), mss, 3, 4).slice(0, 6));
    round = timeout + rng.int(2, 7);
  } else {
    round = rng.int(limit === 'rwnd' ? 4 : 3, 8);
  }
  // cwnd of that round by the engine's model (planning only; the key is read from the trace).
  const cwnd = planTable({ ...base, timeout, ask: round })[round - 1]!.cwnd / mss;
  // rwnd on the chosen side of cwnd; at least 4 segments for the scenario's unused dup-ACK event.
  const rwndMss = Math.max(4, limit === 'rwnd' ? cwnd - rng.int(1, 6) : cwnd + rng.int(1, 6));
  const p: RoundPlan = { ...base, timeout, rwnd: rwndMss, ask: round };
  const inflight = rng.int(1, Math.max(1, Math.min(cwnd, rwndMss) - 1)) * mss;
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
  // Each wrong range is what one misconception computes from the same stem.
  const distractors: { text: string; misconception: MisconceptionId }[] = [];
  if (variant === 'buffer')
    distractors.push({
      text: R(from, ack + Math.min(cwndB, buffer) - 1),
      misconception: 'rwnd-is-whole-buffer',
    });
  distractors.push(
    { text: R(from, ack + cwndB - 1), misconception: 'ignores-rwnd' },
    // The bytes in flight forgotten: the window taken from the ack as if nothing were sent,
    // or from the next unsent byte as if the bytes in flight took no room.
    { text: R(ack, to), misconception: 'ignores-bytes-in-flight' },
    { text: R(from, lastSent + swndB), misconception: 'ignores-bytes-in-flight' },
  );
  if (variant !== 'given') {
    const story = storyOf(p);
    const other: { text: string; misconception: MisconceptionId }[] = [];
    for (const twist of TWISTS) {
      const r = tell(story, round, twist).rows[round - 1];
      if (r !== undefined && ack + Math.min(r.cwnd * mss, rwndB) - 1 >= from)
        other.push({
          text: R(from, ack + Math.min(r.cwnd * mss, rwndB) - 1),
          misconception: twist,
        });
    }
    const next = tell(story, round + 1, 'exam').rows[round];
    if (next !== undefined)
      other.push({
        text: R(from, ack + Math.min(next.cwnd * mss, rwndB) - 1),
        misconception: 'counts-from-zero',
      });
    distractors.push(...shuffle(rng, other));
  }
  // Ends counted the wrong way: the last byte of the window, or the first byte not yet sent.
  distractors.push(
    { text: R(from, to + 1), misconception: 'range-end-inclusive' },
    { text: R(lastSent, to), misconception: 'range-end-inclusive' },
  );
  // The same misconceptions, in an order the seed decides, so that no one always shows.
  const choice = buildChoice(rng, correct, shuffle(rng, distractors));
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
  const actual: Limit = row.rwnd < row.cwnd ? 'rwnd' : 'cwnd';
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
            timeout === null ? TEXT.noLoss[locale] : TEXT.timeout[locale](timeout),
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
    source: sourceOf(spec, {
      variant,
      structure: `${actual}${timeout === null ? '' : '-after-timeout'}`,
      round,
      inflight,
    }),
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
