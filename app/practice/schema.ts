// The shapes /practice exchanges between browser and server, validated on arrival: a ticket
// names a question without its key; a visitor's local progress stands in for the database.
import { z } from 'zod';
// The constants-only entry: this schema runs in the browser (lib/questions would bring the
// generators and the engine with it).
import { TEMPLATE_IDS, TOPICS } from '@/lib/questions/vocabulary';

export const difficultySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const difficultyChoiceSchema = z.union([difficultySchema, z.literal('adaptive')]);

/**
 * A question as the browser holds it before answering: sealed by the server (ticket.ts), so
 * the browser can neither read its seed nor make one up; the server opens it to grade.
 */
export const ticketSchema = z.string().min(16).max(2000);
export type Ticket = z.infer<typeof ticketSchema>;

export const topicsSchema = z.array(z.enum(TOPICS)).max(TOPICS.length);

export const localMasterySchema = z.object({
  topic: z.enum(TOPICS),
  known: z.number().min(0).max(1),
  attempts: z.number().int().min(0),
});
export type LocalMastery = z.infer<typeof localMasterySchema>;

/**
 * Random per browser (128 bits): seeds a visitor's questions like a user id does, and is who
 * their tickets are issued to, so only this browser can answer or merge them.
 */
export const visitorKeySchema = z.string().min(8).max(64);

/**
 * What a signed-out visitor's browser keeps (localStorage) and sends with each request. The
 * server trusts it only to choose the next question (which template, which seeds to avoid);
 * seeds reach the history after grading, and a forged history yields no ticket it could not get.
 */
export const visitorProgressSchema = z.object({
  key: visitorKeySchema,
  history: z
    .array(
      z.object({ template: z.enum(TEMPLATE_IDS), seed: z.number().int(), correct: z.boolean() }),
    )
    .max(50),
  mastery: z.array(localMasterySchema).max(TOPICS.length),
  position: z.number().int().min(0),
});
export type VisitorProgress = z.infer<typeof visitorProgressSchema>;

export const nextInputSchema = z.object({
  topics: topicsSchema,
  difficulty: difficultyChoiceSchema,
  visitor: visitorProgressSchema.optional(),
});
export type NextInput = z.infer<typeof nextInputSchema>;

export const answerInputSchema = z.object({
  ticket: ticketSchema,
  /** Checked against the question's kind by lib/questions grade(); bounded before storing. */
  response: z
    .unknown()
    .refine((r) => (JSON.stringify(r ?? null) ?? '').length <= 4000, 'response too long'),
  /** A visitor's current mastery of the question's topics (signed-in learners: the database). */
  visitorMastery: z.array(localMasterySchema).max(TOPICS.length).optional(),
  /** A visitor's browser key: their tickets were issued to it. */
  visitorKey: visitorKeySchema.optional(),
});
export type AnswerInput = z.infer<typeof answerInputSchema>;

/** Parses the ?topics=a,b of a lesson link; unknown topics are dropped. */
export function parseTopicsParam(raw: string | string[] | undefined): string[] {
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const known = new Set<string>(TOPICS);
  return [...new Set(text.split(',').map((t) => t.trim()))].filter((t) => known.has(t));
}
