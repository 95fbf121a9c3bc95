// Family "spot-the-error": a simulated trace with exactly one segment altered the way a named
// misconception would write it; which segment is wrong? An alteration is used only when it
// breaks a rule checkable from the segments before it (segment-rules.ts `violation`), so it
// differs from every genuine segment and from retransmissions, keepalives and window probes.

import { seqAdd, type Trace, type TraceSegment } from '@/lib/engine';
import { buildChoice, pick, runSim, shuffle, sourceOf, type Distractor } from '../build';
import { steps } from '../explain';
import { describeSegment, endpointName, endpointTitle } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody, ShownTrace } from '../schema';
import {
  hasFin,
  hasSyn,
  lastUnitEndingAt,
  looks,
  violation,
  type SegmentView,
  type Violation,
} from '../segment-rules';
import type { Difficulty, GenContext, Locale, TemplateDef, Topic } from '../types';

const TEXT = {
  stem: {
    en: (x: number, y: number) =>
      `Exactly one segment in the trace below was altered; every other segment is as a correct TCP sent it. Which one was altered? (Numbers are absolute: the client's ISN is ${x}, the server's ISN is ${y}.)`,
    zh: (x: number, y: number) =>
      `下图的时序中恰好有一个报文段被改动过，其余报文段都与正确的 TCP 实现发出的一致。被改动的是哪一个？（序号均为绝对序号：客户端的初始序号为 ${x}，服务器的初始序号为 ${y}。）`,
  },
  option: {
    en: (n: number, d: string) => `#${n}: ${d}`,
    zh: (n: number, d: string) => `第 ${n} 个：${d}`,
  },
  wrong: {
    en: (n: number, d: string) => `Segment #${n} as shown: ${d}.`,
    zh: (n: number, d: string) => `图中的第 ${n} 个报文段：${d}。`,
  },
  right: {
    en: (d: string) => `A correct TCP sends: ${d}.`,
    zh: (d: string) => `正确的 TCP 应发送：${d}。`,
  },
  rule: {
    'ack-before-own-syn': {
      en: (ep: string) =>
        `${endpointTitle(ep, 'en')} has not sent a SYN of its own, so it has no sequence numbers to acknowledge from: its answer to a SYN must be a SYN+ACK, not a bare ACK.`,
      zh: (ep: string) =>
        `${endpointName(ep, 'zh')}此前没有发送过自己的 SYN，还没有同步的序号：它对 SYN 的应答必须是 SYN+ACK，而不能只是 ACK。`,
    },
    'ack-below-syn': {
      en: (isn: number, ack: number) =>
        `Its ack ${ack} does not go past the peer's ISN ${isn}: once the SYN has arrived, every ack is at least ISN + 1 = ${seqAdd(isn, 1)}.`,
      zh: (isn: number, ack: number) =>
        `它的确认号 ${ack} 没有超过对方的初始序号 ${isn}：收到 SYN 之后，确认号至少是 ISN + 1 = ${seqAdd(isn, 1)}。`,
    },
    'ack-went-back': {
      en: (ep: string, earlier: number, n: number, ack: number) =>
        `${endpointTitle(ep, 'en')} already acknowledged ${earlier} in segment #${n}; an acknowledgement number never goes back, so ${ack} cannot follow it.`,
      zh: (ep: string, earlier: number, n: number, ack: number) =>
        `${endpointName(ep, 'zh')}在第 ${n} 个报文段中已经确认到 ${earlier}；确认号只增不减，之后不可能再发送 ${ack}。`,
    },
    'ack-beyond-sent': {
      en: (sent: number, ack: number) =>
        `Its ack ${ack} acknowledges sequence numbers the peer has not sent: the peer's segments so far end at ${sent}.`,
      zh: (sent: number, ack: number) =>
        `它的确认号 ${ack} 确认了对方尚未发送的序号：对方到此为止的报文段止于 ${sent}。`,
    },
    'seq-not-next': {
      en: (ep: string, next: number, seq: number) =>
        `${endpointTitle(ep, 'en')}'s earlier segments end at ${next}, so its next seq must be ${next}; ${seq} is neither that nor a retransmission, a keepalive or a window probe.`,
      zh: (ep: string, next: number, seq: number) =>
        `${endpointName(ep, 'zh')}此前的报文段止于 ${next}，所以下一个序号必须是 ${next}；${seq} 既不是它，也不是重传、保活探测或窗口探测。`,
    },
  },
  why: {
    'synack-without-syn': {
      en: 'The misconception behind it: answering a SYN with an ACK alone, as if the handshake needed no SYN from the server.',
      zh: '背后的误解：只用 ACK 应答 SYN，好像服务器不需要发送自己的 SYN。',
    },
    'ack-excludes-syn': {
      en: 'The misconception behind it: the SYN consumes no sequence number. It consumes one, so the ack is ISN + 1.',
      zh: '背后的误解：SYN 不消耗序号。实际上 SYN 消耗一个序号，确认号是 ISN + 1。',
    },
    'seq-excludes-syn': {
      en: 'The misconception behind it: the SYN consumes no sequence number. It consumes one, so the sender continues at ISN + 1.',
      zh: '背后的误解：SYN 不消耗序号。实际上 SYN 消耗一个序号，发送方从 ISN + 1 继续编号。',
    },
    'ack-excludes-fin': {
      en: 'The misconception behind it: the FIN consumes no sequence number. It consumes one, so the ACK of a FIN is its seq + 1.',
      zh: '背后的误解：FIN 不消耗序号。实际上 FIN 消耗一个序号，对 FIN 的确认号是它的序号加 1。',
    },
    'seq-excludes-fin': {
      en: 'The misconception behind it: the FIN consumes no sequence number. It consumes one, so the sender continues at the FIN’s seq + 1.',
      zh: '背后的误解：FIN 不消耗序号。实际上 FIN 消耗一个序号，发送方从 FIN 的序号加 1 继续编号。',
    },
    'ack-equals-seq': {
      en: 'The misconception behind it: the ack is the seq of the data received. It is the next byte expected, seq + len.',
      zh: '背后的误解：确认号等于所收数据的序号。实际上确认号是期望的下一个字节，即 seq + len。',
    },
    'seq-ignores-payload': {
      en: 'The misconception behind it: seq does not advance by the data sent. It advances by the payload length.',
      zh: '背后的误解：序号不随发送的数据递增。实际上序号按数据长度递增。',
    },
  },
  key: {
    en: (a: string) => `The altered segment is ${a}.`,
    zh: (a: string) => `被改动的是${a}。`,
  },
};

