// Family "spot-the-error": a simulated trace with exactly one segment altered the way a named
// misconception would write it; which segment is wrong? The key is the one that differs from
// a fresh simulation.

import type { Trace, TraceSegment } from '@/lib/engine';
import { buildChoice, pick, runSim, shuffle, sourceOf, type Distractor } from '../build';
import { mod32, steps } from '../explain';
import { describeSegment } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody, ShownTrace } from '../schema';
import type { Difficulty, GenContext, Locale, TemplateDef } from '../types';

const TEXT = {
  stem: {
    en: 'Exactly one segment in the trace below was altered and cannot come from a correct TCP. Which one?',
    zh: '下图的时序中恰好有一个报文段被改动过，不可能由正确的 TCP 实现发出。是哪一个？',
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
  why: {
    'syn-consumes-no-sequence-number': {
      en: 'The ack must be the SYN’s seq + 1: the SYN consumes one sequence number.',
      zh: '确认号应为 SYN 的序号加 1：SYN 消耗一个序号。',
    },
    'fin-consumes-no-sequence-number': {
      en: 'The ack must be the FIN’s seq + 1: the FIN consumes one sequence number.',
      zh: '确认号应为 FIN 的序号加 1：FIN 消耗一个序号。',
    },
    'ack-equals-seq': {
      en: 'The ack must be the next byte expected (seq + len), not the seq of the segment received.',
      zh: '确认号应是期望的下一个字节（seq + len），而不是所收报文段的序号。',
    },
    'off-by-payload': {
      en: 'The seq must advance by the payload length of the previous segment.',
      zh: '序号应按上一个报文段的数据长度递增。',
    },
    'skips-a-state': {
      en: 'The flags are wrong: the second handshake segment must carry both SYN and ACK.',
      zh: '标志位错误：第二次握手的报文段必须同时置 SYN 和 ACK。',
    },
  } satisfies Record<string, { en: string; zh: string }>,
  key: {
    en: (a: string) => `The altered segment is ${a}.`,
    zh: (a: string) => `被改动的是${a}。`,
  },
};

type Mutation = keyof typeof TEXT.why;

interface Plan {
  index: number;
  mutation: Mutation;
}

/** Possible alterations of segment i, each the trace a misconception would draw. */
function mutations(trace: Trace, i: number): Mutation[] {
  const seg = trace.segments[i]!;
  const prev = trace.segments
    .slice(0, i)
    .filter((s) => s.to === seg.from && !s.dropped)
    .at(-1);
  const out: Mutation[] = [];
  if (seg.flags === 'S.') out.push('skips-a-state');
  if (prev !== undefined && seg.abs_ack !== null) {
    if (prev.flags.includes('S') && seg.abs_ack === mod32(prev.abs_seq + 1))
      out.push('syn-consumes-no-sequence-number');
    if (prev.flags.includes('F') && seg.abs_ack === mod32(prev.abs_seq + prev.len + 1))
      out.push('fin-consumes-no-sequence-number');
    if (prev.len > 0 && seg.abs_ack === mod32(prev.abs_seq + prev.len)) out.push('ack-equals-seq');
  }
  const own = trace.segments
    .slice(0, i)
    .filter((s) => s.from === seg.from)
    .at(-1);
  if (own !== undefined && own.len > 0 && seg.abs_seq === mod32(own.abs_seq + own.len))
    out.push('off-by-payload');
  return out;
}

const LEVEL: Record<Difficulty, readonly Mutation[]> = {
  1: ['skips-a-state', 'syn-consumes-no-sequence-number'],
  2: ['fin-consumes-no-sequence-number', 'syn-consumes-no-sequence-number'],
  3: ['ack-equals-seq', 'off-by-payload'],
};

function mutate(trace: Trace, plan: Plan): TraceSegment {
  const seg = trace.segments[plan.index]!;
  const prev = trace.segments
    .slice(0, plan.index)
    .filter((s) => s.to === seg.from && !s.dropped)
    .at(-1);
  switch (plan.mutation) {
    case 'skips-a-state':
      return { ...seg, flags: '.' };
    case 'syn-consumes-no-sequence-number':
    case 'fin-consumes-no-sequence-number':
      return { ...seg, ack: (seg.ack ?? 1) - 1, abs_ack: mod32((seg.abs_ack ?? 1) - 1) };
    case 'ack-equals-seq': {
      const d = prev === undefined ? 1 : prev.len;
      return { ...seg, ack: (seg.ack ?? d) - d, abs_ack: mod32((seg.abs_ack ?? d) - d) };
    }
    case 'off-by-payload':
      return { ...seg, seq: (seg.seq ?? 1) - 1, abs_seq: mod32(seg.abs_seq - 1) };
  }
}

/** What picking a correct segment suggests the learner believes. */
function blameFor(trace: Trace, i: number): MisconceptionId {
  const m = mutations(trace, i);
  if (m.includes('syn-consumes-no-sequence-number')) return 'syn-consumes-no-sequence-number';
  if (m.includes('fin-consumes-no-sequence-number')) return 'fin-consumes-no-sequence-number';
  if (m.includes('ack-equals-seq')) return 'off-by-payload';
  return 'wrong-segment-looks-odd';
}

function optionText(n: number, seg: TraceSegment, locale: Locale): string {
  return TEXT.option[locale](n, describeSegment(seg, locale));
}

/** Index of the one segment that differs between the shown trace and a fresh simulation. */
function differing(shown: ShownTrace, fresh: Trace): number {
  return shown.segments.findIndex((s, i) => {
    const f = fresh.segments[i];
    return (
      f === undefined || s.flags !== f.flags || s.abs_seq !== f.abs_seq || s.abs_ack !== f.abs_ack
    );
  });
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec = {
    scenario: pick(rng, ['handshake-data-close', 'server-active-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const plans: Plan[] = [];
  trace.segments.forEach((_, i) => {
    for (const mutation of mutations(trace, i))
      if (LEVEL[ctx.difficulty].includes(mutation)) plans.push({ index: i, mutation });
  });
  const plan = pick(rng, plans);
  const altered = mutate(trace, plan);
  const shownSegments = trace.segments.map((s, i) => (i === plan.index ? altered : s));
  const shown: ShownTrace = { ...trace, segments: shownSegments, timers: [] };
  const others = shuffle(
    rng,
    trace.segments.map((_, i) => i).filter((i) => i !== plan.index && !trace.segments[i]!.dropped),
  ).slice(0, 3);
  const distractors: Distractor[] = others.map((i) => ({
    text: optionText(i + 1, trace.segments[i]!, locale),
    misconception: blameFor(trace, i),
  }));
  const correct = optionText(plan.index + 1, altered, locale);
  const choice = buildChoice(rng, correct, distractors);
  return {
    kind: 'choice',
    topics:
      ctx.difficulty === 1 ? ['handshake', 'sequence-numbers'] : ['sequence-numbers', 'header'],
    lesson: ctx.difficulty === 1 ? 'three-way-handshake' : 'tcp-header-and-sequence-numbers',
    stem: TEXT.stem[locale],
    trace: shown,
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      TEXT.wrong[locale](plan.index + 1, describeSegment(altered, locale)),
      TEXT.right[locale](describeSegment(trace.segments[plan.index]!, locale)),
      TEXT.why[plan.mutation][locale],
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { segment: plan.index, mutation: plan.mutation }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'choice' || q.trace === null)
    throw new TypeError('spot-the-error needs a trace');
  const i = differing(q.trace, trace);
  const prefix = locale(q.locale, i + 1);
  return { option: q.options.find((o) => o.text.startsWith(prefix))?.id ?? '' };
}

function locale(l: Locale, n: number): string {
  return l === 'zh' ? `第 ${n} 个：` : `#${n}: `;
}

export const spotTheError: TemplateDef = {
  id: 'spot-the-error',
  topics: ['sequence-numbers', 'handshake', 'header'],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
