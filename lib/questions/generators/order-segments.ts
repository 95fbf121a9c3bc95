// Family "order-segments": put shuffled segments of a simulated exchange back in the order
// they were sent (the handshake, the close, or every segment of the connection).
//
// Grading follows causality, not simulated microseconds: the key lists the pairs whose order
// is decided (happens-before: one sender's segments in sending order, a segment after every
// segment that reached its sender before it left), and every order that keeps those pairs is
// correct. Two segments crossing in flight may go either way. The pairs equal those a learner
// can prove from seq and ack alone (segment-rules.ts `provableOrder`; the unit tests check it).

import type { Trace } from '@/lib/engine';
import { pick, runSim, shuffle, sourceOf } from '../build';
import { steps } from '../explain';
import { describeSegment } from '../locales/common';
import type { Answer, Question, QuestionBody } from '../schema';
import { endOf, happensBefore, hasFin, span } from '../segment-rules';
import type { Difficulty, GenContext, Locale, TemplateDef, Topic } from '../types';

const TEXT = {
  stem: {
    1: {
      en: (n: number) => `Put the ${n} segments of this handshake in the order they are sent.`,
      zh: (n: number) => `请把这次三次握手的 ${n} 个报文段按发送的先后顺序排列。`,
    },
    2: {
      en: (n: number) =>
        `Put these ${n} segments of the connection release (every FIN and every ACK of a FIN) in the order they are sent.`,
      zh: (n: number) =>
        `请把这次连接释放的 ${n} 个报文段（全部 FIN 及对 FIN 的确认）按发送的先后顺序排列。`,
    },
    3: {
      en: (n: number) => `Put all ${n} segments of this connection in the order they are sent.`,
      zh: (n: number) => `请把这个连接的全部 ${n} 个报文段按发送的先后顺序排列。`,
    },
  } satisfies Record<Difficulty, { en: (n: number) => string; zh: (n: number) => string }>,
  crossing: {
    en: ' Where the segments themselves do not decide the order (two segments crossing in flight), either order is accepted.',
    zh: '若两个报文段在途中交错、仅凭报文段本身无法确定先后，则两种顺序都算正确。',
  },
  step: {
    en: (d: string, t: string) => `t = ${t} s: ${d}`,
    zh: (d: string, t: string) => `t = ${t} 秒：${d}`,
  },
  rule: {
    en: 'A segment comes after the earlier segments of its sender (seq only grows), and after every segment of the peer it acknowledges: follow seq and ack.',
    zh: '报文段排在同一发送方更早的报文段之后（序号只增不减），也排在它所确认的对方报文段之后：顺着序号和确认号就能排出顺序。',
  },
  free: {
    en: (a: string, b: string) =>
      `${a}) and ${b}) cross in flight: neither acknowledges the other, so either order is correct.`,
    zh: (a: string, b: string) => `${a}) 与 ${b}) 在途中交错，互不确认对方，两种顺序都正确。`,
  },
  key: {
    en: (o: string) => `The order they were sent in: ${o}`,
    zh: (o: string) => `实际发送顺序：${o}`,
  },
};

/** Indices of the segments asked about, in sending order. */
function scope(trace: Trace, difficulty: Difficulty): number[] {
  const all = trace.segments.map((_, i) => i).filter((i) => !trace.segments[i]!.dropped);
  if (difficulty === 1) return all.slice(0, 3);
  if (difficulty === 2) {
    // The release: every FIN, and every bare ACK whose ack covers one of the peer's FINs.
    const fins = all.map((i) => trace.segments[i]!).filter(hasFin);
    return all.filter((i) => {
      const s = trace.segments[i]!;
      if (hasFin(s)) return true;
      return (
        span(s) === 0 &&
        fins.some((f) => f.from === s.to && s.abs_ack !== null && s.abs_ack === endOf(f))
      );
    });
  }
  return all;
}

function texts(trace: Trace, indices: number[], locale: Locale): string[] {
  return indices.map((i) => describeSegment(trace.segments[i]!, locale));
}

/** The decided pairs [a, b] (a before b) among the options, as ids, in a stable order. */
function decided(trace: Trace, indices: number[], ids: string[]): [string, string][] {
  const hb = happensBefore(trace, indices);
  const out: [string, string][] = [];
  ids.forEach((a, i) => ids.forEach((b, j) => hb[i]![j] && out.push([a, b])));
  return out.sort((x, y) => (x[0] + x[1] < y[0] + y[1] ? -1 : 1));
}

/** An order of `ids` keeping every pair in `before`, preferring the order of `prefer`. */
function linearise(ids: string[], before: [string, string][], prefer: string[]): string[] {
  const rank = (id: string) => prefer.indexOf(id);
  const left = ids.slice().sort((a, b) => rank(a) - rank(b));
  const out: string[] = [];
  while (left.length > 0) {
    const k = left.findIndex((id) => !before.some(([a, b]) => b === id && left.includes(a)));
    if (k < 0) throw new RangeError('order-segments: the decided pairs form a cycle');
    out.push(...left.splice(k, 1));
  }
  return out;
}

function topicsOf(difficulty: Difficulty): Topic[] {
  if (difficulty === 1) return ['handshake'];
  if (difficulty === 2) return ['close'];
  return ['handshake', 'close', 'sequence-numbers'];
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
  const before = decided(trace, indices, order);
  const total = before.length === (order.length * (order.length - 1)) / 2;
  const free: string[] = [];
  order.forEach((a, i) =>
    order.slice(i + 1).forEach((b) => {
      if (!before.some(([x, y]) => (x === a && y === b) || (x === b && y === a)))
        free.push(TEXT.free[locale](a, b));
    }),
  );
  return {
    kind: 'order',
    topics: topicsOf(ctx.difficulty),
    lesson:
      ctx.difficulty === 1
        ? 'three-way-handshake'
        : ctx.difficulty === 2
          ? 'four-way-close'
          : 'tcp-header-and-sequence-numbers',
    stem: TEXT.stem[ctx.difficulty][locale](order.length) + (total ? '' : TEXT.crossing[locale]),
    trace: null,
    options,
    answer: total ? { order } : { order, before },
    explanation: steps([
      TEXT.rule[locale],
      ...indices.map(
        (i, k) => `${order[k]}) ${TEXT.step[locale](items[k] ?? '', String(trace.segments[i]!.t))}`,
      ),
      ...free,
      TEXT.key[locale](order.join(' → ')),
    ]),
    misconceptions: {},
    source: sourceOf(spec, {}),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'order') throw new TypeError('order-segments needs a trace');
  const indices = scope(trace, q.difficulty);
  const ids = texts(trace, indices, q.locale).map((text) => {
    const id = q.options.find((o) => o.text === text)?.id;
    if (id === undefined) throw new RangeError(`order-segments: no option reads "${text}"`);
    return id;
  });
  if (ids.length !== q.options.length) throw new RangeError('order-segments: other segments');
  const before = decided(trace, indices, ids);
  // Any order keeping the decided pairs is the same key; keep the question's own when it does.
  const order = linearise(ids, before, q.answer.order);
  const total = before.length === (ids.length * (ids.length - 1)) / 2;
  return total ? { order } : { order, before };
}

export const orderSegments: TemplateDef = {
  id: 'order-segments',
  topics: ['handshake', 'close', 'sequence-numbers'],
  kinds: ['order'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
