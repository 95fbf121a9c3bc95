// The public question is all a learner sees before grading and nothing more: no key, no
// seed, no scenario name and no parameters, from which the open-source generator or
// simulator would give the key away. Checked for every template and difficulty.
import { describe, expect, test } from 'vitest';
import { generateQuestion, listTemplates, toPublicQuestion } from '@/lib/questions';

const SEED = 987_654_321;
const SHOWN = new Set([
  'template',
  'locale',
  'difficulty',
  'kind',
  'topics',
  'lesson',
  'stem',
  'trace',
  'options',
  'fields',
  'unit',
  // Which numbering the text uses (relative or absolute), for the diagram beside it.
  'numbering',
]);
const SHOWN_TRACE = ['end', 'events', 'profile', 'segments', 'states', 'timers'];

describe.each(listTemplates().map((t) => [t.id, t.difficulties] as const))('%s', (id, levels) => {
  test.each([...levels])('difficulty %i', (difficulty) => {
    const q = generateQuestion(id, {
      seed: SEED,
      locale: 'en',
      difficulty: difficulty as 1 | 2 | 3,
    });
    const pub = toPublicQuestion(q);
    for (const key of Object.keys(pub)) expect(SHOWN).toContain(key);
    if (pub.trace) expect(Object.keys(pub.trace).sort()).toEqual(SHOWN_TRACE);
    const text = JSON.stringify(pub);
    expect(text).not.toContain(String(SEED));
    expect(text).not.toMatch(/"seed"|"scenario"|"params"|"answer"|"source"|"explanation"/);
    for (const scenario of [q.source.scenario, q.trace?.scenario])
      if (scenario) expect(text).not.toContain(`"${scenario}"`);
    // The stem, options and shown trace are the learner's as they were.
    expect(pub.stem).toBe(q.stem);
    expect(pub.trace?.segments ?? null).toEqual(q.trace?.segments ?? null);
  });
});
