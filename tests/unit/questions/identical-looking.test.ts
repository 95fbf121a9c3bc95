// Two questions that look the same to the learner (the same public question: stem, options,
// shown trace) must have the same key (issue 18, finding 2), checked over 500 seeds per
// difficulty for the listen-queues, why, exam and congestion templates.

import { describe, expect, test } from 'vitest';
import {
  generateQuestion,
  toPublicQuestion,
  type Difficulty,
  type TemplateId,
} from '@/lib/questions';

const SEEDS = 500;
const TEMPLATES: readonly TemplateId[] = [
  'listen-queues',
  'why',
  'exam-word-problem',
  'congestion-window',
  'rounds-to-window',
  'sendable-bytes',
  'sendable-range',
  'fast-retransmit',
];

/** Public views seen with more than one key, with the seeds that showed them. */
function clashes(template: TemplateId, difficulty: Difficulty): string[] {
  const keys = new Map<string, { key: string; seed: number }>();
  const out: string[] = [];
  for (let seed = 0; seed < SEEDS; seed++) {
    const q = generateQuestion(template, { seed, locale: 'en', difficulty });
    const view = JSON.stringify(toPublicQuestion(q));
    const key = JSON.stringify(q.answer);
    const seen = keys.get(view);
    if (seen === undefined) keys.set(view, { key, seed });
    else if (seen.key !== key) out.push(`seeds ${seen.seed} and ${seed}: ${seen.key} vs ${key}`);
  }
  return out;
}

describe.each(TEMPLATES)('%s', (template) => {
  test.each([1, 2, 3] as const)(`d%i: ${SEEDS} seeds, one key per public view`, (difficulty) => {
    expect(clashes(template, difficulty)).toEqual([]);
  });
});
