// The Moodle XML export: well-formed for every template, one question per item with the right
// Moodle type, and the answer marked right is exactly the key grade() accepts.

import { describe, expect, test } from 'vitest';
import { grade, type Question } from '@/lib/questions';
import { toMoodleXml } from '@/lib/quiz/export';
import { MOODLE_FRACTIONS } from '@/lib/quiz/export/fractions';
import { everyTemplate, htmlToText, setOf } from './fixtures';
import { child, childrenNamed, parseXml, textIn, textOf, type XmlElement } from './xml';

const TYPE: Record<Question['kind'], string> = {
  choice: 'multichoice',
  multi: 'multichoice',
  numeric: 'numerical',
  fields: 'cloze',
  order: 'ordering',
};

function answers(el: XmlElement) {
  return childrenNamed(el, 'answer').map((a) => ({
    fraction: Number(a.attrs.fraction),
    text: textOf(child(a, 'text')),
    feedback: textIn(a, 'feedback'),
  }));
}

function optionId(q: Question, html: string): string {
  if (q.kind !== 'choice' && q.kind !== 'multi' && q.kind !== 'order') throw new Error(q.kind);
  const found = q.options.find((o) => o.text === htmlToText(html));
  if (found === undefined) throw new Error(`no option with text ${html}`);
  return found.id;
}

/** The cloze subquestions of a question text: type and alternatives (escapes kept). */
function clozeParts(html: string) {
  return [...html.matchAll(/\{1:(SHORTANSWER|NUMERICAL):((?:\\.|[^\\}])*)\}/g)].map((m) => ({
    type: m[1] ?? '',
    alternatives: (m[2] ?? '').split(/(?<!\\)~/).map((alt) => {
      const right = alt.startsWith('=');
      const body = alt.replace(/^(=|%-?\d+%)/, '').split(/(?<!\\)#/)[0] ?? '';
      return { right, answer: body.replace(/\\(.)/g, '$1') };
    }),
  }));
}

