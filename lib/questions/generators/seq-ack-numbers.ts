// Family "seq-ack-numbers": numeric entry of an acknowledgement number read from the trace
// (after a SYN, after data, after a FIN, and after a lost segment).

import type { Trace, TraceSegment } from '@/lib/engine';
import { defaultVariations, type HiddenVariation } from '../validity';
import { pick, prefixTrace, replyAt, runSim, sourceOf } from '../build';
import { mod32, steps, sumText } from '../explain';
import { describeSegment } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody, ShownTrace } from '../schema';
import type { GenContext, Locale, SimSpec, TemplateDef, Topic } from '../types';

const VARIANTS = ['syn', 'synack', 'data', 'fin', 'loss'] as const;
type Variant = (typeof VARIANTS)[number];

function asVariant(v: unknown): Variant {
  const found = VARIANTS.find((x) => x === v);
  if (found === undefined) throw new TypeError(`unknown seq-ack variant ${String(v)}`);
  return found;
}

const TEXT = {
  stem: {
    syn: {
      en: (x: number) =>
        `The client sends a SYN with seq = ${x}. What acknowledgement number does the server's SYN+ACK carry?`,
      zh: (x: number) =>
        `客户端发送 SYN 报文段，序号 seq = ${x}。服务器回复的 SYN+ACK 报文段中，确认号是多少？`,
    },
    synack: {
      en: (y: number, x: number) =>
        `The server's SYN+ACK has seq = ${y} and ack = ${x}. What acknowledgement number does the client's third handshake segment carry?`,
      zh: (y: number, x: number) =>
        `服务器的 SYN+ACK 报文段 seq = ${y}，ack = ${x}。客户端发出的第三次握手报文段中，确认号是多少？`,
    },
    data: {
      en: (s: number, l: number) =>
        `Both hosts run Linux, which acknowledges the first data of a connection as soon as it arrives. The client sends a segment with seq = ${s} carrying ${l} bytes of data. What acknowledgement number does the server send back for it?`,
      zh: (s: number, l: number) =>
        `双方都运行 Linux：连接刚建立时，Linux 收到数据会立即确认。客户端发送一个序号为 ${s}、携带 ${l} 字节数据的报文段。服务器对它的确认号是多少？`,
    },
    fin: {
      en: (u: number) =>
        `The client has sent all its data and now sends a FIN with seq = ${u}. What acknowledgement number does the server's ACK of that FIN carry?`,
      zh: (u: number) =>
        `客户端发完全部数据后发送 FIN 报文段，序号为 ${u}。服务器确认该 FIN 的报文段中，确认号是多少？`,
    },
    loss: {
      en: (a: number, sizes: string, lost: number) =>
        `The client sends three segments back to back; the first has seq = ${a} and they carry ${sizes} bytes. Segment ${lost} is lost. What acknowledgement number does the server send when the third segment arrives?`,
      zh: (a: number, sizes: string, lost: number) =>
        `客户端连续发送三个报文段，第一个的序号为 ${a}，数据长度依次为 ${sizes} 字节。第 ${lost} 个报文段丢失。第三个报文段到达时，服务器发出的确认号是多少？`,
    },
  },
  step: {
    seg: { en: (d: string) => `Segment: ${d}.`, zh: (d: string) => `报文段：${d}。` },
    syn: {
      en: (x: number) => `ack = ${sumText(x, 1)}: the SYN consumes one sequence number.`,
      zh: (x: number) => `ack = ${sumText(x, 1)}：SYN 报文段消耗一个序号。`,
    },
    data: {
      en: (s: number, l: number) =>
        `ack = ${sumText(s, l)}: the next byte the server expects follows the ${l} bytes it received.`,
      zh: (s: number, l: number) =>
        `ack = ${sumText(s, l)}：服务器期望收到的下一个字节紧接在这 ${l} 字节之后。`,
    },
    fin: {
      en: (u: number) => `ack = ${sumText(u, 1)}: the FIN consumes one sequence number.`,
      zh: (u: number) => `ack = ${sumText(u, 1)}：FIN 报文段消耗一个序号。`,
    },
    loss: {
      en: (a: number, l: number, k: number) =>
        `The first segment arrives: the server expects ${sumText(a, l)}. The third arrives out of order; acknowledgements are cumulative, so the server repeats ack = ${k} (a duplicate ACK).`,
      zh: (a: number, l: number, k: number) =>
        `第一个报文段到达后，服务器期望 ${sumText(a, l)}。第三个报文段失序到达；TCP 采用累积确认，服务器重复发送 ack = ${k}（重复确认）。`,
    },
    lossFirst: {
      en: (a: number) =>
        `Nothing after ${a} has arrived in order, and acknowledgements are cumulative: the server sends ack = ${a} again.`,
      zh: (a: number) =>
        `序号 ${a} 起的数据没有按序到达，TCP 采用累积确认：服务器仍发送 ack = ${a}。`,
    },
    key: {
      en: (k: number) => `The answer is ${k}.`,
      zh: (k: number) => `答案是 ${k}。`,
    },
  },
};

