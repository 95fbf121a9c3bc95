// Family "next-segment": flags, seq and ack of the next segment an endpoint sends (three
// fields, partial credit), read from the simulated trace.
//
// A question is asked only when what is shown decides the answer: the diagram shows every
// segment of the sender so far and exactly the peer's segments that have reached it by then
// (later ones still in flight are left out, with the peer's states and events from then on),
// and the stem states the ISNs and what makes the sender send: a reply to what arrived, with
// its application idle, or the application calling send() (with the byte count) or close().

import { seqAdd, type Trace, type TraceSegment } from '@/lib/engine';
import { pick, prefixTrace, runSim, sourceOf } from '../build';
import { steps, sumText } from '../explain';
import { describeSegment, endpointName, endpointTitle, flagWords } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, FieldsAnswer, Question, QuestionBody, ShownTrace } from '../schema';
import { arrivalOf, hasFin, hasSyn, lastUnitEndingAt, looks, nextSeqOf } from '../segment-rules';
import type { Difficulty, GenContext, Locale, TemplateDef, Topic } from '../types';

const TEXT = {
  intro: {
    en: (n: number, x: number, y: number) =>
      `The diagram shows the first ${n} segments of a connection (absolute numbers: the client's ISN is ${x}, the server's ISN is ${y}).`,
    zh: (n: number, x: number, y: number) =>
      `下图给出了一个连接的前 ${n} 个报文段（使用绝对序号：客户端的初始序号为 ${x}，服务器的初始序号为 ${y}）。`,
  },
  reply: {
    en: (ep: string, peer: string, last: number) =>
      `All of ${peer}'s segments shown have reached ${ep}; the last to arrive is #${last}. Nothing else reaches ${ep}, and its application calls neither send() nor close(), before ${ep} sends its next segment. Give the flags, seq and ack of that segment`,
    zh: (ep: string, peer: string, last: number) =>
      `图中${peer}发出的报文段都已到达${ep}，最后到达的是第 ${last} 个。在${ep}发送下一个报文段之前，没有其他报文段到达，${ep}的应用程序也没有调用 send() 或 close()。请写出${ep}发送的下一个报文段的标志位、序号和确认号`,
  },
  send: {
    en: (ep: string, peer: string, bytes: number) =>
      `All of ${peer}'s segments shown have reached ${ep}, and nothing else reaches it before its application calls send() with ${bytes} bytes. Give the flags, seq and ack of the segment that carries them`,
    zh: (ep: string, peer: string, bytes: number) =>
      `图中${peer}发出的报文段都已到达${ep}，此后没有其他报文段到达；接着${ep}的应用程序调用 send() 发送 ${bytes} 字节。请写出携带这些数据的报文段的标志位、序号和确认号`,
  },
  close: {
    en: (ep: string, peer: string) =>
      `All of ${peer}'s segments shown have reached ${ep}, and nothing else reaches it before its application calls close(). Give the flags, seq and ack of the segment ${ep} sends then`,
    zh: (ep: string, peer: string) =>
      `图中${peer}发出的报文段都已到达${ep}，此后没有其他报文段到达；接着${ep}的应用程序调用 close()。请写出${ep}此时发送的报文段的标志位、序号和确认号`,
  },
  tail: {
    en: ' (leave ack empty if the ACK flag is off).',
    zh: '（若 ACK 标志未置位，确认号留空）。',
  },
  labels: {
    en: ['Flags (e.g. S., F., SYN+ACK)', 'seq', 'ack'],
    zh: ['标志位（如 S.、F.、SYN+ACK）', '序号 seq', '确认号 ack'],
  },
  last: {
    en: (ep: string, d: string) => `The last segment ${ep} received: ${d}.`,
    zh: (ep: string, d: string) => `${ep}最近收到的报文段：${d}。`,
  },
  flags: {
    synack: {
      en: 'Flags: SYN+ACK: the answer to a SYN carries the server’s own SYN and acknowledges the client’s.',
      zh: '标志位：SYN+ACK：对 SYN 的应答既携带服务器自己的 SYN，也确认客户端的 SYN。',
    },
    reply: {
      en: 'Flags: ACK: nothing to send but an acknowledgement of what arrived.',
      zh: '标志位：ACK：没有要发送的数据或 FIN，只确认收到的内容。',
    },
    send: {
      en: (f: string) => `Flags: ${f}: data, with ACK on as on every segment after the SYN.`,
      zh: (f: string) => `标志位：${f}：携带数据；SYN 之后的每个报文段都置 ACK。`,
    },
    close: {
      en: (f: string) => `Flags: ${f}: close() sends a FIN, with ACK on.`,
      zh: (f: string) => `标志位：${f}：close() 发送 FIN，同时置 ACK。`,
    },
  },
  seqIsn: {
    en: (n: number) => `seq = ${n}: its first segment carries its ISN.`,
    zh: (n: number) => `seq = ${n}：本端的第一个报文段携带初始序号 ISN。`,
  },
  seqCtl: {
    en: (sum: string, f: string) => `seq = ${sum}: its ${f} consumed one sequence number.`,
    zh: (sum: string, f: string) => `seq = ${sum}：本端发出的 ${f} 消耗了一个序号。`,
  },
  seqData: {
    en: (sum: string) => `seq = ${sum}: it already sent those bytes.`,
    zh: (sum: string) => `seq = ${sum}：这些字节本端已经发送过。`,
  },
  ackSyn: {
    en: (s: number) => `ack = ${sumText(s, 1)}: the SYN consumes one sequence number.`,
    zh: (s: number) => `ack = ${sumText(s, 1)}：SYN 消耗一个序号。`,
  },
  ackFin: {
    en: (s: number) => `ack = ${sumText(s, 1)}: the FIN consumes one sequence number.`,
    zh: (s: number) => `ack = ${sumText(s, 1)}：FIN 消耗一个序号。`,
  },
  ackData: {
    en: (s: number, l: number) => `ack = ${sumText(s, l)}: the next byte expected after the data.`,
    zh: (s: number, l: number) => `ack = ${sumText(s, l)}：数据之后期望的下一个字节。`,
  },
  key: {
    en: (ep: string, d: string) => `${ep} sends ${d}.`,
    zh: (ep: string, d: string) => `${ep}发送：${d}。`,
  },
};

