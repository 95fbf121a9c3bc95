// The practice policy: weakest topic first, mistakes return after RETRY_GAP other questions
// with a fresh seed, difficulty follows mastery, and the choice is deterministic.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  chooseNext,
  difficultyFor,
  hashSeed,
  MasteryError,
  REST_WINDOW,
  RETRY_GAP,
  type NextInput,
  type PastAnswer,
} from '@/lib/mastery';

const templates = [
  { id: 'next-state', topics: ['states', 'handshake'], difficulties: [1, 2, 3] },
  { id: 'seq-ack', topics: ['sequence-numbers', 'handshake'], difficulties: [1, 2, 3] },
  { id: 'close-outcome', topics: ['close', 'time-wait'], difficulties: [2, 3] },
  { id: 'queues', topics: ['queues'], difficulties: [1, 2] },
];

function input(over: Partial<NextInput> = {}): NextInput {
  return {
    templates,
    topics: [],
    mastery: [],
    history: [],
    difficulty: 'adaptive',
    learnerKey: 'user-1',
    position: 0,
    seedOf: (parts) => hashSeed(...parts),
    ...over,
  };
}

const right = (template: string, seed = 1): PastAnswer => ({ template, seed, correct: true });
const wrong = (template: string, seed = 1): PastAnswer => ({ template, seed, correct: false });

describe('weakest topic first', () => {
  test('the chosen topic with the lowest mastery is practised', () => {
    const next = chooseNext(
      input({
        topics: ['states', 'close', 'queues'],
        mastery: [
          { topic: 'states', known: 0.7, attempts: 5 },
          { topic: 'close', known: 0.3, attempts: 5 },
          { topic: 'queues', known: 0.9, attempts: 5 },
        ],
      }),
    );
    expect(next).toMatchObject({ topic: 'close', template: 'close-outcome', reason: 'weakest' });
  });

  test('an unseen topic starts at the prior, so it comes before a topic known at 0.5', () => {
    const next = chooseNext(
      input({
        topics: ['states', 'queues'],
        mastery: [{ topic: 'states', known: 0.5, attempts: 3 }],
      }),
    );
    expect(next.topic).toBe('queues');
  });

  test('mixed (no topics) draws from every topic a template covers', () => {
    const mastery = ['states', 'handshake', 'sequence-numbers', 'close', 'time-wait'].map(
      (topic) => ({
        topic,
        known: 0.8,
        attempts: 4,
      }),
    );
    expect(chooseNext(input({ mastery })).topic).toBe('queues');
  });

  test('the templates of a topic rotate: the least recently used comes next', () => {
    const next = chooseNext(
      input({ topics: ['handshake'], history: [right('seq-ack'), right('next-state')] }),
    );
    expect(next.template).toBe('seq-ack');
  });

  test('a topic no template covers is an error naming it', () => {
    expect(() => chooseNext(input({ topics: ['keepalive'] }))).toThrow(MasteryError);
    expect(() => chooseNext(input({ topics: ['keepalive'] }))).toThrow(/keepalive/);
  });
});

