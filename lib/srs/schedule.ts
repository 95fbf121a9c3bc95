// schedule(card, rating, now) → next state + a review log that keeps the previous state, so
// the last rating can be undone exactly (ts-fsrs's own rollback cannot restore learning steps).
import { fsrs, generatorParameters, type Grade } from 'ts-fsrs';
import { z } from 'zod';
import { fromFsrsCard, toFsrsCard, type CardState, type Rating, type SrsCard } from './card';

export interface ScheduleOptions {
  /** Probability of recall FSRS aims for when the card comes due; 0.7..0.99, default 0.9. */
  desiredRetention?: number;
}

/** What one rating did; stored so statistics and undo need nothing else. */
export interface SrsReviewLog {
  rating: Rating;
  reviewedAt: Date;
  /** The card's state before this rating ('new' marks the first review of a card). */
  stateBefore: CardState;
  /** Days between the previous review and this one (0 for a first review). */
  elapsedDays: number;
  /** The interval this rating scheduled, in days (0 while in (re)learning steps). */
  scheduledDays: number;
  /** The whole card state before the rating: undo restores exactly this. */
  previous: SrsCard;
}

export interface ScheduleResult {
  card: SrsCard;
  log: SrsReviewLog;
}

export const DEFAULT_DESIRED_RETENTION = 0.9;
export const MIN_DESIRED_RETENTION = 0.7;
export const MAX_DESIRED_RETENTION = 0.99;
/**
 * What a learner may choose (their setting): above 0.97 the intervals FSRS schedules shrink
 * so fast that the review load explodes for little gain in recall.
 */
export const MAX_RETENTION_SETTING = 0.97;
export const desiredRetentionSchema = z
  .number()
  .min(MIN_DESIRED_RETENTION)
  .max(MAX_RETENTION_SETTING);

export class SrsError extends Error {
  override name = 'SrsError';
}

const DAY_MS = 86_400_000;

/**
 * Rates a card at `now`. Deterministic: fuzz is off, so the same inputs give the same due date.
 *
 * @example schedule(newCard(t0), 3, t0).card.due // t0 + 10 minutes (the second learning step)
 */
export function schedule(
  card: SrsCard,
  rating: Rating,
  now: Date,
  options: ScheduleOptions = {},
): ScheduleResult {
  const retention = options.desiredRetention ?? DEFAULT_DESIRED_RETENTION;
  if (!(retention >= MIN_DESIRED_RETENTION && retention <= MAX_DESIRED_RETENTION)) {
    throw new SrsError(
      `desired retention ${retention} is outside ${MIN_DESIRED_RETENTION}..${MAX_DESIRED_RETENTION}`,
    );
  }
  if (card.lastReview && now.getTime() < card.lastReview.getTime()) {
    throw new SrsError(
      `review at ${now.toISOString()} precedes the last one (${card.lastReview.toISOString()})`,
    );
  }
  // Fuzz would draw from a seed; a card's due date must follow from its inputs alone.
  const scheduler = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false }));
  const item = scheduler.next(toFsrsCard(card), now, rating satisfies Grade);
  const elapsedDays = card.lastReview
    ? Math.floor((now.getTime() - card.lastReview.getTime()) / DAY_MS)
    : 0;
  const next = fromFsrsCard(item.card);
  return {
    card: next,
    log: {
      rating,
      reviewedAt: new Date(now.getTime()),
      stateBefore: card.state,
      elapsedDays,
      scheduledDays: next.scheduledDays,
      previous: card,
    },
  };
}

/** The card as it was before the logged rating. */
export function undo(log: SrsReviewLog): SrsCard {
  return log.previous;
}