const MSS_CHOICES = [400, 500, 600, 800, 1000] as const;

/**
 * Variants whose stem states the profile (Linux): their key depends on it, since the textbook
 * model delays the ACK of data until the FIN behind it has arrived too.
 */
const STATES_PROFILE: Record<Variant, boolean> = {
  syn: false,
  synack: false,
  data: true,
  fin: false,
  loss: false,
};

/** What each variant is about. */
const TOPICS_OF: Record<Variant, Topic[]> = {
  syn: ['handshake', 'sequence-numbers'],
  synack: ['handshake', 'sequence-numbers'],
  data: ['sequence-numbers'],
  fin: ['close', 'sequence-numbers'],
  loss: ['sequence-numbers', 'retransmission'],
};

/**
 * The first `count` segments before `cutoff`, with no state or event of a segment left out
 * (the client's close() must not show while its FIN is not drawn).
 */
function shownPrefix(trace: Trace, count: number, cutoff: number): ShownTrace {
  const prefix = prefixTrace(trace, count, cutoff);
  const next = trace.segments[count];
  if (next === undefined || next.t >= cutoff) return prefix;
  const keep = (who: string, t: number) => who !== next.from || t < next.t;
  return {
    ...prefix,
    states: prefix.states.filter((x) => keep(x.endpoint, x.t)),
    events: prefix.events.filter((x) => keep(x.endpoint, x.t)),
  };
}

function clientData(trace: Trace): TraceSegment[] {
  return trace.segments.filter((s) => s.from === 'client' && s.len > 0);
}

interface Solved {
  key: number;
  /** Index of the segment the stem talks about (shown up to and including it). */
  shown: number;
  cutoff: number;
  stem: string;
  lines: string[];
  wrong: [number, MisconceptionId][];
}

function solveTrace(trace: Trace, variant: Variant, locale: Locale): Solved {
  const delay = Number(trace.params['link.delay'] ?? 0);
  const segs = trace.segments;
  const T = TEXT;
  switch (variant) {
    case 'syn': {
      const syn = segs[0]!;
      const reply = replyAt(trace, 'server', syn.t + delay);
      const key = reply.abs_ack ?? 0;
      return {
        key,
        shown: 0,
        cutoff: syn.t + delay,
        stem: T.stem.syn[locale](syn.abs_seq),
        lines: [T.step.seg[locale](describeSegment(syn, locale)), T.step.syn[locale](syn.abs_seq)],
        // The server's own ISN is not shown, so no learner can answer from its space here.
        wrong: [[syn.abs_seq, 'syn-consumes-no-sequence-number']],
      };
    }
    case 'synack': {
      const synack = segs.find((s) => s.flags === 'S.')!;
      const reply = replyAt(trace, 'client', synack.t + delay);
      const key = reply.abs_ack ?? 0;
      return {
        key,
        shown: segs.indexOf(synack),
        cutoff: synack.t + delay,
        stem: T.stem.synack[locale](synack.abs_seq, synack.abs_ack ?? 0),
        lines: [
          T.step.seg[locale](describeSegment(synack, locale)),
          T.step.syn[locale](synack.abs_seq),
        ],
        wrong: [
          [synack.abs_seq, 'syn-consumes-no-sequence-number'],
          [synack.abs_ack ?? 0, 'ack-from-own-space'],
          [(synack.abs_ack ?? 0) + 1, 'ack-from-own-space'],
        ],
      };
    }
    case 'data': {
      const data = clientData(trace)[0]!;
      const reply = replyAt(trace, 'server', data.t + delay);
      const key = reply.abs_ack ?? 0;
      return {
        key,
        shown: segs.indexOf(data),
        cutoff: data.t + delay,
        stem: T.stem.data[locale](data.abs_seq, data.len),
        lines: [
          T.step.seg[locale](describeSegment(data, locale)),
          T.step.data[locale](data.abs_seq, data.len),
        ],
        wrong: [
          [data.abs_seq, 'ack-equals-seq'],
          [data.abs_seq + data.len + 1, 'off-by-payload'],
          [data.abs_seq + 1, 'off-by-payload'],
        ],
      };
    }
    case 'fin': {
      const fin = segs.find((s) => s.from === 'client' && s.flags.includes('F'))!;
      const reply = replyAt(trace, 'server', fin.t + delay);
      const key = reply.abs_ack ?? 0;
      return {
        key,
        shown: segs.indexOf(fin),
        cutoff: fin.t + delay,
        stem: T.stem.fin[locale](fin.abs_seq),
        lines: [T.step.seg[locale](describeSegment(fin, locale)), T.step.fin[locale](fin.abs_seq)],
        wrong: [[fin.abs_seq, 'fin-consumes-no-sequence-number']],
      };
    }
    case 'loss': {
      const data = clientData(trace).slice(0, 3);
      const [s1, s2, s3] = [data[0]!, data[1]!, data[2]!];
      const lost = data.findIndex((s) => s.dropped);
      const reply = replyAt(trace, 'server', s3.t + delay);
      const key = reply.abs_ack ?? 0;
      const sizes = data.map((s) => s.len).join(locale === 'zh' ? '、' : ', ');
      return {
        key,
        shown: -1,
        cutoff: s3.t + delay,
        stem: T.stem.loss[locale](s1.abs_seq, sizes, lost + 1),
        lines: [
          ...data.map((s) => T.step.seg[locale](describeSegment(s, locale))),
          lost === 0 ? T.step.lossFirst[locale](key) : T.step.loss[locale](s1.abs_seq, s1.len, key),
        ],
        // Acking every byte that arrived skips the hole; an ack equal to the seq of a segment
        // that arrived (the third, or the other one before the hole) repeats a seq.
        wrong: [
          [s3.abs_seq + s3.len, 'ack-skips-hole'],
          [s3.abs_seq, 'ack-equals-seq'],
          [lost === 0 ? s2.abs_seq : s1.abs_seq, 'ack-equals-seq'],
        ],
      };
    }
  }
}

