// The slim question kept for grading (lib/classroom/questions.ts) must grade every response
// exactly as the whole question does, for every template, and be much smaller.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradingQuestionFor } from '@/lib/classroom/questions';
import {
  generateQuestion,
  grade,
  keyAsResponse,
  listTemplates,
  type Question,
} from '@/lib/questions';

/** Responses of every shape: the key, near misses, other kinds' shapes, junk. */
function responsesFor(q: Question): unknown[] {
  const key = keyAsResponse(q);
  const ids = 'options' in q ? q.options.map((o) => o.id) : ['a', 'b'];
  return [
    key,
    { option: ids[0] },
    { option: ids.at(-1) },
    { option: 'zz' },
    { options: ids.slice(0, 2) },
    { options: [ids[0], ids[0]] },
    { value: 0 },
    { value: 1e9 },
    { fields: { flags: 'S.', seq: 0, ack: 1 } },
    { fields: { flags: 'R', seq: null, ack: null } },
    { order: [...ids].reverse() },
    { order: ids },
    null,
    'text',
    { nonsense: true },
  ];
}

describe('gradingQuestionFor', () => {
  const templates = listTemplates();

  test.each(templates.map((t) => [t.id, t.difficulties] as const))(
    '%s: grades every response as the whole question does',
    (template, difficulties) => {
      fc.assert(
        fc.property(fc.nat(2 ** 31), fc.constantFrom(...difficulties), (seed, difficulty) => {
          const item = { slot: 0, index: 0, template, seed, difficulty };
          const whole = generateQuestion(template, { seed, difficulty, locale: 'en' });
          const slim = gradingQuestionFor(item);
          for (const response of responsesFor(whole)) {
            expect(grade(slim, response)).toEqual(grade(whole, response));
          }
        }),
        { numRuns: 15 },
      );
    },
  );

  test('keeps no stem, trace, explanation or option text, and is a small part of the size', () => {
    let whole = 0;
    let slim = 0;
    for (const t of templates) {
      const item = { slot: 0, index: 0, template: t.id, seed: 7, difficulty: t.difficulties[0]! };
      const q = gradingQuestionFor(item);
      expect(q.stem).toBe('');
      expect(q.trace).toBeNull();
      expect(q.explanation).toBe('');
      if ('options' in q) expect(q.options.every((o) => o.text === '')).toBe(true);
      slim += JSON.stringify(q).length;
      whole += JSON.stringify(
        generateQuestion(t.id, { seed: 7, difficulty: item.difficulty, locale: 'en' }),
      ).length;
    }
    expect(slim / whole).toBeLessThan(0.35);
  });
});
