// Every template, difficulty and locale over a band of seeds: well-formed, key from a fresh
// simulation, explanation states the key, deterministic, numbers vary with the seed.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DIFFICULTIES,
  LOCALES,
  TEMPLATE_IDS,
  generateQuestion,
  listTemplates,
  type Question,
} from '@/lib/questions';
import { checkQuestion } from './helpers';

const SEEDS = 12;

describe.each(TEMPLATE_IDS)('%s', (template) => {
  test.each(DIFFICULTIES.flatMap((d) => LOCALES.map((l) => [d, l] as const)))(
    'difficulty %i, %s: %i seeds are well-formed with engine-computed keys',
    (difficulty, locale) => {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generateQuestion(template, { seed, locale, difficulty });
        expect(q.template).toBe(template);
        expect(q.difficulty).toBe(difficulty);
        expect(q.locale).toBe(locale);
        checkQuestion(q);
      }
    },
  );

  test('same template, seed, locale and difficulty → identical JSON', () => {
    for (const seed of [0, 7, 'quiz-3|slot-2|student-9']) {
      const a = generateQuestion(template, { seed, locale: 'en', difficulty: 2 });
      const b = generateQuestion(template, { seed, locale: 'en', difficulty: 2 });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });

  test('zh and en of one seed ask the same question (same key and source)', () => {
    for (const difficulty of DIFFICULTIES) {
      const zh = generateQuestion(template, { seed: 5, locale: 'zh', difficulty });
      const en = generateQuestion(template, { seed: 5, locale: 'en', difficulty });
      expect(en.source).toEqual(zh.source);
      expect(en.kind).toBe(zh.kind);
      expect(en.stem).not.toBe(zh.stem);
    }
  });

  test('different seeds give different questions', () => {
    for (const difficulty of DIFFICULTIES) {
      const seen = new Set<string>();
      for (let seed = 0; seed < 20; seed++) {
        const q: Question = generateQuestion(template, { seed, locale: 'en', difficulty });
        seen.add(
          `${q.stem}|${JSON.stringify(q.answer)}|${JSON.stringify('options' in q ? q.options : [])}`,
        );
      }
      expect(seen.size).toBeGreaterThan(1);
    }
  });
});

test('--list summary: every template with kinds, topics and difficulties 1-3', () => {
  const list = listTemplates();
  expect(list.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
  for (const t of list) {
    expect(t.difficulties).toEqual([1, 2, 3]);
    expect(t.kinds.length).toBeGreaterThan(0);
    expect(t.topics.length).toBeGreaterThan(0);
  }
});

test('property: any seed (number or string), locale and difficulty gives a valid question', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...TEMPLATE_IDS),
      fc.oneof(fc.integer(), fc.string({ maxLength: 40 })),
      fc.constantFrom(...LOCALES),
      fc.constantFrom(...DIFFICULTIES),
      (template, seed, locale, difficulty) => {
        checkQuestion(generateQuestion(template, { seed, locale, difficulty }));
      },
    ),
    { numRuns: 200 },
  );
});
