// The paper data: numbered questions per student with lettered options, an answer key that
// matches grade(), and every student's variant kept apart.

import { describe, expect, test } from 'vitest';
import { generateQuestion, grade, type Question } from '@/lib/questions';
import { toPaper, type PaperKeyEntry, type PaperQuestion } from '@/lib/quiz/export';
import { everyTemplate } from './fixtures';

/** Read the key back as a response and grade it: the paper must print the real key. */
function responseFromKey(q: Question, shown: PaperQuestion, key: PaperKeyEntry): unknown {
  const idOf = (letter: string) => {
    const i = shown.options.findIndex((o) => o.letter === letter);
    return 'options' in q ? q.options[i]?.id : undefined;
  };
  switch (q.kind) {
    case 'choice':
      return { option: idOf(key.answer) };
    case 'multi':
      return { options: key.answer.split(', ').map(idOf) };
    case 'numeric':
      return { value: key.answer.split(' ')[0] };
    case 'fields': {
      const [flags, seq, ack] = key.answer.split(' / ').map((v) => (v === '—' ? null : v));
      return { fields: { flags, seq, ack } };
    }
    case 'order':
      return { order: key.answer.split(' → ').map(idOf) };
  }
}

describe('toPaper', () => {
  const items = everyTemplate('en', [1]);
  const paper = toPaper([
    { name: 'Ada', questions: items },
    { name: '李雷', questions: items.slice(0, 3) },
  ]);
  const ada = paper.students[0];

  test('one entry per student, questions and key numbered from 1, total points', () => {
    expect(paper.students.map((s) => s.name)).toEqual(['Ada', '李雷']);
    expect(ada?.questions.map((q) => q.number)).toEqual(items.map((_, i) => i + 1));
    expect(ada?.key.map((k) => k.number)).toEqual(items.map((_, i) => i + 1));
    expect(ada?.totalPoints).toBe(items.reduce((s, it) => s + it.points, 0));
    expect(paper.students[1]?.questions).toHaveLength(3);
  });

  test.each(items.map((item, i) => [item.label, i] as const))(
    '%s: the printed key grades as fully correct',
    (_, i) => {
      const item = items[i];
      const shown = ada?.questions[i];
      const key = ada?.key[i];
      if (item === undefined || shown === undefined || key === undefined) throw new Error('gap');
      const q = item.question;
      expect(shown.stem).toBe(q.stem);
      expect(shown.kind).toBe(q.kind);
      expect(shown.ladder !== null).toBe(q.trace !== null);
      expect(key.explanation).toBe(q.explanation);
      expect(grade(q, responseFromKey(q, shown, key))).toMatchObject({ valid: true, score: 1 });
      // The questions sheet never carries the key or the explanation.
      expect(JSON.stringify(shown)).not.toContain(q.explanation);
    },
  );

  test('options are lettered A, B, C… in the order the variant shows them', () => {
    const q = generateQuestion('next-state', { seed: 4, locale: 'zh', difficulty: 1 });
    if (q.kind !== 'choice') throw new Error('expected choice');
    const [student] = toPaper([
      { name: 'x', questions: [{ question: q, points: 1, label: 'Q1' }] },
    ]).students;
    expect(student?.questions[0]?.options).toEqual(
      q.options.map((o, i) => ({ letter: 'ABCDEFGH'[i], text: o.text })),
    );
    const wrong = q.options.filter((o) => q.misconceptions[o.id] !== undefined).length;
    expect(student?.key[0]?.misconceptions).toHaveLength(wrong);
  });
});