type Mutation = keyof typeof TEXT.why;
const MUTATIONS = Object.keys(TEXT.why) as Mutation[];

function asMutation(v: unknown): Mutation {
  const m = MUTATIONS.find((x) => x === v);
  if (m === undefined) throw new TypeError(`unknown spot-the-error alteration ${String(v)}`);
  return m;
}

interface Plan {
  index: number;
  mutation: Mutation;
}

/** What each alteration is about: the difficulty, the topics and the lesson. */
const DOMAIN: Record<Mutation, 'syn' | 'fin' | 'data'> = {
  'synack-without-syn': 'syn',
  'ack-excludes-syn': 'syn',
  'seq-excludes-syn': 'syn',
  'ack-excludes-fin': 'fin',
  'seq-excludes-fin': 'fin',
  'ack-equals-seq': 'data',
  'seq-ignores-payload': 'data',
};

/** d1: the handshake segments; d2: SYN and FIN arithmetic after it; d3: data arithmetic. */
function levelOf(plan: Plan): Difficulty {
  const d = DOMAIN[plan.mutation];
  if (d === 'data') return 3;
  return d === 'syn' && plan.index <= 2 ? 1 : 2;
}

/** Segment `i` rewritten by `mutation`, or null when the misconception does not apply to it. */
function mutate(segs: readonly TraceSegment[], i: number, mutation: Mutation): TraceSegment | null {
  const seg = segs[i];
  if (seg === undefined) return null;
  const before = segs.slice(0, i);
  const acked = seg.abs_ack === null ? undefined : lastUnitEndingAt(before, seg.to, seg.abs_ack);
  const own = lastUnitEndingAt(before, seg.from, seg.abs_seq);
  const ack = (d: number): TraceSegment => ({
    ...seg,
    ack: seg.ack === null ? null : seg.ack - d,
    abs_ack: seqAdd(seg.abs_ack ?? 0, -d),
  });
  const seq = (d: number): TraceSegment => ({
    ...seg,
    seq: seg.seq === null ? null : seg.seq - d,
    abs_seq: seqAdd(seg.abs_seq, -d),
  });
  switch (mutation) {
    case 'synack-without-syn':
      return seg.flags === 'S.' ? { ...seg, flags: '.' } : null;
    case 'ack-excludes-syn':
      return acked !== undefined && hasSyn(acked) ? ack(1) : null;
    case 'seq-excludes-syn':
      return own !== undefined && hasSyn(own) ? seq(1) : null;
    case 'ack-excludes-fin':
      return acked !== undefined && hasFin(acked) ? ack(1) : null;
    case 'seq-excludes-fin':
      return own !== undefined && hasFin(own) ? seq(1) : null;
    case 'ack-equals-seq':
      return acked !== undefined && acked.len > 0 && !hasFin(acked) ? ack(acked.len) : null;
    case 'seq-ignores-payload':
      return own !== undefined && own.len > 0 && !hasFin(own) ? seq(own.len) : null;
  }
}