describe('interleaving', () => {
  test(`topics of the last ${REST_WINDOW} questions rest while other chosen topics remain`, () => {
    const mastery = [
      { topic: 'queues', known: 0.1, attempts: 3 },
      { topic: 'close', known: 0.5, attempts: 3 },
    ];
    const topics = ['queues', 'close'];
    expect(chooseNext(input({ topics, mastery })).topic).toBe('queues');
    const history = [wrong('queues', 5)];
    expect(chooseNext(input({ topics, mastery, history, position: 1 })).topic).toBe('close');
  });

  test('with every chosen topic resting, the weakest is practised anyway', () => {
    const history = [right('queues', 5)];
    expect(chooseNext(input({ topics: ['queues'], history, position: 1 })).template).toBe('queues');
  });

  test('a learner who answers everything wrong still meets several templates', () => {
    const history: PastAnswer[] = [];
    const mastery = new Map<string, number>();
    for (let position = 0; position < 10; position++) {
      const next = chooseNext(
        input({
          history,
          position,
          mastery: [...mastery].map(([topic, known]) => ({ topic, known, attempts: 1 })),
        }),
      );
      history.push(wrong(next.template, next.seed));
      for (const topic of templates.find((t) => t.id === next.template)?.topics ?? []) {
        mastery.set(topic, Math.min(mastery.get(topic) ?? 0.2, 0.17));
      }
    }
    expect(new Set(history.map((h) => h.template)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('mistakes come back later with fresh numbers', () => {
  test(`not before ${RETRY_GAP} other questions`, () => {
    const history = [wrong('queues', 77), right('next-state'), right('seq-ack')];
    const next = chooseNext(
      input({ history, position: 3, topics: ['queues', 'states', 'handshake'] }),
    );
    expect(next.reason).toBe('weakest');
  });

  test(`after ${RETRY_GAP} other questions, with a seed the learner has not had`, () => {
    const history = [
      wrong('queues', 77),
      right('next-state'),
      right('seq-ack'),
      right('next-state', 2),
    ];
    const next = chooseNext(input({ history, position: 4 }));
    expect(next).toMatchObject({ template: 'queues', reason: 'retry', topic: 'queues' });
    expect(next.seed).not.toBe(77);
  });

  test('a mistake settled by a later answer to the same template does not come back', () => {
    const history = [
      wrong('queues', 77),
      right('queues', 78),
      right('next-state'),
      right('seq-ack'),
    ];
    expect(chooseNext(input({ history, position: 4 })).reason).toBe('weakest');
  });

  test('a mistake outside the chosen topics does not come back', () => {
    const history = [
      wrong('queues', 77),
      right('next-state'),
      right('seq-ack'),
      right('next-state', 2),
    ];
    expect(chooseNext(input({ history, position: 4, topics: ['states'] })).template).toBe(
      'next-state',
    );
  });

  test('the fresh seed avoids every seed already used for the template', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }),
        fc.nat(1000),
        (seeds, position) => {
          const history = seeds.map((s) =>
            right('queues', hashSeed('user-1', 'queues', position, s)),
          );
          const next = chooseNext(input({ topics: ['queues'], history, position }));
          return !history.some((h) => h.seed === next.seed);
        },
      ),
    );
  });
});

describe('difficulty', () => {
  test.each([
    [0.1, 1],
    [0.39, 1],
    [0.4, 2],
    [0.74, 2],
    [0.75, 3],
  ] as const)('adaptive: mastery %f → difficulty %i', (known, d) => {
    expect(difficultyFor(known)).toBe(d);
  });

  test('a fixed choice the template does not offer becomes the nearest it offers', () => {
    expect(chooseNext(input({ topics: ['close'], difficulty: 1 })).difficulty).toBe(2);
    expect(chooseNext(input({ topics: ['queues'], difficulty: 3 })).difficulty).toBe(2);
  });
});

test('the seed comes from the injected function of (learner, template, position, salt)', () => {
  // The action injects a keyed function: what the learner knows cannot give the seed.
  const seen: (string | number)[][] = [];
  const next = chooseNext(
    input({
      topics: ['queues'],
      position: 7,
      seedOf: (parts) => {
        seen.push([...parts]);
        return 4242;
      },
    }),
  );
  expect(next.seed).toBe(4242);
  expect(seen).toEqual([['user-1', 'queues', 7, 0]]);
});

test('the same input gives the same question (a reload resumes the session)', () => {
  const a = chooseNext(input({ position: 12, history: [wrong('seq-ack', 5)] }));
  const b = chooseNext(input({ position: 12, history: [wrong('seq-ack', 5)] }));
  expect(a).toEqual(b);
});

test('hashSeed pins its first values (seeds are stored; changing the hash changes questions)', () => {
  expect([hashSeed('user-1', 'queues', 0, 0), hashSeed('a'), hashSeed('')]).toMatchInlineSnapshot(`
    [
      621747724,
      1678518572,
      18652613,
    ]
  `);
});
