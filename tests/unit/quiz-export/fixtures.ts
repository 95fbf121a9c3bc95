// Shared fixtures for the export tests: every template × difficulty over a few seeds, and the
// inverse of the exporters' text → HTML step.

import { generateQuestion, TEMPLATE_IDS, TEMPLATES, type Question } from '@/lib/questions';
import type { ExportItem, ExportSet } from '@/lib/quiz/export';

export const SEEDS = [1, 2, 'quiz-7|slot-2|student-9'] as const;

export function everyTemplate(locale: 'zh' | 'en', seeds: readonly (number | string)[] = SEEDS) {
  const items: ExportItem[] = [];
  for (const template of TEMPLATE_IDS)
    for (const difficulty of TEMPLATES[template].difficulties)
      for (const seed of seeds) {
        const question = generateQuestion(template, { seed, locale, difficulty });
        const n = items.length + 1;
        items.push({ question, points: (n % 3) + 1, label: `Q${n} (${template}, ${seed})` });
      }
  return items;
}

export function setOf(items: ExportItem[], title = 'TCP quiz 1'): ExportSet {
  return { title, locale: 'en', questions: items };
}

/** HTML produced by textToHtml back to its text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<br>/g, '\n')
    .replace(/<\/?p>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** A choice question to hand-edit in edge-case tables. */
export function choiceQuestion(locale: 'zh' | 'en' = 'en'): Extract<Question, { kind: 'choice' }> {
  const q = generateQuestion('why', { seed: 1, locale, difficulty: 1 });
  if (q.kind !== 'choice') throw new Error('expected a choice question');
  return q;
}
