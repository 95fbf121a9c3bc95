// The GIFT export: escaping is lossless and leaves no bare syntax character, every template
// maps to the question kinds of docs/quiz-export.md, and the marked answer is grade()'s key.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { grade, type Question } from '@/lib/questions';
import { escapeGift, toGift, unescapeGift } from '@/lib/quiz/export';
import { choiceQuestion, everyTemplate, htmlToText, setOf } from './fixtures';
import { hasBareSpecial, parseGift, splitAnswer, type GiftBlock } from './gift-parse';

const SPECIAL_TEXT = fc.string({
  unit: fc.constantFrom('~', '=', '#', '{', '}', ':', '\\', '\n', 'n', '%', 'a', ' ', '中', '>'),
});

describe('escapeGift', () => {
  test('unescaping the escaped text gives the original', () => {
    fc.assert(
      fc.property(SPECIAL_TEXT, (s) => {
        expect(unescapeGift(escapeGift(s))).toBe(s);
      }),
    );
  });

  test('leaves no bare special character and no line break', () => {
    fc.assert(
      fc.property(SPECIAL_TEXT, (s) => {
        const escaped = escapeGift(s);
        expect(hasBareSpecial(escaped)).toBe(false);
        expect(escaped).not.toContain('\n');
      }),
    );
  });

  test.each([
    ['a=b', 'a\\=b'],
    ['{x}', '\\{x\\}'],
    ['1:2', '1\\:2'],
    ['~#', '\\~\\#'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['中文：答案', '中文：答案'],
  ])('%j → %j', (input, output) => {
    expect(escapeGift(input)).toBe(output);
  });
});

function checkBlock(blocks: GiftBlock[], q: Question): void {
  const first = blocks[0];
  if (first === undefined) throw new Error('no block');
  for (const b of blocks) expect(hasBareSpecial(b.text)).toBe(false);
  const general = first.lines.find((l) => l.startsWith('####'));
  if (q.kind !== 'order')
    expect(htmlToText(unescapeGift(general?.slice(4) ?? ''))).toBe(q.explanation);
  const answerLines = first.lines.filter((l) => !l.startsWith('####'));
  switch (q.kind) {
    case 'choice': {
      expect(first.open).toBe('{');
      const right = answerLines.filter((l) => l.startsWith('='));
      expect(right).toHaveLength(1);
      expect(answerLines.filter((l) => l.startsWith('~'))).toHaveLength(q.options.length - 1);
      const text = htmlToText(splitAnswer(right[0]?.slice(1) ?? '').answer);
      const id = q.options.find((o) => o.text === text)?.id;
      expect(id).toBe(q.answer.option);
      expect(grade(q, { option: id })).toMatchObject({ correct: true });
      break;
    }
    case 'multi': {
      // No "=" line: that is how GIFT knows several answers may be chosen.
      expect(answerLines.every((l) => l.startsWith('~%'))).toBe(true);
      const parsed = answerLines.map((l) => {
        const m = /^~%(-?[\d.]+)%(.*)$/.exec(l);
        return { weight: Number(m?.[1]), text: htmlToText(splitAnswer(m?.[2] ?? '').answer) };
      });
      const positive = parsed.filter((p) => p.weight > 0);
      expect(Math.abs(positive.reduce((s, p) => s + p.weight, 0) - 100)).toBeLessThan(0.001);
      const ids = positive.map((p) => q.options.find((o) => o.text === p.text)?.id ?? '?');
      expect(new Set(ids)).toEqual(new Set(q.answer.options));
      expect(grade(q, { options: ids })).toMatchObject({ score: 1 });
      break;
    }
    case 'numeric': {
      expect(first.open).toBe('{#');
      const [value, tolerance] = splitAnswer(answerLines[0]?.slice(1) ?? '').answer.split(':');
      expect(grade(q, { value: value ?? '' })).toMatchObject({ correct: true });
      expect(Number(tolerance)).toBe(q.answer.tolerance);
      for (const l of answerLines.slice(1)) {
        expect(l.startsWith('=%0%')).toBe(true);
        const wrong = splitAnswer(l.slice(4)).answer.split(':')[0] ?? '';
        expect(grade(q, { value: wrong })).toMatchObject({ correct: false });
      }
      break;
    }
    case 'fields': {
      expect(blocks).toHaveLength(3);
      const firstAnswer = (b: GiftBlock | undefined) =>
        splitAnswer(b?.lines[0]?.slice(1) ?? '').answer.split(':')[0] ?? '';
      const fields = {
        flags: firstAnswer(blocks[0]),
        seq: firstAnswer(blocks[1]),
        ack: firstAnswer(blocks[2]),
      };
      expect(grade(q, { fields })).toMatchObject({ score: 1 });
      for (const l of blocks[0]?.lines.filter((x) => x.startsWith('=')) ?? [])
        expect(
          grade(q, { fields: { ...fields, flags: splitAnswer(l.slice(1)).answer } }),
        ).toMatchObject({
          score: 1,
        });
      break;
    }
    case 'order': {
      expect(first.open).toBe(
        `{>${q.options.length} ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT SHOW`,
      );
      const ids = first.lines.map((l) => q.options.find((o) => o.text === l)?.id ?? '?');
      expect(ids).toEqual(q.answer.order);
      expect(grade(q, { order: ids })).toMatchObject({ correct: true });
      break;
    }
  }
}

describe.each(['en', 'zh'] as const)('toGift (%s)', (locale) => {
  const items = everyTemplate(locale, locale === 'en' ? undefined : [1]);
  const { category, blocks } = parseGift(toGift(setOf(items, 'TCP: quiz/1')));

  test('starts with the category and has one block per question (three for fields)', () => {
    expect(category).toBe('$CATEGORY: $course$/top/TCP: quiz//1');
    const expected = items.reduce((n, it) => n + (it.question.kind === 'fields' ? 3 : 1), 0);
    expect(blocks).toHaveLength(expected);
  });

  let at = 0;
  const spans = items.map((item) => {
    const n = item.question.kind === 'fields' ? 3 : 1;
    const span = [at, at + n] as const;
    at += n;
    return span;
  });

  test.each(items.map((item, i) => [item.label, i] as const))(
    '%s: title, comments, key',
    (_, i) => {
      const item = items[i];
      const [from, to] = spans[i] ?? [0, 0];
      const mine = blocks.slice(from, to);
      if (item === undefined) throw new Error('missing item');
      expect(mine[0]?.title.startsWith(item.label)).toBe(true);
      expect(mine[0]?.comments[1]).toContain(
        `template ${item.question.template}, seed ${item.question.seed}`,
      );
      checkBlock(mine, item.question);
    },
  );
});

describe('the correct-answer marker survives any option text', () => {
  const base = choiceQuestion();
  test('exactly one "=" line, and it reads back as the right option', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          SPECIAL_TEXT.filter((s) => s.trim() !== ''),
          { minLength: 2, maxLength: 5 },
        ),
        fc.nat(),
        (texts, pick) => {
          const options = texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
          const right = options[pick % options.length]?.id ?? 'a';
          const question = { ...base, options, answer: { option: right }, misconceptions: {} };
          const { blocks } = parseGift(toGift(setOf([{ question, points: 1, label: 'Q1' }])));
          const lines = blocks[0]?.lines.filter((l) => l.startsWith('=')) ?? [];
          expect(lines).toHaveLength(1);
          expect(htmlToText(splitAnswer(lines[0]?.slice(1) ?? '').answer)).toBe(
            options.find((o) => o.id === right)?.text,
          );
        },
      ),
    );
  });
});
