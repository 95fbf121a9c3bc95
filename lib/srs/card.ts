// The flashcard state Ackademy stores (camelCase, plain data) and its conversion to and from
// ts-fsrs's Card, so nothing outside lib/srs depends on ts-fsrs's snake_case or enums.
import { z } from 'zod';
import { State, type Card as FsrsCard } from 'ts-fsrs';

/** FSRS's four card states, spelled as stored in the database. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export const cardStateSchema = z.enum(CARD_STATES);
export type CardState = z.infer<typeof cardStateSchema>;

/** The four answer buttons: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export const ratingSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Rating = z.infer<typeof ratingSchema>;

/** One learner's memory state of one card. */
export interface SrsCard {
  /** When the card is next due. */
  due: Date;
  /** FSRS stability: days until retrievability falls to 90 %. */
  stability: number;
  /** FSRS difficulty, 1..10. */
  difficulty: number;
  /** The interval, in days, that the last rating scheduled (0 while in learning steps). */
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
}

const STATE_TO_FSRS: Record<CardState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

function fromFsrsState(state: State): CardState {
  switch (state) {
    case State.New:
      return 'new';
    case State.Learning:
      return 'learning';
    case State.Review:
      return 'review';
    case State.Relearning:
      return 'relearning';
  }
}

/**
 * A card never reviewed, due at `now` (the same values as ts-fsrs's createEmptyCard).
 *
 * @example newCard(new Date('2026-01-01T00:00:00Z')).state // 'new'
 */
export function newCard(now: Date): SrsCard {
  return {
    due: new Date(now.getTime()),
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: 'new',
    lastReview: null,
  };
}

export function toFsrsCard(card: SrsCard): FsrsCard {
  return {
    due: new Date(card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review by the scheduler; only echoed
    // into its log, which we do not keep.
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_TO_FSRS[card.state],
    ...(card.lastReview ? { last_review: new Date(card.lastReview.getTime()) } : {}),
  };
}

export function fromFsrsCard(card: FsrsCard): SrsCard {
  return {
    due: new Date(card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: fromFsrsState(card.state),
    lastReview: card.last_review ? new Date(card.last_review.getTime()) : null,
  };
}