/** The shown segments: the trace with segment `i` replaced. */
function alteredSegments(trace: Trace, plan: Plan): TraceSegment[] | null {
  const m = mutate(trace.segments, plan.index, plan.mutation);
  if (m === null) return null;
  return trace.segments.map((s, i) => (i === plan.index ? m : s));
}

/**
 * The plans a learner can solve: the altered segment looks like no genuine segment and breaks
 * a rule checkable from the segments before it. Those are genuine, and genuine segments break
 * none, so it is the first segment that breaks one; a later segment that only disagrees with
 * the altered one cannot be the answer, since the altered one would still break its rule.
 */
function plans(trace: Trace): Plan[] {
  const out: Plan[] = [];
  trace.segments.forEach((seg, index) => {
    if (seg.dropped) return;
    for (const mutation of MUTATIONS) {
      const shown = alteredSegments(trace, { index, mutation });
      if (shown === null) continue;
      const m = shown[index]!;
      if (trace.segments.some((g) => looks(g) === looks(m))) continue;
      if (violation(shown.slice(0, index), m) !== null) out.push({ index, mutation });
    }
  });
  return out;
}

/**
 * The named misconceptions under which a genuine segment looks wrong: its ack or seq follows
 * a SYN, a FIN or data, and someone who believes that unit consumes nothing (or that an ack
 * repeats the seq) expects a different number. Ack first: it is what the learner checks.
 */
export function flaggers(segs: readonly SegmentView[], i: number): MisconceptionId[] {
  const g = segs[i]!;
  const before = segs.slice(0, i);
  const out: MisconceptionId[] = [];
  const acked = g.abs_ack === null ? undefined : lastUnitEndingAt(before, g.to, g.abs_ack);
  if (acked !== undefined) {
    if (hasSyn(acked)) out.push('syn-consumes-no-sequence-number');
    else if (hasFin(acked)) out.push('fin-consumes-no-sequence-number');
    else out.push('ack-equals-seq');
  }
  const own = lastUnitEndingAt(before, g.from, g.abs_seq);
  if (own !== undefined) {
    if (hasSyn(own)) out.push('syn-consumes-no-sequence-number');
    else if (hasFin(own)) out.push('fin-consumes-no-sequence-number');
    else out.push('off-by-payload');
  }
  return [...new Set(out)];
}

function optionText(n: number, seg: TraceSegment, locale: Locale): string {
  return TEXT.option[locale](n, describeSegment(seg, locale));
}

function ruleText(v: Violation, m: TraceSegment, locale: Locale): string {
  const r = TEXT.rule;
  switch (v.rule) {
    case 'ack-before-own-syn':
      return r[v.rule][locale](m.from);
    case 'ack-below-syn':
      return r[v.rule][locale](v.isn, m.abs_ack ?? 0);
    case 'ack-went-back':
      return r[v.rule][locale](m.from, v.earlier, v.index + 1, m.abs_ack ?? 0);
    case 'ack-beyond-sent':
      return r[v.rule][locale](v.sent, m.abs_ack ?? 0);
    case 'seq-not-next':
      return r[v.rule][locale](m.from, v.next, m.abs_seq);
  }
}

