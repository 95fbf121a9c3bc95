// The registry provides a generator for every template id, every topic tag comes from the
// shared vocabulary (lib/topics), and every lesson a question links to exists. (The content
// lint checks the other direction: every template a lesson lists exists.)

import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { TEMPLATES, TEMPLATE_IDS, TOPICS, generateQuestion, listTemplates } from '@/lib/questions';

describe('vocabularies', () => {
  test('every template id has exactly one generator', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_IDS].sort());
  });

  test('every template’s topics come from the vocabulary', () => {
    for (const t of listTemplates()) for (const topic of t.topics) expect(TOPICS).toContain(topic);
  });
});

describe('lessons the questions link to', () => {
  const slugs = (locale: 'zh' | 'en') =>
    new Set(
      readdirSync(new URL(`../../../content/lessons/${locale}/`, import.meta.url)).map((f) =>
        f.replace(/^\d+-/, '').replace(/\.md$/, ''),
      ),
    );

  // One test per template: each question is re-simulated under its hidden variations, so
  // 90 questions take a second or two.
  test.each(TEMPLATE_IDS)(
    'every generated %s question names a lesson that exists in zh and en',
    (template) => {
      const zh = slugs('zh');
      const en = slugs('en');
      for (const difficulty of [1, 2, 3] as const)
        for (let seed = 0; seed < 30; seed++) {
          const { lesson } = generateQuestion(template, { seed, locale: 'en', difficulty });
          expect(en, `${template} d${difficulty} seed ${seed}`).toContain(lesson);
          expect(zh).toContain(lesson);
        }
    },
  );
});
