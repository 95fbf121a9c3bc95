// Data access for flashcards: each learner's FSRS state per card and the log of ratings,
// whose newest entry can be undone. Row shapes are lib/srs's; scheduling happens there.
import 'server-only';
import type { SrsCardRow, SrsReviewRow } from '@/lib/srs';
import { db } from './client';

export type FlashcardStateDto = SrsCardRow & { cardId: string };
export type FlashcardReviewDto = SrsReviewRow & { id: string; cardId: string };

const stateSelect = {
  cardId: true,
  state: true,
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  lastReview: true,
} as const;

const reviewSelect = {
  id: true,
  cardId: true,
  rating: true,
  reviewedAt: true,
  stateBefore: true,
  elapsedDays: true,
  scheduledDays: true,
  previous: true,
} as const;

function stateData(row: SrsCardRow) {
  return {
    state: row.state,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.lastReview,
  };
}

/** The learner's card states; only the given cards when `cardIds` is passed. */
export async function listFlashcardStates(
  userId: string,
  cardIds?: readonly string[],
): Promise<FlashcardStateDto[]> {
  const client = await db();
  return client.flashcardState.findMany({
    where: { userId, ...(cardIds ? { cardId: { in: [...cardIds] } } : {}) },
    select: stateSelect,
    orderBy: { due: 'asc' },
  });
}

/** Stores a rating and the card state it produced, both or neither. */
export async function recordFlashcardReview(
  userId: string,
  cardId: string,
  next: SrsCardRow,
  review: SrsReviewRow,
): Promise<void> {
  const client = await db();
  const data = stateData(next);
  await client.$transaction([
    client.flashcardState.upsert({
      where: { userId_cardId: { userId, cardId } },
      create: { userId, cardId, ...data },
      update: data,
      select: { id: true },
    }),
    client.flashcardReview.create({
      data: { userId, cardId, ...review },
      select: { id: true },
    }),
  ]);
}

/**
 * Undoes the learner's newest rating: deletes it and puts the card back in the state it had
 * before (`restore` turns the logged review into that state, see lib/srs). Returns the card
 * id, or null when there is nothing to undo.
 */
export async function undoLastFlashcardReview(
  userId: string,
  restore: (review: SrsReviewRow) => SrsCardRow,
): Promise<string | null> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const last = await tx.flashcardReview.findFirst({
      where: { userId },
      select: reviewSelect,
      orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }],
    });
    if (!last) return null;
    // deleteMany + count: a concurrent undo of the same rating deletes nothing here and
    // leaves the card alone rather than restoring it twice.
    const { count } = await tx.flashcardReview.deleteMany({ where: { id: last.id } });
    if (count === 0) return null;
    const data = stateData(restore(last));
    await tx.flashcardState.upsert({
      where: { userId_cardId: { userId, cardId: last.cardId } },
      create: { userId, cardId: last.cardId, ...data },
      update: data,
      select: { id: true },
    });
    return last.cardId;
  });
}

/** First reviews since `since`: the new cards introduced today when `since` is dayStart(). */
export async function countCardsIntroducedSince(userId: string, since: Date): Promise<number> {
  const client = await db();
  return client.flashcardReview.count({
    where: { userId, stateBefore: 'new', reviewedAt: { gte: since } },
  });
}

/** Ratings in a time range, oldest first (statistics: reviews per day, true retention). */
export async function listFlashcardReviews(
  userId: string,
  range: { from: Date; to: Date },
): Promise<FlashcardReviewDto[]> {
  const client = await db();
  return client.flashcardReview.findMany({
    where: { userId, reviewedAt: { gte: range.from, lt: range.to } },
    select: reviewSelect,
    orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
  });
}

/** A rating carried over from a visitor's browser (see mergeFlashcardReviews). */
export type MergedReview = {
  /** Derived by the caller from the user and the record, so a second merge finds it. */
  id: string;
  cardId: string;
  rating: number;
  reviewedAt: Date;
};

/**
 * Replays one card's new ratings (oldest first) from its stored state (null: never reviewed):
 * the state they lead to and the log row of each rating applied (lib/srs). Ratings it cannot
 * apply (older than the stored state's last review) are left out; null when none applies.
 */
export type ReviewReplay = (
  current: SrsCardRow | null,
  reviews: readonly MergedReview[],
) => { state: SrsCardRow; reviews: (SrsReviewRow & { id: string })[] } | null;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';
/** A merge that lost a race retries from scratch and then finds the winner's rows. */
const MERGE_ATTEMPTS = 5;

/**
 * Stores a visitor's ratings in the account, replaying each card's through the scheduler in
 * time order, in one transaction. Ratings whose id is already stored are skipped, so posting
 * the same batch twice counts it once.
 */
export async function mergeFlashcardReviews(
  userId: string,
  reviews: readonly MergedReview[],
  replay: ReviewReplay,
): Promise<{ added: number; duplicates: number; skipped: number }> {
  const client = await db();
  const unique = [...new Map(reviews.map((r) => [r.id, r])).values()];
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(
        async (tx) => {
          const stored = await tx.flashcardReview.findMany({
            where: { id: { in: unique.map((r) => r.id) } },
            select: { id: true },
          });
          const seen = new Set(stored.map((s) => s.id));
          const byCard = new Map<string, MergedReview[]>();
          for (const r of unique) {
            if (seen.has(r.id)) continue;
            byCard.set(r.cardId, [...(byCard.get(r.cardId) ?? []), r]);
          }
          let added = 0;
          let fresh = 0;
          for (const [cardId, list] of byCard) {
            list.sort(
              (a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || (a.id < b.id ? -1 : 1),
            );
            fresh += list.length;
            const current = await tx.flashcardState.findUnique({
              where: { userId_cardId: { userId, cardId } },
              select: stateSelect,
            });
            const result = replay(current, list);
            if (!result) continue;
            const data = stateData(result.state);
            await tx.flashcardState.upsert({
              where: { userId_cardId: { userId, cardId } },
              create: { userId, cardId, ...data },
              update: data,
              select: { id: true },
            });
            await tx.flashcardReview.createMany({
              data: result.reviews.map((r) => ({
                id: r.id,
                userId,
                cardId,
                rating: r.rating,
                reviewedAt: r.reviewedAt,
                stateBefore: r.stateBefore,
                elapsedDays: r.elapsedDays,
                scheduledDays: r.scheduledDays,
                previous: r.previous,
              })),
            });
            added += result.reviews.length;
          }
          return { added, duplicates: reviews.length - fresh, skipped: fresh - added };
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MERGE_ATTEMPTS) throw error;
    }
  }
}

/** Times of the learner's ratings in a range, oldest first (the /me charts and streak). */
export async function listReviewActivity(
  userId: string,
  range: { from: Date; to: Date },
): Promise<{ cardId: string; rating: number; reviewedAt: Date }[]> {
  const client = await db();
  return client.flashcardReview.findMany({
    where: { userId, reviewedAt: { gte: range.from, lt: range.to } },
    select: { cardId: true, rating: true, reviewedAt: true },
    orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
  });
}
