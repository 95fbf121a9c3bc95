// The registry provides exactly the template ids lessons reference, and every topic tag comes
// from the shared vocabulary; lib/questions re-declares both lists, this test compares them.

import { TEMPLATE_IDS as CONTENT_TEMPLATE_IDS, TOPICS as CONTENT_TOPICS } from '@/lib/content';
import { describe, expect, test } from 'vitest';
import { TEMPLATES, TEMPLATE_IDS, TOPICS, listTemplates } from '@/lib/questions';

describe('vocabularies shared with lib/content', () => {
  test('template ids are exactly the content vocabulary’s', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual([...CONTENT_TEMPLATE_IDS].sort());
    expect(Object.keys(TEMPLATES).sort()).toEqual([...CONTENT_TEMPLATE_IDS].sort());
  });

  test('topics are exactly the content vocabulary’s', () => {
    expect([...TOPICS].sort()).toEqual([...CONTENT_TOPICS].sort());
  });

  test('every template’s topics come from the vocabulary', () => {
    for (const t of listTemplates()) for (const topic of t.topics) expect(TOPICS).toContain(topic);
  });
});
