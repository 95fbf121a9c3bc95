// Edge cases both formats must survive: a CDATA terminator in any text, Chinese, an empty
// explanation, control characters, a title with path and markup characters, odd seeds.

import { describe, expect, test } from 'vitest';
import { toGift, toMoodleXml, unescapeGift, type ExportSet } from '@/lib/quiz/export';
import { cdata } from '@/lib/quiz/export/html';
import { choiceQuestion, htmlToText } from './fixtures';
import { parseGift } from './gift-parse';
import { child, childrenNamed, parseXml, textIn, textOf, type XmlElement } from './xml';

type Choice = ReturnType<typeof choiceQuestion>;

function setWith(edit: (q: Choice) => Choice, title = 'Quiz'): ExportSet {
  return {
    title,
    locale: 'en',
    questions: [{ question: edit(choiceQuestion()), points: 2, label: 'Q1 (why, 1)' }],
  };
}

function onlyQuestion(set: ExportSet): XmlElement {
  const q = childrenNamed(parseXml(toMoodleXml(set)), 'question')[1];
  if (q === undefined) throw new Error('no question');
  return q;
}

describe('edge cases', () => {
  const withText = (text: string) =>
    setWith((q) => ({
      ...q,
      stem: `${text} stem`,
      explanation: `${text} explanation`,
      options: q.options.map((o, i) => (i === 0 ? { ...o, text: `${text} option` } : o)),
    }));

  test.each([
    ['a CDATA terminator', 'x ]]> y ]]]]> z'],
    ['Chinese', '三次握手：确认号 = 序号 + 1'],
    ['markup and entities', '<b>bold</b> & &amp; "quoted"'],
    ['GIFT specials', '~ = # { } : \\ %50%'],
  ])('%s in stem, option and explanation reads back unchanged', (_, text) => {
    const set = withText(text);
    const el = onlyQuestion(set);
    expect(htmlToText(textIn(el, 'questiontext'))).toBe(`${text} stem`);
    expect(htmlToText(textIn(el, 'generalfeedback'))).toBe(`${text} explanation`);
    const first = childrenNamed(el, 'answer')[0] as XmlElement;
    expect(htmlToText(textOf(child(first, 'text')))).toBe(`${text} option`);

    const block = parseGift(toGift(set)).blocks[0];
    expect(htmlToText(unescapeGift(block?.text ?? ''))).toBe(`${text} stem`);
    const general = block?.lines.find((l) => l.startsWith('####')) ?? '';
    expect(htmlToText(unescapeGift(general.slice(4)))).toBe(`${text} explanation`);
  });

  test.each(['x]]>y', ']]>', ']]]]>', 'a]]>b]]>c', ']]'])(
    'cdata(%j) is one well-formed text node that reads back whole',
    (text) => {
      // The exporters escape ">" in HTML, so this guards cdata() itself for any future caller.
      expect(textOf(parseXml(`<a>${cdata(text)}</a>`))).toBe(text);
    },
  );

  test('an empty explanation gives an empty general feedback and no #### line', () => {
    const set = setWith((q) => ({ ...q, explanation: '' }));
    expect(textIn(onlyQuestion(set), 'generalfeedback')).toBe('');
    expect(parseGift(toGift(set)).blocks[0]?.lines.some((l) => l.startsWith('####'))).toBe(false);
  });

  test('control characters XML forbids are dropped, the rest kept', () => {
    const set = setWith((q) => ({ ...q, stem: 'a\u0000b\u0007c\td' }));
    expect(htmlToText(textIn(onlyQuestion(set), 'questiontext'))).toBe('abc\td');
  });

  test('a title with "/" and markup becomes one escaped category level', () => {
    const title = 'Net/TCP <week 3> & more';
    const root = parseXml(toMoodleXml(setWith((q) => q, title)));
    const category = childrenNamed(root, 'question')[0] as XmlElement;
    expect(textIn(category, 'category')).toBe('$course$/top/Net//TCP <week 3> & more');
    expect(toGift(setWith((q) => q, title))).toMatch(/^\$CATEGORY: \$course\$\/top\/Net\/\/TCP/);
  });

  test('a seed with "--" and line breaks still gives a valid comment and one-line GIFT comment', () => {
    const set = setWith((q) => ({ ...q, seed: 'a--b-\nc' }));
    expect(() => parseXml(toMoodleXml(set))).not.toThrow();
    const block = parseGift(toGift(set)).blocks[0];
    expect(block?.comments[1]).toContain('seed a--b- c');
  });

  test('a multi line stem keeps its paragraphs and line breaks', () => {
    const set = setWith((q) => ({ ...q, stem: 'one\ntwo\n\nthree' }));
    expect(textIn(onlyQuestion(set), 'questiontext')).toBe('<p>one<br>two</p><p>three</p>');
  });
});