type Trigger = 'reply' | 'send' | 'close';
const TRIGGERS: readonly Trigger[] = ['reply', 'send', 'close'];

/** A question about segment `index`: what is shown and what the stem says makes it sent. */
interface Plan {
  index: number;
  /** Segments shown (a prefix of the trace). */
  shown: number;
  trigger: Trigger;
  /** Bytes the application sends (trigger 'send'), else 0. */
  bytes: number;
  /** Index of the last of the peer's segments to reach the sender before it sends. */
  last: number;
}

const EPS = 1e-9;
const APP_CALLS = new Set(['send', 'close', 'shutdown', 'connect']);

/**
 * The plan that asks about segment `j`, or null when what could be shown would not decide it:
 * the prefix must hold every earlier segment of its sender and exactly the peer's segments
 * that reached the sender before `j` left; what the sender does must be a reply (application
 * idle), a send() of exactly that segment's bytes, or a close() that sends a FIN; and the
 * segment's numbers must be the ones those segments give (seq = SND.NXT, ack = RCV.NXT).
 */
function planFor(trace: Trace, j: number): Plan | null {
  const segs = trace.segments;
  const seg = segs[j];
  if (seg === undefined || j === 0 || seg.dropped || seg.why !== undefined) return null;
  const from = seg.from;
  let shown = 0;
  let last = -1;
  for (let i = 0; i < j; i++) {
    const s = segs[i]!;
    if (s.from === from) shown = i + 1;
    else {
      const at = arrivalOf(trace, s);
      if (s.to !== from || at === null) return null;
      if (at <= seg.t + EPS) {
        shown = i + 1;
        last = i;
      }
    }
  }
  if (last < 0) return null;
  // A peer segment inside the prefix must have arrived (not only been overtaken by the prefix).
  for (let i = 0; i < shown; i++) {
    const s = segs[i]!;
    if (s.from !== from && arrivalOf(trace, s)! > seg.t + EPS) return null;
  }
  const before = segs.slice(0, shown);
  const call = trace.events.find(
    (e) => e.endpoint === from && Math.abs(e.t - seg.t) < EPS && APP_CALLS.has(e.event),
  );
  let trigger: Trigger;
  let bytes = 0;
  if (call?.event === 'send' && seg.len > 0 && call.bytes === seg.len && !hasFin(seg)) {
    trigger = 'send';
    bytes = seg.len;
  } else if (call?.event === 'close' && hasFin(seg) && seg.len === 0) trigger = 'close';
  else if (call === undefined && (seg.flags === '.' || seg.flags === 'S.')) {
    trigger = 'reply';
    // Idle application: no call since the sender's last segment, and something new arrived.
    const ownLast = before.filter((s) => s.from === from).at(-1);
    const since = ownLast?.t ?? -1;
    const busy = trace.events.some(
      (e) => e.endpoint === from && APP_CALLS.has(e.event) && e.t > since - EPS && e.t <= seg.t,
    );
    if (busy || (ownLast !== undefined && arrivalOf(trace, segs[last]!)! <= ownLast.t + EPS))
      return null;
  } else return null;
  // The numbers must follow from what is shown.
  const sndNxt = nextSeqOf(before, from);
  if (sndNxt !== null && seg.abs_seq !== sndNxt) return null;
  if (sndNxt === null && !hasSyn(seg)) return null;
  const rcvNxt = nextSeqOf(before, seg.to);
  if (seg.abs_ack !== rcvNxt) return null;
  return { index: j, shown, trigger, bytes, last };
}

