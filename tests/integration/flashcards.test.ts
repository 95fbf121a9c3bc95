// Flashcard persistence against each real database: a rating stores the new state and its
// log together; undo restores the exact previous state; new cards are counted per day.
import { afterEach, describe, expect, test } from 'vitest';
import { createUser } from '@/lib/db/users';
import {
  countCardsIntroducedSince,
  listFlashcardReviews,
  listFlashcardStates,
  recordFlashcardReview,
  undoLastFlashcardReview,
} from '@/lib/db/flashcards';
import {
  cardFromRow,
  cardToRow,
  newCard,
  reviewFromRow,
  reviewToRow,
  schedule,
  undo,
  type Rating,
  type SrsCard,
} from '@/lib/srs';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

const T0 = new Date('2026-01-05T08:00:00Z');
const restore = (row: Parameters<typeof reviewFromRow>[0]) => cardToRow(undo(reviewFromRow(row)));

async function rate(userId: string, cardId: string, rating: Rating, now: Date): Promise<SrsCard> {
  const [stored] = await listFlashcardStates(userId, [cardId]);
  const card = stored ? cardFromRow(stored) : newCard(now);
  const { card: next, log } = schedule(card, rating, now);
  await recordFlashcardReview(userId, cardId, cardToRow(next), reviewToRow(log));
  return next;
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('a rating stores the new state and its log', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'f@example.com', passwordHash: null });
    const next = await rate(user.id, 'deck:handshake:1', 4, T0);
    const [state] = await listFlashcardStates(user.id);
    expect(state?.cardId).toBe('deck:handshake:1');
    expect(cardFromRow(state!)).toEqual(next);
    const reviews = await listFlashcardReviews(user.id, {
      from: T0,
      to: new Date('2026-01-06T00:00:00Z'),
    });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ rating: 4, stateBefore: 'new', cardId: 'deck:handshake:1' });
  });

  test.skipIf(!available)('undo restores the previous card state exactly', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'u@example.com', passwordHash: null });
    const first = await rate(user.id, 'c1', 3, T0);
    const second = await rate(user.id, 'c1', 3, first.due);
    await rate(user.id, 'c2', 4, second.due);
    await rate(user.id, 'c1', 1, new Date('2026-01-09T08:00:00Z'));

    expect(await undoLastFlashcardReview(user.id, restore)).toBe('c1');
    const [c1] = await listFlashcardStates(user.id, ['c1']);
    expect(cardFromRow(c1!)).toEqual(second);

    // The undo before that one goes back one more rating, of the other card.
    expect(await undoLastFlashcardReview(user.id, restore)).toBe('c2');
    const [c2] = await listFlashcardStates(user.id, ['c2']);
    expect(cardFromRow(c2!)).toMatchObject({ state: 'new', reps: 0 });
  });

  test.skipIf(!available)('undo with nothing to undo returns null', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'n@example.com', passwordHash: null });
    expect(await undoLastFlashcardReview(user.id, restore)).toBeNull();
  });

  test.skipIf(!available)('new cards introduced since a time are counted once each', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'd@example.com', passwordHash: null });
    await rate(user.id, 'a', 3, T0);
    await rate(user.id, 'a', 3, new Date('2026-01-05T08:10:00Z'));
    await rate(user.id, 'b', 1, new Date('2026-01-05T09:00:00Z'));
    await rate(user.id, 'c', 4, new Date('2026-01-04T09:00:00Z'));
    expect(await countCardsIntroducedSince(user.id, new Date('2026-01-05T00:00:00Z'))).toBe(2);
  });
});
