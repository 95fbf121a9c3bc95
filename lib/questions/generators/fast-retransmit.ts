// Family "fast-retransmit": a round whose first segment is lost, in the exam's round model:
// the duplicate ACKs' number, what fast retransmit resends and when, and the next window.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
import {
  ALGO_NAME,
  eventRounds,
  pickAlgorithm,
  planSpec,
  planTable,
  type RoundPlan,
} from './congestion-common';

const TEXT = {
  setup: {
    zh: (mss: number, k: number, a: number, algo: string) =>
      `主机甲与主机乙之间已建立一个 TCP 连接（采用 ${algo} 拥塞控制），MSS = ${mss} 字节。在某一轮次，甲的发送窗口为 ${k} 个 MSS，甲连续发送了 ${k} 个最大长度的报文段，第一个报文段的序号为 ${a}。第一个报文段丢失，其余 ${k - 1} 个报文段都被乙正确接收。`,
    en: (mss: number, k: number, a: number, algo: string) =>
      `Hosts A and B have a TCP connection (${algo} congestion control); MSS = ${mss} bytes. In one round A's sending window is ${k} MSS and A sends ${k} full-sized segments back to back, the first with seq = ${a}. The first segment is lost; B receives the other ${k - 1}.`,
  },
  askAck: {
    zh: `乙对后续报文段发出的重复确认的确认号是多少？甲快重传的报文段的序号又是多少？（二者相同，填一个数）`,
    en: `What acknowledgement number do B's duplicate ACKs carry, which is also the seq of the segment A fast-retransmits? (one number)`,
  },
  askWhat: { zh: `甲接下来的做法是`, en: `What does A do next?` },
  askNext: {
    zh: (cwnd: number) =>
      `这一轮次开始时甲的拥塞窗口 cwnd = ${cwnd} 个 MSS（不受接收窗口限制）。甲收到 3 个重复确认后，下一轮次甲共发送多少个报文段（含重传的报文段）？`,
    en: (cwnd: number) =>
      `At the start of this round A's cwnd = ${cwnd} MSS (the receiver's window does not limit it). After the three duplicate ACKs, how many segments (including the retransmission) does A send in the next round?`,
  },
  action: {
    fast: {
      zh: (a: number) => `收到 3 个重复确认后立即重传序号为 ${a} 的报文段，不等待超时`,
      en: (a: number) =>
        `After the third duplicate ACK, resend the segment with seq = ${a} at once, without waiting for a timeout`,
    },
    timer: {
      zh: (a: number) => `等待重传计时器超时后，再重传序号为 ${a} 的报文段`,
      en: (a: number) =>
        `Wait for the retransmission timer to expire, then resend the segment with seq = ${a}`,
    },
    window: {
      zh: (a: number, k: number) => `收到 3 个重复确认后，从序号 ${a} 开始重传全部 ${k} 个报文段`,
      en: (a: number, k: number) =>
        `After the third duplicate ACK, resend all ${k} segments starting at seq = ${a}`,
    },
    early: {
      zh: (a: number) => `收到 2 个重复确认（连同原来的确认共 3 个）后立即重传序号为 ${a} 的报文段`,
      en: (a: number) =>
        `After the second duplicate ACK (three ACKs counting the original), resend the segment with seq = ${a} at once`,
    },
  },
  step: {
    dup: {
      zh: (a: number, k: number) =>
        `乙期望的下一个字节是 ${a}，后续 ${k - 1} 个报文段每到达一个就发出一个确认号为 ${a} 的重复确认。`,
      en: (a: number, k: number) =>
        `B still expects byte ${a}: each of the ${k - 1} later segments draws a duplicate ACK with ack = ${a}.`,
    },
    fast: {
      zh: (a: number, mss: number) =>
        `收到第 3 个重复确认时甲立即快重传缺失的报文段：序号 ${a}～${a + mss - 1}，只重传这一个（其余已被乙缓存）。`,
      en: (a: number, mss: number) =>
        `On the third duplicate ACK, A fast-retransmits the missing segment at once: bytes ${a}–${a + mss - 1}, only that one (B holds the rest).`,
    },
    next: {
      reno: {
        zh: (c: number, h: number) =>
          `Reno 快恢复：ssthresh = ${c} / 2 = ${h}，cwnd = ${h}，下一轮次发送 ${h} 个报文段（重传的 1 个加新数据 ${h - 1} 个）。`,
        en: (c: number, h: number) =>
          `Reno's fast recovery: ssthresh = ${c} / 2 = ${h}, cwnd = ${h}; the next round sends ${h} segments (the retransmission and ${h - 1} new ones).`,
      },
      tahoe: {
        zh: (c: number, h: number) =>
          `Tahoe：ssthresh = ${c} / 2 = ${h}，cwnd = 1，下一轮次只发送重传的 1 个报文段。`,
        en: (c: number, h: number) =>
          `Tahoe: ssthresh = ${c} / 2 = ${h}, cwnd = 1; the next round sends only the retransmitted segment.`,
      },
    },
    key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  },
};

type Variant = 'ack' | 'action' | 'next';