type Asked =
  'synack' | 'handshake-ack' | 'data' | 'data-ack' | 'active-fin' | 'passive-fin' | 'fin-ack';

/** What the asked segment is: it sets the difficulty, topics and lesson. */
function kindOf(trace: Trace, plan: Plan): Asked {
  const seg = trace.segments[plan.index]!;
  const before = trace.segments.slice(0, plan.shown);
  if (hasSyn(seg)) return 'synack';
  if (hasFin(seg))
    return before.some((s) => s.from === seg.to && hasFin(s)) ? 'passive-fin' : 'active-fin';
  if (seg.len > 0) return 'data';
  const acked = lastUnitEndingAt(before, seg.to, seg.abs_ack ?? 0);
  if (acked !== undefined && hasFin(acked)) return 'fin-ack';
  if (acked !== undefined && hasSyn(acked)) return 'handshake-ack';
  return 'data-ack';
}

const LEVEL: Record<Asked, Difficulty> = {
  synack: 1,
  'handshake-ack': 1,
  data: 2,
  'data-ack': 2,
  'active-fin': 2,
  'passive-fin': 3,
  'fin-ack': 3,
};

function topicsOf(kind: Asked): Topic[] {
  if (LEVEL[kind] === 1) return ['handshake', 'sequence-numbers', 'header'];
  if (kind === 'data' || kind === 'data-ack') return ['sequence-numbers', 'header'];
  return ['close', 'sequence-numbers', 'header'];
}

function lessonOf(kind: Asked): string {
  if (LEVEL[kind] === 1) return 'three-way-handshake';
  if (kind === 'data' || kind === 'data-ack') return 'tcp-header-and-sequence-numbers';
  return 'four-way-close';
}

function isns(trace: Trace): [number, number] {
  const x = trace.segments.find((s) => s.from === 'client' && hasSyn(s));
  const y = trace.segments.find((s) => s.from === 'server' && hasSyn(s));
  if (x === undefined || y === undefined) throw new RangeError('next-segment needs a handshake');
  return [x.abs_seq, y.abs_seq];
}

/**
 * The shown prefix: the sender's states and events up to the moment it sends, the peer's only
 * up to its first segment left out (a FIN in flight must not show as a close() event).
 */
function shownTrace(trace: Trace, plan: Plan): ShownTrace {
  const seg = trace.segments[plan.index]!;
  const hidden = trace.segments.slice(plan.shown, plan.index).find((s) => s.from !== seg.from);
  const peerUntil = hidden?.t ?? seg.t;
  const prefix = prefixTrace(trace, plan.shown, seg.t);
  const keep = (who: string, t: number) => (who === seg.from ? t < seg.t : t < peerUntil);
  return {
    ...prefix,
    states: prefix.states.filter((s) => keep(s.endpoint, s.t)),
    events: prefix.events.filter((e) => keep(e.endpoint, e.t)),
  };
}

