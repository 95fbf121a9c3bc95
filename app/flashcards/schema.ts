// The shapes /flashcards exchanges between browser and server, validated on arrival. A
// visitor's card states travel with each request in place of the database.
import { z } from 'zod';
// The constants-only entry: this schema also runs in the browser.
import { TEMPLATE_IDS } from '@/lib/questions/vocabulary';
import {
  cardStateSchema,
  MAX_DESIRED_RETENTION,
  MIN_DESIRED_RETENTION,
  ratingSchema,
} from '@/lib/srs';

/** One SrsCard as JSON (dates as ISO strings). */
export const srsCardSchema = z.object({
  due: z.coerce.date(),
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  scheduledDays: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: cardStateSchema,
  lastReview: z.coerce.date().nullable(),
});

export const cardIdSchema = z.string().min(1).max(200);

export const visitorCardsSchema = z.object({
  /** The visitor's state of the cards in the session (others are not needed). */
  states: z.record(cardIdSchema, srsCardSchema),
  /** Cards the visitor has seen for the first time today (the browser counts). */
  introducedToday: z.number().int().min(0).max(10_000),
  /** Templates the visitor got wrong in practice (their mistake cards). */
  mistakes: z.array(z.enum(TEMPLATE_IDS)).max(TEMPLATE_IDS.length).default([]),
  /** The visitor's practice key: seeds the variants their mistake cards show. */
  key: z.string().min(1).max(64).default('visitor'),
});
export type VisitorCards = z.infer<typeof visitorCardsSchema>;

export const sessionInputSchema = z.object({
  /** A deck id, "transitions" for the engine's transition table, or absent for every card. */
  deck: z.string().min(1).max(100).optional(),
  desiredRetention: z.number().min(MIN_DESIRED_RETENTION).max(MAX_DESIRED_RETENTION),
  /** The learner's offset from UTC in minutes: where their study day begins. */
  utcOffsetMinutes: z.number().int().min(-840).max(840),
  visitor: visitorCardsSchema.optional(),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const rateInputSchema = sessionInputSchema.extend({
  cardId: cardIdSchema,
  rating: ratingSchema,
});
