import { describe, expect, test } from 'vitest';
import { lessonProgress } from '@/app/lessons/lesson-progress';

const m = (topic: string, known: number, attempts = 3) => ({ topic, known, attempts });

describe('lessonProgress: the mean mastery over the lesson topics, unpractised topics as 0', () => {
  test.each([
    ['nothing practised', ['handshake', 'states'], [], null],
    ['only other topics practised', ['handshake'], [m('close', 0.9)], null],
    ['a topic row without attempts does not count', ['handshake'], [m('handshake', 0.2, 0)], null],
    [
      'one of two topics',
      ['handshake', 'states'],
      [m('handshake', 0.8)],
      { known: 0.4, practisedTopics: 1, topics: 2 },
    ],
    [
      'both topics',
      ['handshake', 'states'],
      [m('handshake', 0.8), m('states', 0.6)],
      { known: 0.7, practisedTopics: 2, topics: 2 },
    ],
    [
      'a repeated topic counts once',
      ['handshake', 'handshake'],
      [m('handshake', 0.5)],
      { known: 0.5, practisedTopics: 1, topics: 1 },
    ],
  ] as const)('%s', (_name, topics, mastery, expected) => {
    const result = lessonProgress(topics, mastery);
    if (expected === null) expect(result).toBeNull();
    else {
      expect(result?.practisedTopics).toBe(expected.practisedTopics);
      expect(result?.topics).toBe(expected.topics);
      expect(result?.known).toBeCloseTo(expected.known, 10);
    }
  });

  test('out-of-range mastery is clamped', () => {
    expect(lessonProgress(['a'], [m('a', 1.7)])?.known).toBe(1);
    expect(lessonProgress(['a'], [m('a', -1)])?.known).toBe(0);
  });

  test('no topics, no progress', () => {
    expect(lessonProgress([], [m('a', 1)])).toBeNull();
  });
});