function stemOf(trace: Trace, plan: Plan, locale: Locale): string {
  const seg = trace.segments[plan.index]!;
  const ep = endpointName(seg.from, locale);
  const peer = endpointName(seg.to, locale);
  const [x, y] = isns(trace);
  const ask =
    plan.trigger === 'reply'
      ? TEXT.reply[locale](ep, peer, plan.last + 1)
      : plan.trigger === 'send'
        ? TEXT.send[locale](ep, peer, plan.bytes)
        : TEXT.close[locale](ep, peer);
  return `${TEXT.intro[locale](plan.shown, x, y)}${locale === 'en' ? ' ' : ''}${ask}${TEXT.tail[locale]}`;
}

/** Why the seq is what it is: the sender's last unit of sequence space, or its ISN. */
function seqStep(before: readonly TraceSegment[], seg: TraceSegment, locale: Locale): string {
  const own = lastUnitEndingAt(before, seg.from, seg.abs_seq);
  if (own === undefined) return TEXT.seqIsn[locale](seg.abs_seq);
  if (own.len === 0)
    return TEXT.seqCtl[locale](sumText(own.abs_seq, 1), hasSyn(own) ? 'SYN' : 'FIN');
  if (hasFin(own)) return TEXT.seqCtl[locale](sumText(seqAdd(own.abs_seq, own.len), 1), 'FIN');
  return TEXT.seqData[locale](sumText(own.abs_seq, own.len));
}

function ackStep(before: readonly TraceSegment[], seg: TraceSegment, locale: Locale): string {
  const c = lastUnitEndingAt(before, seg.to, seg.abs_ack ?? 0)!;
  if (hasSyn(c)) return TEXT.ackSyn[locale](c.abs_seq);
  if (hasFin(c)) return TEXT.ackFin[locale](seqAdd(c.abs_seq, c.len));
  return TEXT.ackData[locale](c.abs_seq, c.len);
}

function explain(trace: Trace, plan: Plan, locale: Locale): string {
  const seg = trace.segments[plan.index]!;
  const before = trace.segments.slice(0, plan.shown);
  const f = flagWords(seg.flags);
  return steps([
    TEXT.last[locale](
      endpointName(seg.from, locale),
      describeSegment(trace.segments[plan.last]!, locale),
    ),
    plan.trigger === 'reply'
      ? hasSyn(seg)
        ? TEXT.flags.synack[locale]
        : TEXT.flags.reply[locale]
      : TEXT.flags[plan.trigger][locale](f),
    seqStep(before, seg, locale),
    ackStep(before, seg, locale),
    TEXT.key[locale](endpointTitle(seg.from, locale), describeSegment(seg, locale)),
  ]);
}

function keyOf(seg: TraceSegment): { fields: FieldsAnswer } {
  return { fields: { flags: seg.flags, seq: seg.abs_seq, ack: seg.abs_ack } };
}

/**
 * Wrong field values and the misconception that produces exactly each: an ack that leaves out
 * the SYN or FIN it covers, or repeats the seq of the data it covers (ack-equals-seq), or is
 * the sender's own seq (ack-from-own-space); a seq that leaves out the sender's own SYN, FIN
 * or data; FIN+ACK for a bare ACK of a FIN before the sender has closed; SYN or ACK alone for
 * the SYN+ACK (as if the handshake took four segments).
 */