/** What the question is about: the handshake's flags or numbers, a FIN's numbers, or data's. */
function topicsOf(plan: Plan): Topic[] {
  if (plan.mutation === 'synack-without-syn') return ['handshake', 'header'];
  const d = DOMAIN[plan.mutation];
  if (d === 'fin') return ['close', 'sequence-numbers'];
  return levelOf(plan) === 1 ? ['handshake', 'sequence-numbers'] : ['sequence-numbers'];
}

function lessonOf(plan: Plan): string {
  const d = DOMAIN[plan.mutation];
  if (d === 'fin') return 'four-way-close';
  return levelOf(plan) === 1 ? 'three-way-handshake' : 'tcp-header-and-sequence-numbers';
}

function isns(trace: Trace): [number, number] {
  const x = trace.segments.find((s) => s.from === 'client' && hasSyn(s));
  const y = trace.segments.find((s) => s.from === 'server' && hasSyn(s));
  if (x === undefined || y === undefined) throw new RangeError('spot-the-error needs a handshake');
  return [x.abs_seq, y.abs_seq];
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec = {
    scenario: pick(rng, ['handshake-data-close', 'server-active-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const plan = pick(
    rng,
    plans(trace).filter((p) => levelOf(p) === ctx.difficulty),
  );
  const shownSegments = alteredSegments(trace, plan)!;
  const altered = shownSegments[plan.index]!;
  const broken = violation(shownSegments.slice(0, plan.index), altered)!;
  const shown: ShownTrace = { ...trace, segments: shownSegments, timers: [] };
  const others = shuffle(
    rng,
    trace.segments.map((_, i) => i).filter((i) => i !== plan.index && !trace.segments[i]!.dropped),
  ).slice(0, 3);
  const distractors: Distractor[] = others.map((i) => ({
    text: optionText(i + 1, trace.segments[i]!, locale),
    misconception: flaggers(trace.segments, i)[0] ?? 'wrong-segment-looks-odd',
  }));
  const correct = optionText(plan.index + 1, altered, locale);
  const choice = buildChoice(rng, correct, distractors);
  const [x, y] = isns(trace);
  return {
    kind: 'choice',
    topics: topicsOf(plan),
    lesson: lessonOf(plan),
    stem: TEXT.stem[locale](x, y),
    trace: shown,
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      TEXT.wrong[locale](plan.index + 1, describeSegment(altered, locale)),
      ruleText(broken, altered, locale),
      TEXT.why[plan.mutation][locale],
      TEXT.right[locale](describeSegment(trace.segments[plan.index]!, locale)),
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { segment: plan.index, mutation: plan.mutation }),
  };
}

function planOf(q: Question): Plan {
  return {
    index: Number(q.source.focus['segment']),
    mutation: asMutation(q.source.focus['mutation']),
  };
}

/**
 * A re-simulation shows the same question when the same alteration of it gives the segments
 * shown: every genuine segment alike, and the altered one alike.
 */
function sameView(q: Question, other: Trace): boolean {
  if (q.trace === null) return false;
  const shown = alteredSegments(other, planOf(q));
  return (
    shown !== null &&
    shown.length === q.trace.segments.length &&
    shown.every((s, i) => looks(s) === looks(q.trace!.segments[i]!))
  );
}

/** The key: the one shown segment that differs from the simulation and breaks a rule. */
function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'choice' || q.trace === null)
    throw new TypeError('spot-the-error needs a trace');
  const shown = q.trace.segments;
  const differ = shown
    .map((s, i) => i)
    .filter(
      (i) => trace.segments[i] === undefined || looks(shown[i]!) !== looks(trace.segments[i]!),
    );
  if (differ.length !== 1) throw new RangeError(`spot-the-error: ${differ.length} segments differ`);
  const i = differ[0]!;
  if (violation(shown.slice(0, i), shown[i]!) === null)
    throw new RangeError(`spot-the-error: segment #${i + 1} breaks no rule`);
  const prefix = numberPrefix(q.locale, i + 1);
  const option = q.options.find((o) => o.text.startsWith(prefix));
  if (option === undefined) throw new RangeError(`spot-the-error: no option for #${i + 1}`);
  return { option: option.id };
}

function numberPrefix(l: Locale, n: number): string {
  return l === 'zh' ? `第 ${n} 个：` : `#${n}: `;
}

export const spotTheError: TemplateDef = {
  id: 'spot-the-error',
  topics: ['handshake', 'header', 'sequence-numbers', 'close'],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  sameView,
};