/** What the model's next round shows: the retransmitted segment and the segments sent. */
function nextRound(trace: Trace | null, round: number) {
  const rows = trace?.rounds;
  const lossRow = rows?.[round - 1];
  const next = rows?.[round];
  const resent = next?.sent[0];
  if (
    lossRow === undefined ||
    next === undefined ||
    resent === undefined ||
    lossRow.event !== 'dupacks'
  )
    throw new RangeError(`round ${round} has no three-duplicate-ACK reaction`);
  const mss = resent[1] - resent[0] + 1;
  return { seq: resent[0], mss, segments: next.swnd / mss, window: lossRow.swnd / mss };
}

function actionText(locale: Locale, a: number) {
  return TEXT.action.fast[locale](a);
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const variant: Variant = ctx.difficulty === 1 ? 'ack' : ctx.difficulty === 2 ? 'action' : 'next';
  const algorithm = pickAlgorithm(rng);
  const mss = pick(rng, [500, 1000, 1000, 1460]);
  const ssthresh = pick(rng, [8, 12, 16]);
  const base: RoundPlan = {
    algorithm,
    mss,
    ssthresh,
    rwnd: 1000,
    timeout: null,
    dupacks: null,
    ask: 0,
  };
  // The catalog scenarios put a timeout before the duplicate ACKs; the stem describes only the
  // round of the loss (its window, first seq, cwnd), which is all the question needs.
  const timeout = pick(rng, eventRounds(planTable({ ...base, ask: 20 }), mss, 2, 4).slice(0, 4));
  const after = planTable({ ...base, timeout, ask: timeout + 25 });
  const dupacks = pick(
    rng,
    eventRounds(after, mss, timeout + 3, 4).filter((r) => after[r - 1]!.cwnd <= 16 * mss),
  );
  const p: RoundPlan = { ...base, timeout, dupacks, ask: dupacks + 1 };
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const n = nextRound(trace, dupacks);
  const k = n.window;
  const cwnd = trace.rounds![dupacks - 1]!.cwnd / mss;
  const half = cwnd / 2;
  const algo = ALGO_NAME[algorithm][locale];
  const S = TEXT.step;
  // The en stem needs a space between the set-up and the question; zh runs on.
  const setup = `${TEXT.setup[locale](mss, k, n.seq, algo)}${locale === 'en' ? ' ' : ''}`;
  const source = sourceOf(spec, { variant, round: dupacks });
  const explain = (key: string, extra: string[] = []) =>
    steps([S.dup[locale](n.seq, k), S.fast[locale](n.seq, mss), ...extra, S.key[locale](key)]);

  if (variant === 'action') {
    const A = TEXT.action;
    const choice = buildChoice(rng, actionText(locale, n.seq), [
      { text: A.timer[locale](n.seq), misconception: 'fast-retransmit-waits-for-timeout' },
      { text: A.window[locale](n.seq, k), misconception: 'retransmits-whole-window' },
      { text: A.early[locale](n.seq), misconception: 'dupack-count-includes-original' },
    ]);
    return {
      kind: 'choice',
      topics: ['congestion', 'retransmission'],
      lesson: 'congestion-control',
      stem: `${setup}${TEXT.askWhat[locale]}`,
      trace: null,
      options: choice.options,
      answer: choice.answer,
      explanation: explain(choice.correctText),
      misconceptions: choice.misconceptions,
      source,
    };
  }
  const key = variant === 'ack' ? n.seq : n.segments;
  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (v: number, m: MisconceptionId) => {
    if (v !== key && v > 0 && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  if (variant === 'ack') {
    wrong(n.seq + mss, 'ack-skips-hole');
    wrong(n.seq + k * mss, 'ack-skips-hole');
    wrong(n.seq + mss - 1, 'off-by-payload');
  } else {
    wrong(
      algorithm === 'reno' ? 1 : half,
      algorithm === 'reno' ? 'reno-resets-to-one' : 'tahoe-halves',
    );
    wrong(k, 'retransmits-whole-window');
  }
  return {
    kind: 'numeric',
    topics: ['congestion', 'retransmission'],
    lesson: 'congestion-control',
    stem:
      variant === 'ack'
        ? `${setup}${TEXT.askAck[locale]}`
        : `${setup}${TEXT.askNext[locale](cwnd)}`,
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: explain(
      String(key),
      variant === 'next' ? [S.next[algorithm][locale](cwnd, half)] : [],
    ),
    misconceptions,
    source,
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  const variant = question.source.focus.variant;
  const n = nextRound(trace, Number(question.source.focus.round));
  if (question.kind === 'choice') {
    const text = actionText(question.locale as Locale, n.seq);
    const option = question.options.find((o) => o.text === text);
    if (option === undefined) throw new RangeError(`no option reads "${text}"`);
    return { option: option.id };
  }
  return { value: variant === 'ack' ? n.seq : n.segments, tolerance: 0 };
}

export const fastRetransmit: TemplateDef = {
  id: 'fast-retransmit',
  topics: ['congestion', 'retransmission'],
  kinds: ['numeric', 'choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