export function misconceptionsOf(
  before: readonly TraceSegment[],
  seg: TraceSegment,
): Record<string, MisconceptionId> {
  const out: Record<string, MisconceptionId> = {};
  const add = (field: 'ack' | 'seq', value: number, m: MisconceptionId) => {
    const key = `${field}:${value}`;
    const right = field === 'ack' ? seg.abs_ack : seg.abs_seq;
    if (value !== right && !(key in out)) out[key] = m;
  };
  if (seg.abs_ack !== null) {
    const c = lastUnitEndingAt(before, seg.to, seg.abs_ack);
    if (c !== undefined && hasSyn(c)) add('ack', c.abs_seq, 'syn-consumes-no-sequence-number');
    if (c !== undefined && hasFin(c))
      add('ack', seqAdd(c.abs_seq, c.len), 'fin-consumes-no-sequence-number');
    if (c !== undefined && c.len > 0) add('ack', c.abs_seq, 'ack-equals-seq');
    add('ack', seg.abs_seq, 'ack-from-own-space');
  }
  const own = lastUnitEndingAt(before, seg.from, seg.abs_seq);
  if (own !== undefined) {
    if (hasSyn(own)) add('seq', own.abs_seq, 'syn-consumes-no-sequence-number');
    else if (hasFin(own))
      add('seq', seqAdd(own.abs_seq, own.len), 'fin-consumes-no-sequence-number');
    else if (own.len > 0) add('seq', own.abs_seq, 'off-by-payload');
  }
  if (seg.flags === 'S.') {
    out['flags:A'] = 'four-way-handshake-needed';
    out['flags:S'] = 'four-way-handshake-needed';
  }
  const ackOfFin =
    seg.flags === '.' &&
    seg.abs_ack !== null &&
    lastUnitEndingAt(before, seg.to, seg.abs_ack) !== undefined &&
    hasFin(lastUnitEndingAt(before, seg.to, seg.abs_ack)!);
  if (ackOfFin && !before.some((s) => s.from === seg.from && hasFin(s)))
    out['flags:AF'] = 'fin-and-ack-always-merge';
  return out;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec = {
    scenario: pick(rng, ['handshake-data-close', 'server-active-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const plans = trace.segments
    .map((_, j) => planFor(trace, j))
    .filter((p): p is Plan => p !== null && LEVEL[kindOf(trace, p)] === ctx.difficulty);
  const plan = pick(rng, plans);
  const seg = trace.segments[plan.index]!;
  const kind = kindOf(trace, plan);
  const labels = TEXT.labels[locale];
  const [x, y] = isns(trace);
  return {
    kind: 'fields',
    topics: topicsOf(kind),
    lesson: lessonOf(kind),
    stem: stemOf(trace, plan, locale),
    trace: shownTrace(trace, plan),
    fields: [
      { id: 'flags', label: labels[0] ?? 'flags' },
      { id: 'seq', label: labels[1] ?? 'seq' },
      { id: 'ack', label: labels[2] ?? 'ack' },
    ],
    answer: keyOf(seg),
    explanation: explain(trace, plan, locale),
    misconceptions: misconceptionsOf(trace.segments.slice(0, plan.shown), seg),
    source: sourceOf(spec, {
      segment: plan.index,
      endpoint: seg.from,
      shown: plan.shown,
      trigger: plan.trigger,
      bytes: plan.bytes,
      last: plan.last,
      isn_client: x,
      isn_server: y,
    }),
  };
}

/** The segment asked about in a trace: the sender's first after the shown prefix. */
function askedIn(trace: Trace, q: Question): number {
  const shown = Number(q.source.focus['shown']);
  const from = String(q.source.focus['endpoint']);
  const j = trace.segments.findIndex((s, i) => i >= shown && s.from === from);
  if (j < 0) throw new RangeError(`next-segment: ${from} sends nothing after #${shown}`);
  return j;
}

/**
 * A re-simulation shows the same question when the shown segments look the same, and the
 * same stem holds: the same ISNs, the same segments reached the sender, the same trigger.
 */
function sameView(q: Question, other: Trace): boolean {
  if (q.trace === null) return false;
  const f = q.source.focus;
  const shown = q.trace.segments;
  if (
    !shown.every(
      (s, i) => other.segments[i] !== undefined && looks(s) === looks(other.segments[i]!),
    )
  )
    return false;
  const j = other.segments.findIndex((s, i) => i >= shown.length && s.from === f['endpoint']);
  const plan = j < 0 ? null : planFor(other, j);
  const [x, y] = isns(other);
  return (
    plan !== null &&
    plan.shown === shown.length &&
    plan.trigger === TRIGGERS.find((t) => t === f['trigger']) &&
    plan.bytes === Number(f['bytes']) &&
    plan.last === Number(f['last']) &&
    x === Number(f['isn_client']) &&
    y === Number(f['isn_server'])
  );
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('next-segment needs a trace');
  return keyOf(trace.segments[askedIn(trace, q)]!);
}

export const nextSegment: TemplateDef = {
  id: 'next-segment',
  topics: ['handshake', 'sequence-numbers', 'header', 'close'],
  kinds: ['fields'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  sameView,
};