function checkQuestion(el: XmlElement, q: Question, points: number): void {
  expect(el.attrs.type).toBe(TYPE[q.kind]);
  const questionText = textIn(el, 'questiontext');
  expect(questionText).toContain(q.stem.split('\n')[0]?.replace(/&/g, '&amp;').slice(0, 20));
  expect(htmlToText(textIn(el, 'generalfeedback'))).toBe(q.explanation);
  if (q.kind !== 'fields') expect(Number(textOf(child(el, 'defaultgrade')))).toBe(points);
  const list = answers(el);
  switch (q.kind) {
    case 'choice': {
      expect(textOf(child(el, 'single'))).toBe('true');
      const right = list.filter((a) => a.fraction === 100);
      expect(right).toHaveLength(1);
      expect(list.filter((a) => a.fraction === 0)).toHaveLength(q.options.length - 1);
      const id = optionId(q, right[0]?.text ?? '');
      expect(id).toBe(q.answer.option);
      expect(grade(q, { option: id })).toMatchObject({ valid: true, correct: true });
      for (const o of q.options) {
        const fb = list.find((a) => htmlToText(a.text) === o.text)?.feedback ?? '';
        expect(fb !== '').toBe(q.misconceptions[o.id] !== undefined);
      }
      break;
    }
    case 'multi': {
      expect(textOf(child(el, 'single'))).toBe('false');
      const positive = list.filter((a) => a.fraction > 0);
      const sum = positive.reduce((s, a) => s + a.fraction, 0);
      expect(Math.abs(sum - 100)).toBeLessThan(0.001);
      for (const a of list) expect(MOODLE_FRACTIONS).toContain(Math.abs(a.fraction));
      const ids = positive.map((a) => optionId(q, a.text));
      expect(new Set(ids)).toEqual(new Set(q.answer.options));
      expect(grade(q, { options: ids })).toMatchObject({ valid: true, score: 1 });
      // A wrong option costs what a right one earns, as in grade().
      for (const a of list.filter((x) => x.fraction <= 0))
        expect(a.fraction).toBeCloseTo(-(positive[0]?.fraction ?? 0), 5);
      break;
    }
    case 'numeric': {
      const right = list.filter((a) => a.fraction === 100);
      expect(right).toHaveLength(1);
      expect(grade(q, { value: right[0]?.text ?? '' })).toMatchObject({ correct: true });
      const tol = childrenNamed(el, 'answer')[0];
      expect(Number(textOf(child(tol as XmlElement, 'tolerance')))).toBe(q.answer.tolerance);
      for (const a of list.filter((x) => x.fraction === 0))
        expect(grade(q, { value: a.text })).toMatchObject({ correct: false });
      break;
    }
    case 'fields': {
      const parts = clozeParts(questionText);
      expect(parts).toHaveLength(3);
      const first = parts.map((p) => p.alternatives.find((a) => a.right)?.answer ?? '');
      const asValue = (v: string, type: string) => (type === 'NUMERICAL' ? v.split(':')[0] : v);
      const response = {
        fields: {
          flags: first[0] ?? '',
          seq: asValue(first[1] ?? '', parts[1]?.type ?? ''),
          ack: asValue(first[2] ?? '', parts[2]?.type ?? ''),
        },
      };
      expect(grade(q, response)).toMatchObject({ valid: true, score: 1 });
      // Every spelling offered as right for the flags is one grade() accepts.
      for (const alt of parts[0]?.alternatives.filter((a) => a.right) ?? [])
        expect(grade(q, { fields: { ...response.fields, flags: alt.answer } })).toMatchObject({
          score: 1,
        });
      break;
    }
    case 'order': {
      expect(textOf(child(el, 'gradingtype'))).toBe('RELATIVE_ALL_PREVIOUS_AND_NEXT');
      const ids = [...list].sort((a, b) => a.fraction - b.fraction).map((a) => optionId(q, a.text));
      expect(list.map((a) => a.fraction)).toEqual(q.options.map((_, i) => i + 1));
      expect(ids).toEqual(q.answer.order);
      expect(grade(q, { order: ids })).toMatchObject({ valid: true, correct: true });
      break;
    }
  }
}

describe.each(['en', 'zh'] as const)('toMoodleXml (%s)', (locale) => {
  const items = everyTemplate(locale, locale === 'en' ? undefined : [1]);
  const root = parseXml(
    toMoodleXml(setOf(items, locale === 'zh' ? '计算机网络 测验' : 'TCP quiz')),
  );

  test('is a well-formed <quiz> with a category, then one question per item', () => {
    expect(root.name).toBe('quiz');
    const questions = childrenNamed(root, 'question');
    expect(questions).toHaveLength(items.length + 1);
    expect(questions[0]?.attrs.type).toBe('category');
    expect(textIn(questions[0] as XmlElement, 'category')).toBe(
      locale === 'zh' ? '$course$/top/计算机网络 测验' : '$course$/top/TCP quiz',
    );
  });

  test.each(items.map((item, i) => [item.label, i] as const))(
    '%s: type, points and the key',
    (_, i) => {
      const item = items[i];
      const el = childrenNamed(root, 'question')[i + 1];
      if (item === undefined || el === undefined) throw new Error('missing question');
      expect(textIn(el, 'name')).toBe(item.label);
      checkQuestion(el, item.question, item.points);
    },
  );

  test('a question that shows a trace carries it as a preformatted ladder', () => {
    const i = items.findIndex((it) => it.question.trace !== null);
    const el = childrenNamed(root, 'question')[i + 1] as XmlElement;
    const html = textIn(el, 'questiontext');
    expect(html).toMatch(/<pre>[\s\S]*\|[\s\S]*#1 [\s\S]*<\/pre>/);
    // The scenario name could give the answer away; it is not printed.
    expect(html).not.toContain(items[i]?.question.trace?.scenario ?? '');
  });
});
