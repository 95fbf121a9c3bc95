// What a browser posts when a visitor's progress moves into their account: the questions they
// answered (sealed tickets issued to their browser key, re-graded on the server; a claimed
// result is ignored) and the ratings they gave.
import { z } from 'zod';
import { ratingSchema } from '@/lib/srs';
import { cardIdSchema } from '../../flashcards/schema';
import { answerInputSchema, ticketSchema, visitorKeySchema } from '../../practice/schema';

/**
 * At most this many of each per request: the browser sends its up to 2,000 of each in chunks
 * of this size, and a request's regrading (a simulation per answer) stays short.
 */
export const MAX_MERGE_ANSWERS = 250;
export const MAX_MERGE_REVIEWS = 250;

const instant = z.iso.datetime();

export const mergeAnswerSchema = z.object({
  ticket: ticketSchema,
  response: answerInputSchema.shape.response,
  answeredAt: instant,
});
export type MergeAnswer = z.infer<typeof mergeAnswerSchema>;

export const mergeReviewSchema = z.object({
  cardId: cardIdSchema,
  rating: ratingSchema,
  reviewedAt: instant,
});
export type MergeReview = z.infer<typeof mergeReviewSchema>;

export const mergeInputSchema = z.object({
  /** The browser key the answers' tickets were issued to (needed when there are answers). */
  visitorKey: visitorKeySchema.optional(),
  answers: z.array(mergeAnswerSchema).max(MAX_MERGE_ANSWERS),
  reviews: z.array(mergeReviewSchema).max(MAX_MERGE_REVIEWS),
});
export type MergeInput = z.infer<typeof mergeInputSchema>;
