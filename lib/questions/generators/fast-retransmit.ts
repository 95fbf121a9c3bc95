// Family "fast-retransmit": a round whose first segment is lost, in the exam's round model:
// the duplicate ACKs (their number, how many), what the sender does next and the window after
// it (three duplicate ACKs with Reno or Tahoe, or a timeout when the whole window is lost), and
// how many segments the next two rounds carry.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, runSim, shuffle, sourceOf, type Distractor } from '../build';
import { steps } from '../explain';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, TemplateDef } from '../types';
import {
  ALGO_NAME,
  MODEL,
  eventRounds,
  pickAlgorithm,
  planSpec,
  planTable,
  type RoundPlan,
} from './congestion-common';

const TEXT = {
  setup: {
    zh: (mss: number, k: number, a: number, algo: string) =>
      `${MODEL.lead.zh}主机甲与主机乙之间已建立一个 TCP 连接（采用 ${algo} 拥塞控制），MSS = ${mss} 字节。在某一轮次，甲的发送窗口为 ${k} 个 MSS，甲连续发送了 ${k} 个最大长度的报文段，第一个报文段的序号为 ${a}。`,
    en: (mss: number, k: number, a: number, algo: string) =>
      `${MODEL.lead.en}hosts A and B have a TCP connection (${algo} congestion control); MSS = ${mss} bytes. In one round A's sending window is ${k} MSS and A sends ${k} full-sized segments back to back, the first with seq = ${a}.`,
  },
  lostFirst: {
    zh: (k: number) => `第一个报文段丢失，其余 ${k - 1} 个报文段都被乙正确接收。`,
    en: (k: number) => ` The first segment is lost; B receives the other ${k - 1}.`,
  },
  lostAll: {
    zh: (k: number) => `这 ${k} 个报文段全部丢失，没有任何确认返回。`,
    en: (k: number) => ` All ${k} segments are lost, so no ACK comes back.`,
  },
  cwndNow: {
    zh: (cwnd: number, reno: string) =>
      `这一轮次开始时甲的拥塞窗口 cwnd = ${cwnd} 个 MSS（不受接收窗口限制${reno}）。`,
    en: (cwnd: number, reno: string) =>
      `At the start of this round A's cwnd = ${cwnd} MSS (the receiver's window does not limit it${reno}). `,
  },
  askAck: {
    zh: `乙对后续报文段发出的重复确认的确认号是多少？甲快重传的报文段的序号又是多少？（二者相同，填一个数）`,
    en: `What acknowledgement number do B's duplicate ACKs carry, which is also the seq of the segment A fast-retransmits? (one number)`,
  },
  askCount: {
    zh: `乙在这一轮次一共发出多少个重复确认？`,
    en: `How many duplicate ACKs does B send in this round?`,
  },
  askWhat: { zh: `甲接下来的做法是`, en: `What does A do next?` },
  askNext: {
    zh: (cwnd: number, reno: string) =>
      `这一轮次开始时甲的拥塞窗口 cwnd = ${cwnd} 个 MSS（不受接收窗口限制${reno}）。甲收到 3 个重复确认后，下一轮次甲共发送多少个报文段（含重传的报文段）？`,
    en: (cwnd: number, reno: string) =>
      `At the start of this round A's cwnd = ${cwnd} MSS (the receiver's window does not limit it${reno}). After the three duplicate ACKs, how many segments (including the retransmission) does A send in the next round?`,
  },
  askSecond: {
    zh: (cwnd: number, reno: string) =>
      `这一轮次开始时甲的拥塞窗口 cwnd = ${cwnd} 个 MSS（不受接收窗口限制${reno}），此后没有再出现拥塞。甲收到 3 个重复确认之后的第 2 个轮次共发送多少个报文段？`,
    en: (cwnd: number, reno: string) =>
      `At the start of this round A's cwnd = ${cwnd} MSS (the receiver's window does not limit it${reno}), and nothing else is lost. How many segments does A send in the second round after the three duplicate ACKs?`,
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
    then: {
      zh: (ss: number, cwnd: number) => `；随后 ssthresh = ${ss}，cwnd = ${cwnd}`,
      en: (ss: number, cwnd: number) => `; then ssthresh = ${ss} and cwnd = ${cwnd}`,
    },
  },
  step: {
    dup: {
      zh: (a: number, k: number) =>
        `乙期望的下一个字节是 ${a}，后续 ${k - 1} 个报文段每到达一个就发出一个确认号为 ${a} 的重复确认。`,
      en: (a: number, k: number) =>
        `B still expects byte ${a}: each of the ${k - 1} later segments draws a duplicate ACK with ack = ${a}.`,
    },
    count: {
      zh: (k: number) =>
        `所以乙一共发出 ${k - 1} 个重复确认（此前对上一轮数据的确认不算重复确认）。`,
      en: (k: number) =>
        `So B sends ${k - 1} duplicate ACKs (its earlier ACK of the previous round's data is not a duplicate).`,
    },
    fast: {
      zh: (a: number, mss: number) =>
        `收到第 3 个重复确认时甲立即快重传缺失的报文段：序号 ${a}～${a + mss - 1}，只重传这一个（其余已被乙缓存）。`,
      en: (a: number, mss: number) =>
        `On the third duplicate ACK, A fast-retransmits the missing segment at once: bytes ${a}–${a + mss - 1}, only that one (B holds the rest).`,
    },
    timeout: {
      zh: (a: number, c: number, h: number) =>
        `没有报文段到达乙，也就没有重复确认；甲只能等重传计时器超时，然后从序号 ${a} 重传：ssthresh = ${c} / 2 = ${h}，cwnd = 1。`,
      en: (a: number, c: number, h: number) =>
        `Nothing reaches B, so there are no duplicate ACKs; A must wait for its retransmission timer, then resend from seq = ${a}: ssthresh = ${c} / 2 = ${h}, cwnd = 1.`,
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
    second: {
      reno: {
        zh: (a: number, b: number) =>
          `再下一轮次为拥塞避免：cwnd = ${a} + 1 = ${b}，发送 ${b} 个报文段。`,
        en: (a: number, b: number) =>
          `The round after that is congestion avoidance: cwnd = ${a} + 1 = ${b}, so ${b} segments.`,
      },
      tahoe: {
        zh: (a: number, b: number) =>
          `再下一轮次仍是慢开始：cwnd 由 ${a} 加倍为 ${b}，发送 ${b} 个报文段。`,
        en: (a: number, b: number) =>
          `The round after that is still slow start: cwnd doubles from ${a} to ${b}, so ${b} segments.`,
      },
    },
    key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  },
};

/**
 * `variant` by difficulty: `ack` (d1, a number), `action` (d2, a choice), `next` (d3, a
 * number). `structure`: d1 `dupack-number` or `dupack-count`; d2 `after-dupacks` (Reno or
 * Tahoe) or `after-timeout` (the whole window lost); d3 `next-round` or `second-round`.
 */
type Variant = 'ack' | 'action' | 'next';
type Structure =
  | 'dupack-number'
  | 'dupack-count'
  | 'after-dupacks'
  | 'after-timeout'
  | 'next-round'
  | 'second-round';

/** What the model's rounds after a loss show: the resent segment and the windows. */
function reaction(trace: Trace | null, round: number) {
  const rows = trace?.rounds;
  const lossRow = rows?.[round - 1];
  const next = rows?.[round];
  const second = rows?.[round + 1];
  const resent = next?.sent[0];
  if (
    lossRow === undefined ||
    next === undefined ||
    second === undefined ||
    resent === undefined ||
    lossRow.event === null
  )
    throw new RangeError(`round ${round} has no loss to react to`);
  const mss = resent[1] - resent[0] + 1;
  return {
    event: lossRow.event,
    seq: resent[0],
    mss,
    window: lossRow.swnd / mss,
    cwnd: next.cwnd / mss,
    ssthresh: next.ssthresh / mss,
    segments: next.swnd / mss,
    secondSegments: second.swnd / mss,
  };
}

/** d2's options: when and what is resent, and the window after it. */
function actionText(
  locale: Locale,
  when: 'dupacks' | 'timer' | 'early',
  what: 'one' | 'all',
  a: number,
  k: number,
  ss: number,
  cwnd: number,
): string {
  const A = TEXT.action;
  const resend =
    when === 'timer'
      ? A.timer[locale](a)
      : when === 'early'
        ? A.early[locale](a)
        : what === 'all'
          ? A.window[locale](a, k)
          : A.fast[locale](a);
  return `${resend}${A.then[locale](ss, cwnd)}`;
}

function keyText(trace: Trace | null, round: number, locale: Locale): string {
  const r = reaction(trace, round);
  return actionText(
    locale,
    r.event === 'timeout' ? 'timer' : 'dupacks',
    'one',
    r.seq,
    r.window,
    r.ssthresh,
    r.cwnd,
  );
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const variant: Variant = ctx.difficulty === 1 ? 'ack' : ctx.difficulty === 2 ? 'action' : 'next';
  const structure: Structure =
    variant === 'ack'
      ? pick(rng, ['dupack-number', 'dupack-count'] as const)
      : variant === 'action'
        ? pick(rng, ['after-dupacks', 'after-dupacks', 'after-timeout'] as const)
        : pick(rng, ['next-round', 'second-round'] as const);
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
  const p: RoundPlan = { ...base, timeout, dupacks, ask: dupacks + 2 };
  const spec = planSpec(p, rng.uint32());
  const trace = runSim(spec);
  const lossRound = structure === 'after-timeout' ? timeout : dupacks;
  const n = reaction(trace, lossRound);
  const k = n.window;
  const cwnd = trace.rounds![lossRound - 1]!.cwnd / mss;
  const half = Math.max(Math.floor(cwnd / 2), 2);
  const algo = ALGO_NAME[algorithm][locale];
  const S = TEXT.step;
  const sep = locale === 'en' ? ' ' : '';
  const setup = `${TEXT.setup[locale](mss, k, n.seq, algo)}${
    structure === 'after-timeout' ? TEXT.lostAll[locale](k) : TEXT.lostFirst[locale](k)
  }${sep}`;
  const source = sourceOf(spec, { variant, structure, round: lossRound });
  const explain = (key: string, extra: string[]) => steps([...extra, S.key[locale](key)]);
  const dupLines = [S.dup[locale](n.seq, k), S.fast[locale](n.seq, mss)];
  const reno = algorithm === 'reno' ? MODEL.reno[locale] : '';

  if (variant === 'action') {
    const key = keyText(trace, lossRound, locale);
    const X = (when: 'dupacks' | 'timer' | 'early', what: 'one' | 'all', ss: number, c: number) =>
      actionText(locale, when, what, n.seq, k, ss, c);
    // Each wrong option changes one thing, as one misconception would.
    const candidates: Distractor[] =
      structure === 'after-timeout'
        ? [
            { text: X('timer', 'one', half, half), misconception: 'timeout-halves-cwnd' },
            { text: X('dupacks', 'one', half, 1), misconception: 'dupacks-without-arrivals' },
            { text: X('dupacks', 'one', half, half), misconception: 'dupacks-without-arrivals' },
          ]
        : [
            {
              text: X('timer', 'one', n.ssthresh, n.cwnd),
              misconception: 'fast-retransmit-waits-for-timeout',
            },
            {
              text: X('dupacks', 'all', n.ssthresh, n.cwnd),
              misconception: 'retransmits-whole-window',
            },
            {
              text: X('early', 'one', n.ssthresh, n.cwnd),
              misconception: 'dupack-count-includes-original',
            },
            algorithm === 'reno'
              ? { text: X('dupacks', 'one', half, 1), misconception: 'reno-resets-to-one' }
              : { text: X('dupacks', 'one', half, half), misconception: 'tahoe-halves' },
          ];
    const choice = buildChoice(rng, key, shuffle(rng, candidates));
    const lines =
      structure === 'after-timeout'
        ? [S.timeout[locale](n.seq, cwnd, half)]
        : [...dupLines, S.next[algorithm][locale](cwnd, half)];
    return {
      kind: 'choice',
      topics: ['congestion', 'retransmission'],
      lesson: 'congestion-control',
      stem: `${setup}${TEXT.cwndNow[locale](cwnd, reno)}${TEXT.askWhat[locale]}`,
      trace: null,
      options: choice.options,
      answer: choice.answer,
      explanation: explain(choice.correctText, lines),
      misconceptions: choice.misconceptions,
      source,
    };
  }
  const key =
    structure === 'dupack-number'
      ? n.seq
      : structure === 'dupack-count'
        ? k - 1
        : structure === 'next-round'
          ? n.segments
          : n.secondSegments;
  const misconceptions: Record<string, MisconceptionId> = {};
  const wrong = (v: number, m: MisconceptionId) => {
    if (v !== key && v > 0 && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  let ask: string;
  const lines: string[] = [];
  switch (structure) {
    case 'dupack-number':
      wrong(n.seq + mss, 'ack-skips-hole');
      wrong(n.seq + k * mss, 'ack-skips-hole');
      wrong(n.seq + mss - 1, 'off-by-payload');
      ask = TEXT.askAck[locale];
      lines.push(...dupLines);
      break;
    case 'dupack-count':
      wrong(k, 'dupack-count-includes-original');
      wrong(3, 'dupacks-stop-at-three');
      ask = TEXT.askCount[locale];
      lines.push(S.dup[locale](n.seq, k), S.count[locale](k));
      break;
    case 'next-round':
      // The other algorithm's reaction, or every segment of the window resent.
      wrong(
        algorithm === 'reno' ? 1 : half,
        algorithm === 'reno' ? 'reno-resets-to-one' : 'tahoe-halves',
      );
      wrong(k, 'retransmits-whole-window');
      ask = TEXT.askNext[locale](cwnd, reno);
      lines.push(...dupLines, S.next[algorithm][locale](cwnd, half));
      break;
    case 'second-round':
      // Reno: half, then + 1; Tahoe: 1, then 2 (slow start). The other algorithm's numbers,
      // and the first round after the ACKs taken for the second.
      wrong(
        algorithm === 'reno' ? 2 : half + 1,
        algorithm === 'reno' ? 'reno-resets-to-one' : 'tahoe-halves',
      );
      wrong(n.segments, 'counts-event-round-as-after');
      ask = TEXT.askSecond[locale](cwnd, reno);
      lines.push(
        ...dupLines,
        S.next[algorithm][locale](cwnd, half),
        S.second[algorithm][locale](n.segments, n.secondSegments),
      );
      break;
    default:
      throw new RangeError(`not a numeric structure: ${structure}`);
  }
  return {
    kind: 'numeric',
    topics: ['congestion', 'retransmission'],
    lesson: 'congestion-control',
    stem: `${setup}${ask}`,
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: explain(String(key), lines),
    misconceptions,
    source,
  };
}

function solve(trace: Trace | null, question: Question): Answer {
  const structure = question.source.focus.structure as Structure;
  const n = reaction(trace, Number(question.source.focus.round));
  if (question.kind === 'choice') {
    const text = keyText(trace, Number(question.source.focus.round), question.locale as Locale);
    const option = question.options.find((o) => o.text === text);
    if (option === undefined) throw new RangeError(`no option reads "${text}"`);
    return { option: option.id };
  }
  const value =
    structure === 'dupack-number'
      ? n.seq
      : structure === 'dupack-count'
        ? n.window - 1
        : structure === 'next-round'
          ? n.segments
          : n.secondSegments;
  return { value, tolerance: 0 };
}

export const fastRetransmit: TemplateDef = {
  id: 'fast-retransmit',
  topics: ['congestion', 'retransmission'],
  kinds: ['numeric', 'choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
