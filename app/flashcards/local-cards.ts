// A signed-out visitor's flashcard states and recent ratings, kept in localStorage; undo
// pops the newest rating and puts its card back as it was (lib/srs undo).
import { z } from 'zod';
import {
  dayStart,
  DEFAULT_DESIRED_RETENTION,
  desiredRetentionSchema,
  undo,
  type SrsCard,
  type SrsReviewLog,
} from '@/lib/srs';
import { visitorProgressSchema } from '../practice/schema';
import { srsCardSchema } from './schema';

const STORAGE_KEY = 'ackademy.flashcards.v1';
/**
 * Enough ratings to undo, to count today's new cards, and to replay every card's history
 * into an account on sign-in (a merge takes at most 2,000).
 */
const LOG_LIMIT = 2000;

const logSchema = z.object({
  cardId: z.string(),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  reviewedAt: z.coerce.date(),
  stateBefore: srsCardSchema.shape.state,
  elapsedDays: z.number(),
  scheduledDays: z.number(),
  previous: srsCardSchema,
});

const storeSchema = z.object({
  states: z.record(z.string(), srsCardSchema),
  log: z.array(logSchema),
  // An out-of-range value (an older version offered up to 0.99) falls back to the default.
  desiredRetention: desiredRetentionSchema.catch(DEFAULT_DESIRED_RETENTION),
});
export type LocalCards = z.infer<typeof storeSchema>;

export function loadLocalCards(): LocalCards {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed = storeSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable or blocked storage: start afresh.
  }
  return { states: {}, log: [], desiredRetention: 0.9 };
}

/** Forgets the visitor's reviews once they have moved into an account. */
export function clearLocalCards(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}

export function saveLocalCards(store: LocalCards): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    // Private mode or a full quota: reviews still work for this visit.
  }
}

export function withRating(
  store: LocalCards,
  cardId: string,
  card: SrsCard,
  log: SrsReviewLog,
): LocalCards {
  return {
    ...store,
    states: { ...store.states, [cardId]: card },
    log: [...store.log, { ...log, cardId }].slice(-LOG_LIMIT),
  };
}

export function withUndo(store: LocalCards): LocalCards {
  const last = store.log.at(-1);
  if (!last) return store;
  return {
    ...store,
    states: { ...store.states, [last.cardId]: undo(last) },
    log: store.log.slice(0, -1),
  };
}

export function introducedToday(store: LocalCards, now: Date, utcOffsetMinutes: number): number {
  const start = dayStart(now, utcOffsetMinutes).getTime();
  return store.log.filter((l) => l.stateBefore === 'new' && l.reviewedAt.getTime() >= start).length;
}

/** From the visitor's practice progress: its key and the templates answered wrongly. */
export function practiceMistakes(): { key: string; mistakes: string[] } {
  try {
    const raw = window.localStorage.getItem('ackademy.practice.v1');
    const parsed = visitorProgressSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) {
      const wrong = parsed.data.history.filter((h) => !h.correct).map((h) => h.template);
      return { key: parsed.data.key, mistakes: [...new Set(wrong)] };
    }
  } catch {
    // No practice yet, or unreadable storage: no mistake cards.
  }
  return { key: 'visitor', mistakes: [] };
}
