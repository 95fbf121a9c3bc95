// A visitor's graded answers as they gave them (sealed question ticket, the browser key it was
// issued to, response, time), kept in localStorage until sign-in moves them into the account,
// where they are graded again.
import { z } from 'zod';
import { answerInputSchema, ticketSchema, visitorKeySchema, type Ticket } from './schema';

/** v2: sealed tickets (v1's readable tickets are no longer accepted, so they are not read). */
const STORAGE_KEY = 'ackademy.practice.answers.v2';
/** The most kept (the browser merges them in chunks); older answers drop off. */
const LIMIT = 2000;

const localAnswerSchema = z.object({
  ticket: ticketSchema,
  /** The visitor key the ticket was issued to: a merge proves the browser holds it. */
  visitorKey: visitorKeySchema,
  response: answerInputSchema.shape.response,
  answeredAt: z.iso.datetime(),
  /** As graded when answered, for the visitor's own progress page; a merge grades again. */
  correct: z.boolean().optional(),
  topics: z.array(z.string().max(50)).max(10).optional(),
  /** The question's template (the ticket is sealed), for the same page. */
  template: z.string().max(64).optional(),
});
export type LocalAnswer = z.infer<typeof localAnswerSchema>;

/** The stored answers; unreadable entries are dropped rather than failing the page. */
export function loadLocalAnswers(): LocalAnswer[] {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((entry) => {
      const parsed = localAnswerSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  } catch {
    return [];
  }
}

export function recordLocalAnswer(
  ticket: Ticket,
  visitorKey: string,
  response: unknown,
  at: Date,
  graded: { correct: boolean; topics: string[]; template: string },
): void {
  try {
    const entry: LocalAnswer = {
      ticket,
      visitorKey,
      response,
      answeredAt: at.toISOString(),
      ...graded,
    };
    const next = [...loadLocalAnswers(), entry];
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next.slice(-LIMIT)));
  } catch {
    // Private mode or a full quota: the answer still counted for this session.
  }
}

export function clearLocalAnswers(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}