function plan(ctx: GenContext): { spec: SimSpec; variant: Variant } {
  const { rng } = ctx;
  if (ctx.difficulty === 3) {
    const set: Record<string, number> = {};
    const mss = pick(rng, MSS_CHOICES);
    // MTU = MSS + 40 (IP, TCP) + 12 (timestamps option); three full segments, one lost.
    set['link.mtu'] = mss + 52;
    set['endpoints.client.program[1].send'] = 3 * mss;
    set['faults[0].match.nth'] = rng.int(1, 2);
    return { spec: { scenario: 'data-loss', seed: rng.uint32(), set }, variant: 'loss' };
  }
  const variant: Variant =
    ctx.difficulty === 1
      ? pick(rng, ['syn', 'synack'] as const)
      : pick(rng, ['data', 'fin'] as const);
  return { spec: { scenario: 'handshake-data-close', seed: rng.uint32(), set: {} }, variant };
}

function generate(ctx: GenContext): QuestionBody {
  const { spec, variant } = plan(ctx);
  const trace = runSim(spec);
  const s = solveTrace(trace, variant, ctx.locale);
  const count = trace.segments.filter((g) => g.t < s.cutoff - 1e-9).length;
  const shownCount = s.shown < 0 ? 0 : Math.min(count, s.shown + 1);
  const misconceptions: Record<string, MisconceptionId> = {};
  for (const [raw, m] of s.wrong) {
    const v = mod32(raw);
    if (v !== s.key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  }
  return {
    kind: 'numeric',
    topics: TOPICS_OF[variant],
    lesson:
      variant === 'fin'
        ? 'four-way-close'
        : variant === 'syn' || variant === 'synack'
          ? 'three-way-handshake'
          : 'tcp-header-and-sequence-numbers',
    stem: s.stem,
    trace: variant === 'loss' ? null : shownPrefix(trace, shownCount, s.cutoff),
    answer: { value: s.key, tolerance: 0 },
    explanation: steps([...s.lines, TEXT.step.key[ctx.locale](s.key)]),
    misconceptions,
    source: sourceOf(spec, { variant }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('seq-ack-numbers needs a trace');
  const variant = asVariant(q.source.focus['variant']);
  return { value: solveTrace(trace, variant, q.locale).key, tolerance: 0 };
}

/** The default hidden facts, without the profile when the stem states it. */
function hidden(q: Question, trace: Trace): HiddenVariation[] {
  const all = defaultVariations(q, trace);
  if (!STATES_PROFILE[asVariant(q.source.focus['variant'])]) return all;
  return all.filter((v) => v.profile === undefined);
}

export const seqAckNumbers: TemplateDef = {
  id: 'seq-ack-numbers',
  topics: ['sequence-numbers', 'handshake', 'close', 'retransmission'],
  kinds: ['numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  hidden,
};
