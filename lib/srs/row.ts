// Mappers between SrsCard / SrsReviewLog and the database row shapes lib/db stores
// (FlashcardState, FlashcardReview). The previous state is stored as JSON for undo.
import { z } from 'zod';
import { cardStateSchema, ratingSchema, type SrsCard } from './card';
import type { SrsReviewLog } from './schedule';

/** A FlashcardState row without its keys. */
export interface SrsCardRow {
  state: string;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
}

/** A FlashcardReview row without its keys. */
export interface SrsReviewRow {
  rating: number;
  reviewedAt: Date;
  stateBefore: string;
  elapsedDays: number;
  scheduledDays: number;
  /** JSON of the card state before the rating. */
  previous: string;
}

export class SrsRowError extends Error {
  override name = 'SrsRowError';
}

const isoDate = z.iso.datetime().transform((s) => new Date(s));

const snapshotSchema = z.object({
  state: cardStateSchema,
  due: isoDate,
  stability: z.number(),
  difficulty: z.number(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  lastReview: isoDate.nullable(),
});

export function cardToRow(card: SrsCard): SrsCardRow {
  return { ...card, due: new Date(card.due.getTime()) };
}

export function cardFromRow(row: SrsCardRow): SrsCard {
  const state = cardStateSchema.safeParse(row.state);
  if (!state.success) throw new SrsRowError(`unknown card state "${row.state}"`);
  return {
    state: state.data,
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

function snapshot(card: SrsCard): string {
  return JSON.stringify({
    ...card,
    due: card.due.toISOString(),
    lastReview: card.lastReview?.toISOString() ?? null,
  });
}

export function reviewToRow(log: SrsReviewLog): SrsReviewRow {
  return {
    rating: log.rating,
    reviewedAt: log.reviewedAt,
    stateBefore: log.stateBefore,
    elapsedDays: log.elapsedDays,
    scheduledDays: log.scheduledDays,
    previous: snapshot(log.previous),
  };
}

export function reviewFromRow(row: SrsReviewRow): SrsReviewLog {
  const rating = ratingSchema.safeParse(row.rating);
  if (!rating.success) throw new SrsRowError(`rating ${row.rating} is not 1..4`);
  const stateBefore = cardStateSchema.safeParse(row.stateBefore);
  if (!stateBefore.success) throw new SrsRowError(`unknown card state "${row.stateBefore}"`);
  let json: unknown;
  try {
    json = JSON.parse(row.previous);
  } catch {
    throw new SrsRowError('the stored previous state is not JSON');
  }
  const previous = snapshotSchema.safeParse(json);
  if (!previous.success) {
    throw new SrsRowError(`the stored previous state is malformed: ${previous.error.message}`);
  }
  return {
    rating: rating.data,
    reviewedAt: row.reviewedAt,
    stateBefore: stateBefore.data,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    previous: previous.data,
  };
}
