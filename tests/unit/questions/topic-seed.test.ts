// questionAbout: a topic is a property of a seed, so a topic request is served by choosing,
// among candidate seeds, the first whose question is about the topic (issue 18, finding 8).
import { describe, expect, test } from 'vitest';
import {
  QuestionError,
  TOPIC_CANDIDATES,
  findQuestionAbout,
  generateQuestion,
  listTemplates,
  questionAbout,
  seedAbout,
  templatesAbout,
} from '@/lib/questions';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('questionAbout', () => {
  test.each([
    ['listen-queues', 'syn-flood', 3],
    ['why', 'close-wait', 2],
    ['next-state', 'simultaneous', 3],
    ['close-outcome', 'rst', 3],
  ] as const)('%s on %s (difficulty %i): the first candidate about it', (template, topic, d) => {
    const candidates = range(1000, 64);
    const seed = questionAbout(template, topic, d, candidates);
    const topicsOf = (s: number) =>
      generateQuestion(template, { seed: s, difficulty: d, locale: 'en' }).topics;
    expect(topicsOf(seed)).toContain(topic);
    for (const earlier of candidates.slice(0, candidates.indexOf(seed)))
      expect(topicsOf(earlier)).not.toContain(topic);
  });

  test(`a template never about the topic: NO_QUESTION_FOR_TOPIC after ${TOPIC_CANDIDATES} candidates`, () => {
    let pulled = 0;
    function* endless() {
      for (let seed = 1; ; seed++) {
        pulled++;
        yield seed;
      }
    }
    let error: unknown;
    try {
      questionAbout('congestion-window', 'handshake', 1, endless());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuestionError);
    expect((error as QuestionError).code).toBe('NO_QUESTION_FOR_TOPIC');
    expect(pulled).toBeLessThanOrEqual(TOPIC_CANDIDATES + 1);
    expect(findQuestionAbout('congestion-window', 'handshake', 1, range(1, 10))).toBeNull();
  });

  test('a wrong template or difficulty is a programmer error, not a missing topic', () => {
    expect(() => questionAbout('nope', 'close', 1, [1])).toThrow(/unknown template/);
    expect(() => questionAbout('why', 'close', 4 as 1, [1])).toThrow(/difficulty/);
  });
});

describe('templatesAbout and seedAbout', () => {
  // A few topics here; the app's table test (tests/unit/app/topics-honoured) covers them all.
  test.each(['close', 'syn-flood', 'handshake', 'congestion'] as const)(
    'a template serves %s at a difficulty only when it declares both and has such a question',
    (topic) => {
      for (const { id, topics, difficulties } of listTemplates())
        if (topics.includes(topic))
          for (const d of difficulties)
            if (templatesAbout(topic, d).includes(id))
              expect(
                findQuestionAbout(id, topic, d, range(1, TOPIC_CANDIDATES)),
                `${id} ${topic} d${d}`,
              ).not.toBeNull();
      // A template that does not declare a topic never serves it.
      expect(
        templatesAbout(topic, 1).filter(
          (id) =>
            !listTemplates()
              .find((t) => t.id === id)
              ?.topics.includes(topic),
        ),
      ).toEqual([]);
    },
    20_000,
  );

  test('seedAbout: null for a topic or difficulty outside the vocabularies or a template that does not serve it', () => {
    expect(seedAbout({ template: 'why', topic: 'no-such-topic', difficulty: 2 }, [1])).toBeNull();
    expect(seedAbout({ template: 'why', topic: 'close-wait', difficulty: 7 }, [1])).toBeNull();
    expect(
      seedAbout({ template: 'congestion-window', topic: 'handshake', difficulty: 1 }, [1]),
    ).toBeNull();
    const seed = seedAbout({ template: 'why', topic: 'close-wait', difficulty: 2 }, range(1, 64));
    expect(seed).not.toBeNull();
    expect(generateQuestion('why', { seed: seed!, difficulty: 2, locale: 'zh' }).topics).toContain(
      'close-wait',
    );
  });
});
