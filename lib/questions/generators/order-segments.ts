// Family "order-segments": put shuffled segments of a simulated exchange back in the order
// they were sent (the handshake, the close, or the whole connection).

import type { Trace } from '@/lib/engine';
import { pick, runSim, shuffle, sourceOf } from '../build';
import { steps } from '../explain';
import { describeSegment } from '../locales/common';
import type { Answer, Question, QuestionBody } from '../schema';
import type { Difficulty, GenContext, Locale, TemplateDef } from '../types';

const TEXT = {
  stem: {
    1: {
      en: 'Put the segments of this handshake in the order they are sent.',
      zh: '请把这次三次握手的报文段按发送的先后顺序排列。',
    },
    2: {
      en: 'Put the segments of this connection release in the order they are sent.',
      zh: '请把这次连接释放（四次挥手）的报文段按发送的先后顺序排列。',
    },
    3: {
      en: 'Put all the segments of this connection in the order they are sent.',
      zh: '请把这个连接的全部报文段按发送的先后顺序排列。',
    },
  } satisfies Record<Difficulty, { en: string; zh: string }>,
  step: {
    en: (d: string, t: string) => `t = ${t} s: ${d}`,
    zh: (d: string, t: string) => `t = ${t} 秒：${d}`,
  },
  rule: {
    en: 'Each segment acknowledges what the peer sent before it: follow seq and ack.',
    zh: '每个报文段确认的是对方此前发出的内容：顺着序号和确认号就能排出顺序。',
  },
};

/** Indices of the segments asked about, in sending order. */
function scope(trace: Trace, difficulty: Difficulty): number[] {
  const all = trace.segments.map((_, i) => i).filter((i) => !trace.segments[i]!.dropped);
  if (difficulty === 1) return all.slice(0, 3);
  if (difficulty === 2) {
    const fin = all.findIndex((i) => trace.segments[i]!.flags.includes('F'));
    return all.slice(fin).filter((i) => {
      const s = trace.segments[i]!;
      return s.flags.includes('F') || s.len === 0;
    });
  }
  return all.slice(0, 9);
}

function texts(trace: Trace, indices: number[], locale: Locale): string[] {
  return indices.map((i) => describeSegment(trace.segments[i]!, locale));
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec = {
    scenario: pick(rng, ['handshake-data-close', 'server-active-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const indices = scope(trace, ctx.difficulty);
  const items = texts(trace, indices, locale);
  // Ids are assigned after shuffling, so they do not give the order away.
  const shuffled = shuffle(rng, items);
  const options = shuffled.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
  const order = items.map((text) => options.find((o) => o.text === text)?.id ?? '');
  return {
    kind: 'order',
    topics:
      ctx.difficulty === 1
        ? ['handshake']
        : ctx.difficulty === 2
          ? ['close']
          : ['handshake', 'close', 'sequence-numbers'],
    lesson:
      ctx.difficulty === 1
        ? 'three-way-handshake'
        : ctx.difficulty === 2
          ? 'four-way-close'
          : 'tcp-header-and-sequence-numbers',
    stem: TEXT.stem[ctx.difficulty][locale],
    trace: null,
    options,
    answer: { order },
    explanation: steps([
      TEXT.rule[locale],
      ...indices.map(
        (i, k) => `${order[k]}) ${TEXT.step[locale](items[k] ?? '', String(trace.segments[i]!.t))}`,
      ),
      order.join(' → '),
    ]),
    misconceptions: {},
    source: sourceOf(spec, {}),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'order') throw new TypeError('order-segments needs a trace');
  const items = texts(trace, scope(trace, q.difficulty), q.locale);
  return { order: items.map((text) => q.options.find((o) => o.text === text)?.id ?? '') };
}

export const orderSegments: TemplateDef = {
  id: 'order-segments',
  topics: ['handshake', 'close', 'sequence-numbers'],
  kinds: ['order'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
