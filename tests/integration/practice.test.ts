// Practice persistence against each real database: answers are durable once stored, mastery
// follows lib/mastery, and concurrent answers never lose an update. And the practice actions
// as a visitor and as a learner call them: an answer is graded only for a question the server
// issued to the caller, and answers, next questions and merges are rate-limited.
import { afterEach, describe, expect, test, vi } from 'vitest';

// The request the actions read: the caller's session cookie and forwarded address.
const ctx = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'practice-integration-test-secret-0123456789';
  return { sessionToken: null as string | null, address: null as string | null };
});
vi.mock('next/headers', () => ({
  headers: async () => new Headers(ctx.address ? { 'x-forwarded-for': ctx.address } : {}),
  cookies: async () => ({
    get: (name: string) =>
      ctx.sessionToken && name.endsWith('next-auth.session-token')
        ? { name, value: ctx.sessionToken }
        : undefined,
    set: () => {},
    delete: () => {},
  }),
}));
vi.mock('next-intl/server', () => ({
  getLocale: async () => 'en',
  getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}`,
}));

import { mergeVisitorProgressAction } from '@/app/me/merge/actions';
import { answerAction, nextQuestionAction } from '@/app/practice/actions';
import { newSessionCookie } from '@/lib/auth/session-token';
import type { PublicQuestion } from '@/lib/questions';
import { findUserById } from '@/lib/db/users';
import { RATE_LIMIT_POLICIES } from '@/lib/security';
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
import { BKT_DEFAULTS, hashSeed, updateMastery } from '@/lib/mastery';
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

/** Signs `userId` in for the actions that follow (null: a visitor). */
async function signIn(userId: string | null): Promise<void> {
  if (!userId) {
    ctx.sessionToken = null;
    return;
  }
  const user = (await findUserById(userId))!;
  // A genuine session: sessions live on the server, so a token without one is refused.
  ctx.sessionToken = (await newSessionCookie(user))!.value;
}

/** A response of the right shape for the question (right or wrong does not matter here). */
function someResponse(q: PublicQuestion): unknown {
  switch (q.kind) {
    case 'choice':
      return { option: q.options[0]!.id };
    case 'multi':
      return { options: [q.options[0]!.id] };
    case 'numeric':
      return { value: 1 };
    case 'fields':
      return { fields: { flags: 'S', seq: null, ack: null } };
    case 'order':
      return { order: q.options.map((o) => o.id) };
  }
}

const visitor = (key: string) => ({ key, history: [], mastery: [], position: 0 });
const V1 = 'v-1111111111111111';
const V2 = 'v-2222222222222222';

describe.each(availableProviders())('$provider: the actions', ({ provider, available }) => {
  test.skipIf(!available)(
    'an answer is graded only for the question issued to the caller',
    async () => {
      current = await createTestDatabase(provider);
      const user = await createUser({ email: 'u@example.com', passwordHash: null });
      await signIn(null);
      const next = await nextQuestionAction({
        topics: ['queues'],
        difficulty: 1,
        visitor: visitor(V1),
      });
      if (!next.ok) throw new Error(`no question: ${next.error}`);
      // Sealed: the browser holds no seed, scenario or parameters.
      expect(JSON.stringify(next)).not.toMatch(/"seed"|"scenario"|"params"|"answer"/);
      const response = someResponse(next.question);

      // Another browser's key, no key, another account: refused, and nothing stored.
      for (const [who, visitorKey, reason] of [
        [null, V2, 'foreign'],
        [null, undefined, 'foreign'],
        [user.id, undefined, 'foreign'],
        [user.id, V1, 'foreign'],
      ] as const) {
        await signIn(who);
        const refused = await answerAction({ ticket: next.ticket, response, visitorKey });
        expect(refused).toEqual({
          ok: false,
          error: 'ticket',
          reason,
          message: `practice.ticket.${reason}`,
        });
      }
      expect(await countPracticeAnswers(user.id)).toBe(0);

      // The visitor it was issued to is graded; then the question (and its seed) is told.
      await signIn(null);
      const graded = await answerAction({ ticket: next.ticket, response, visitorKey: V1 });
      if (!graded.ok) throw new Error(`refused: ${graded.error}`);
      expect(graded.question.template).toBe(next.question.template);
      // The seed is keyed: not the unkeyed hash of what the visitor knows.
      expect(graded.question.seed).not.toBe(hashSeed(V1, next.question.template, 0, 0));

      // An account's ticket is its own.
      await signIn(user.id);
      const mine = await nextQuestionAction({ topics: ['queues'], difficulty: 1 });
      if (!mine.ok) throw new Error(`no question: ${mine.error}`);
      await signIn(null);
      expect(
        await answerAction({ ticket: mine.ticket, response: someResponse(mine.question) }),
      ).toMatchObject({ ok: false, error: 'ticket', reason: 'foreign' });
      await signIn(user.id);
      expect(
        await answerAction({ ticket: mine.ticket, response: someResponse(mine.question) }),
      ).toMatchObject({ ok: true, saved: true });
      expect(await countPracticeAnswers(user.id)).toBe(1);
      // A visitor without a browser key gets no ticket at all.
      await signIn(null);
      expect(await nextQuestionAction({ topics: [], difficulty: 1 })).toEqual({
        ok: false,
        error: 'invalid',
      });
    },
    60_000,
  );

  test.skipIf(!available)(
    'answers, next questions and merges are rate-limited per account and per address',
    async () => {
      current = await createTestDatabase(provider);
      const user = await createUser({ email: 'l@example.com', passwordHash: null });
      const previous = process.env.TRUST_PROXY;
      process.env.TRUST_PROXY = '1';
      try {
        const forged = { ticket: 'z'.repeat(300), response: { value: 1 }, visitorKey: V1 };
        const errorOf = (r: { ok: boolean; error?: string }) => (r.ok ? 'ok' : r.error);

        // A visitor's answers, per address: the limit, then "too many"; another address is
        // counted apart.
        await signIn(null);
        ctx.address = '203.0.113.7';
        const answerLimit = RATE_LIMIT_POLICIES['answer-ip'].limit;
        const seen: (string | undefined)[] = [];
        for (let i = 0; i <= answerLimit; i++) seen.push(errorOf(await answerAction(forged)));
        expect(seen.slice(0, answerLimit).every((e) => e === 'ticket')).toBe(true);
        expect(await answerAction(forged)).toEqual({
          ok: false,
          error: 'limited',
          message: expect.stringMatching(/^security\.rateLimited/),
        });
        ctx.address = '203.0.113.8';
        expect(errorOf(await answerAction(forged))).toBe('ticket');

        // A visitor's next questions, per address.
        ctx.address = '203.0.113.9';
        const nextLimit = RATE_LIMIT_POLICIES['practice-next-ip'].limit;
        const ask = { topics: ['queues'], difficulty: 1, visitor: visitor(V1) };
        for (let i = 0; i < nextLimit; i++) expect((await nextQuestionAction(ask)).ok).toBe(true);
        expect(errorOf(await nextQuestionAction(ask))).toBe('limited');

        // An account's next questions and merges, whatever the address.
        await signIn(user.id);
        ctx.address = '203.0.113.10';
        const accountLimit = RATE_LIMIT_POLICIES['practice-next-account'].limit;
        const mine = { topics: ['queues'], difficulty: 1 };
        for (let i = 0; i < accountLimit; i++)
          expect((await nextQuestionAction(mine)).ok).toBe(true);
        expect(errorOf(await nextQuestionAction(mine))).toBe('limited');
        const mergeLimit = RATE_LIMIT_POLICIES['merge-account'].limit;
        const empty = { answers: [], reviews: [] };
        for (let i = 0; i < mergeLimit; i++)
          expect((await mergeVisitorProgressAction(empty)).ok).toBe(true);
        expect(errorOf(await mergeVisitorProgressAction(empty))).toBe('limited');
      } finally {
        process.env.TRUST_PROXY = previous;
        if (previous === undefined) delete process.env.TRUST_PROXY;
        ctx.address = null;
      }
    },
    120_000,
  );
});
