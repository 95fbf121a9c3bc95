// Family "why": conceptual choice questions tied to lessons; key and distractors come from
// the authored items in why-items.ts.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick } from '../build';
import { steps } from '../explain';
import { tr } from '../locales/common';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, TemplateDef } from '../types';
import { WHY_ITEMS, type WhyItem } from './why-items';

const KEY = { en: (a: string) => `Answer: ${a}`, zh: (a: string) => `答案：${a}` };

function itemById(id: unknown): WhyItem {
  const item = WHY_ITEMS.find((i) => i.id === id);
  if (item === undefined) throw new RangeError(`unknown why-item ${String(id)}`);
  return item;
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const item = pick(
    rng,
    WHY_ITEMS.filter((i) => i.difficulty === ctx.difficulty),
  );
  const correct = tr(locale, item.correct);
  const choice = buildChoice(
    rng,
    correct,
    item.wrong.map((w) => ({ text: tr(locale, w.text), misconception: w.misconception })),
  );
  return {
    kind: 'choice',
    topics: item.topics,
    lesson: item.lesson,
    stem: tr(locale, item.stem),
    trace: null,
    options: choice.options,
    answer: choice.answer,
    explanation: steps([tr(locale, item.because), KEY[locale](correct)]),
    misconceptions: choice.misconceptions,
    source: { scenario: null, seed: 0, set: {}, focus: { item: item.id } },
  };
}

function solve(_trace: Trace | null, q: Question): Answer {
  if (q.kind !== 'choice') throw new TypeError('why-questions are choice questions');
  const text = tr(q.locale, itemById(q.source.focus['item']).correct);
  return { option: q.options.find((o) => o.text === text)?.id ?? '' };
}

export const why: TemplateDef = {
  id: 'why',
  // Every topic here has items at each difficulty (tests/unit/questions/why.test.ts), so a
  // practice request for any of them at any difficulty finds one.
  topics: [
    'header',
    'handshake',
    'handshake-loss',
    'retransmission',
    'isn',
    'close',
    'half-close',
    'close-wait',
    'time-wait',
    'rst',
    'keepalive',
    'simultaneous',
    'socket-api',
  ],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
