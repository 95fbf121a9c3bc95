// Practice persistence against each real database: answers are durable once stored, mastery
// follows lib/mastery, and concurrent answers never lose an update.
import { afterEach, describe, expect, test } from 'vitest';
import { createUser } from '@/lib/db/users';
import { disconnectDb } from '@/lib/db/client';
import {
  countPracticeAnswers,
  listMistakenTemplates,
  listRecentAnswers,
  listTopicMastery,
  recordPracticeAnswer,
  type NewPracticeAnswer,
} from '@/lib/db/practice';
import { BKT_DEFAULTS, updateMastery } from '@/lib/mastery';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

const bkt = (score: number) => (known: number | null) =>
  updateMastery(known ?? BKT_DEFAULTS.prior, score);

function answer(userId: string, over: Partial<NewPracticeAnswer> = {}): NewPracticeAnswer {
  return {
    userId,
    template: 'seq-ack-numbers',
    seed: 7,
    difficulty: 2,
    locale: 'zh',
    topics: ['sequence-numbers', 'handshake'],
    response: { value: '1001' },
    correct: true,
    score: 1,
    misconception: null,
    ...over,
  };
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('an answer is durable once the function returns', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'p@example.com', passwordHash: null });
    const { answer: stored, mastery } = await recordPracticeAnswer(
      answer(user.id, { correct: false, score: 0, misconception: 'ack-equals-seq' }),
      bkt(0),
    );
    expect(mastery.map((m) => m.topic).sort()).toEqual(['handshake', 'sequence-numbers']);

    // A new connection (as after a crash or on another instance) sees the answer.
    await disconnectDb();
    const [again] = await listRecentAnswers(user.id);
    expect(again).toEqual(stored);
    expect(again).toMatchObject({
      template: 'seq-ack-numbers',
      seed: 7,
      topics: ['sequence-numbers', 'handshake'],
      response: { value: '1001' },
      correct: false,
      misconception: 'ack-equals-seq',
    });
    expect(await countPracticeAnswers(user.id)).toBe(1);
  });

  test.skipIf(!available)('mastery follows the BKT update, topic by topic', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'm@example.com', passwordHash: null });
    await recordPracticeAnswer(answer(user.id), bkt(1));
    await recordPracticeAnswer(
      answer(user.id, { topics: ['handshake'], correct: false, score: 0 }),
      bkt(0),
    );
    const byTopic = Object.fromEntries((await listTopicMastery(user.id)).map((m) => [m.topic, m]));
    expect(byTopic['sequence-numbers']).toMatchObject({ attempts: 1, correct: 1 });
    expect(byTopic['sequence-numbers']?.known).toBeCloseTo(updateMastery(0.2, 1), 10);
    expect(byTopic.handshake).toMatchObject({ attempts: 2, correct: 1 });
    expect(byTopic.handshake?.known).toBeCloseTo(updateMastery(updateMastery(0.2, 1), 0), 10);
  });

  test.skipIf(!available)('concurrent answers do not corrupt mastery', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'c@example.com', passwordHash: null });
    const n = 12;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        recordPracticeAnswer(answer(user.id, { seed: i, topics: ['queues'] }), bkt(1)),
      ),
    );
    const [queues] = await listTopicMastery(user.id);
    let expected = BKT_DEFAULTS.prior;
    for (let i = 0; i < n; i++) expected = updateMastery(expected, 1);
    // Every answer counted once: a lost update would show fewer attempts or a lower value.
    expect(queues).toMatchObject({ topic: 'queues', attempts: n, correct: n });
    expect(queues?.known).toBeCloseTo(expected, 10);
    expect(await countPracticeAnswers(user.id)).toBe(n);
  });

  test.skipIf(!available)('mistaken templates are listed once each', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'w@example.com', passwordHash: null });
    await recordPracticeAnswer(answer(user.id, { correct: false, score: 0 }), bkt(0));
    await recordPracticeAnswer(answer(user.id, { correct: false, score: 0, seed: 8 }), bkt(0));
    await recordPracticeAnswer(answer(user.id, { template: 'why' }), bkt(1));
    await recordPracticeAnswer(
      answer(user.id, { template: 'listen-queues', correct: false, score: 0 }),
      bkt(0),
    );
    expect(await listMistakenTemplates(user.id)).toEqual(['listen-queues', 'seq-ack-numbers']);
  });

  test.skipIf(!available)('recent answers come oldest first and are limited', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'r@example.com', passwordHash: null });
    for (let seed = 1; seed <= 5; seed++) {
      await recordPracticeAnswer(answer(user.id, { seed }), bkt(1));
    }
    expect((await listRecentAnswers(user.id, 3)).map((a) => a.seed)).toEqual([3, 4, 5]);
  });
});
