// Family "next-segment": flags, seq and ack of the next segment an endpoint sends (three
// fields, partial credit), read from the simulated trace.

import type { Trace, TraceSegment } from '@/lib/engine';
import { pick, prefixTrace, runSim, sourceOf } from '../build';
import { mod32, steps, sumText } from '../explain';
import { describeSegment, endpointName, endpointTitle, flagWords } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, FieldsAnswer, Question, QuestionBody } from '../schema';
import type { Difficulty, GenContext, Locale, TemplateDef } from '../types';

const TEXT = {
  stem: {
    en: (ep: string) =>
      `The trace below shows every segment so far. Give the flags, seq and ack of the next segment ${ep} sends (absolute numbers; leave ack empty if the ACK flag is off).`,
    zh: (ep: string) =>
      `下图给出了到目前为止的全部报文段。请写出${ep}发送的下一个报文段的标志位、序号和确认号（使用绝对序号；若 ACK 标志未置位，确认号留空）。`,
  },
  labels: {
    en: ['Flags (e.g. S., F., SYN+ACK)', 'seq', 'ack'],
    zh: ['标志位（如 S.、F.、SYN+ACK）', '序号 seq', '确认号 ack'],
  },
  last: {
    en: (ep: string, d: string) => `The last segment ${ep} received: ${d}.`,
    zh: (ep: string, d: string) => `${ep}最近收到的报文段：${d}。`,
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
  seqSame: {
    en: (n: number) =>
      `seq = ${n}: its last segment carried no data, SYN or FIN, so seq does not move.`,
    zh: (n: number) => `seq = ${n}：本端上一个报文段既无数据也无 SYN、FIN，序号不变。`,
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
  ackSame: {
    en: (n: number) => `ack = ${n}: nothing new has arrived, so the acknowledgement does not move.`,
    zh: (n: number) => `ack = ${n}：没有收到新的数据，确认号不变。`,
  },
  noAck: {
    en: 'The ACK flag is off, so there is no acknowledgement number.',
    zh: 'ACK 标志未置位，因此没有确认号。',
  },
  key: {
    en: (ep: string, d: string) => `${ep} sends ${d}.`,
    zh: (ep: string, d: string) => `${ep}发送：${d}。`,
  },
  flagsWhy: {
    en: (f: string) => `Flags: ${f}.`,
    zh: (f: string) => `标志位：${f}。`,
  },
};

/** Which segments each difficulty asks about, in handshake-data-close / server-active-close. */
function candidates(trace: Trace, difficulty: Difficulty): number[] {
  const firstFin = trace.segments.findIndex((s) => s.flags.includes('F'));
  return trace.segments
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => {
      if (i === 0 || s.dropped) return false;
      if (difficulty === 1) return i <= 2;
      if (difficulty === 2) return i > 2 && (firstFin === -1 || i <= firstFin);
      return firstFin !== -1 && i > firstFin;
    })
    .map(({ i }) => i);
}

function lastReceived(trace: Trace, index: number, ep: string): TraceSegment | undefined {
  const target = trace.segments[index]!;
  const delay = Number(trace.params['link.delay'] ?? 0);
  return trace.segments
    .slice(0, index)
    .filter((s) => s.to === ep && !s.dropped && s.t + delay <= target.t + 1e-9)
    .at(-1);
}

/** Why the seq is what it is: the endpoint's previous segment plus what that one consumed. */
function seqStep(trace: Trace, index: number, locale: Locale): string {
  const seg = trace.segments[index]!;
  const own = trace.segments
    .slice(0, index)
    .filter((s) => s.from === seg.from)
    .at(-1);
  if (own === undefined) return TEXT.seqIsn[locale](seg.abs_seq);
  const ctl = own.flags.includes('S') ? 'SYN' : own.flags.includes('F') ? 'FIN' : null;
  const step = own.len + (ctl === null ? 0 : 1);
  if (mod32(own.abs_seq + step) !== seg.abs_seq) return TEXT.seqSame[locale](seg.abs_seq);
  if (ctl !== null && own.len === 0) return TEXT.seqCtl[locale](sumText(own.abs_seq, 1), ctl);
  if (own.len > 0 && ctl === null) return TEXT.seqData[locale](sumText(own.abs_seq, own.len));
  return TEXT.seqSame[locale](seg.abs_seq);
}

function explain(trace: Trace, index: number, locale: Locale): string {
  const seg = trace.segments[index]!;
  const got = lastReceived(trace, index, seg.from);
  const lines: string[] = [];
  if (got !== undefined)
    lines.push(TEXT.last[locale](endpointName(seg.from, locale), describeSegment(got, locale)));
  lines.push(TEXT.flagsWhy[locale](flagWords(seg.flags)));
  lines.push(seqStep(trace, index, locale));
  if (seg.abs_ack === null) lines.push(TEXT.noAck[locale]);
  else if (got !== undefined && got.flags.includes('S') && seg.abs_ack === mod32(got.abs_seq + 1))
    lines.push(TEXT.ackSyn[locale](got.abs_seq));
  else if (
    got !== undefined &&
    got.flags.includes('F') &&
    seg.abs_ack === mod32(got.abs_seq + got.len + 1)
  )
    lines.push(TEXT.ackFin[locale](mod32(got.abs_seq + got.len)));
  else if (got !== undefined && got.len > 0 && seg.abs_ack === mod32(got.abs_seq + got.len))
    lines.push(TEXT.ackData[locale](got.abs_seq, got.len));
  else lines.push(TEXT.ackSame[locale](seg.abs_ack));
  lines.push(TEXT.key[locale](endpointTitle(seg.from, locale), describeSegment(seg, locale)));
  return steps(lines);
}

function keyOf(trace: Trace, index: number): { fields: FieldsAnswer } {
  const seg = trace.segments[index];
  if (seg === undefined) throw new RangeError(`no segment #${index}`);
  return { fields: { flags: seg.flags, seq: seg.abs_seq, ack: seg.abs_ack } };
}

function misconceptionsOf(trace: Trace, index: number): Record<string, MisconceptionId> {
  const seg = trace.segments[index]!;
  const got = lastReceived(trace, index, seg.from);
  const out: Record<string, MisconceptionId> = {};
  if (got === undefined || seg.abs_ack === null) return out;
  const add = (key: string, m: MisconceptionId) => {
    if (key !== `ack:${seg.abs_ack}` && !(key in out)) out[key] = m;
  };
  if (got.flags.includes('S')) add(`ack:${got.abs_seq}`, 'syn-consumes-no-sequence-number');
  if (got.flags.includes('F'))
    add(`ack:${mod32(got.abs_seq + got.len)}`, 'fin-consumes-no-sequence-number');
  if (got.len > 0) add(`ack:${got.abs_seq}`, 'ack-equals-seq');
  add(`ack:${seg.abs_seq}`, 'ack-from-own-space');
  return out;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const scenario =
    ctx.difficulty === 3
      ? pick(rng, ['handshake-data-close', 'server-active-close'])
      : 'handshake-data-close';
  const spec = {
    scenario,
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const index = pick(rng, candidates(trace, ctx.difficulty));
  const seg = trace.segments[index]!;
  const labels = TEXT.labels[locale];
  return {
    kind: 'fields',
    topics:
      ctx.difficulty === 1
        ? ['sequence-numbers', 'handshake']
        : ctx.difficulty === 2
          ? ['sequence-numbers', 'header']
          : ['sequence-numbers', 'close'],
    lesson:
      ctx.difficulty === 1
        ? 'three-way-handshake'
        : ctx.difficulty === 2
          ? 'tcp-header-and-sequence-numbers'
          : 'four-way-close',
    stem: TEXT.stem[locale](endpointName(seg.from, locale)),
    trace: prefixTrace(trace, index, seg.t),
    fields: [
      { id: 'flags', label: labels[0] ?? 'flags' },
      { id: 'seq', label: labels[1] ?? 'seq' },
      { id: 'ack', label: labels[2] ?? 'ack' },
    ],
    answer: keyOf(trace, index),
    explanation: explain(trace, index, locale),
    misconceptions: misconceptionsOf(trace, index),
    source: sourceOf(spec, { segment: index }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('next-segment needs a trace');
  return keyOf(trace, Number(q.source.focus['segment']));
}

export const nextSegment: TemplateDef = {
  id: 'next-segment',
  topics: ['sequence-numbers', 'handshake', 'header', 'close'],
  kinds: ['fields'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
