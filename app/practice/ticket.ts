// Practice tickets: the sealed (encrypted and authenticated) name of a question the server
// issued to one learner, so an answer is graded only for a question that learner was given.
import 'server-only';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { LOCALES, TEMPLATE_IDS } from '@/lib/questions/vocabulary';
import { difficultySchema } from './schema';

/**
 * How long a ticket may be answered: a day covers a study session left open in a tab
 * (overnight included) while bounding how long a ticket copied out of a browser stays good.
 */
export const TICKET_LIFETIME_SEC = 24 * 60 * 60;

/** A browser clock a little ahead of the server's is fine when a merge dates an answer. */
const CLOCK_SKEW_SEC = 5 * 60;

/** Who a ticket is for: an account, or a visitor's random browser key. */
export type TicketHolder = { user: string } | { visitor: string };

/** The question a ticket names (what regenerates it exactly). */
export const ticketQuestionSchema = z.object({
  template: z.enum(TEMPLATE_IDS),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  difficulty: difficultySchema,
  locale: z.enum(LOCALES),
});
export type TicketQuestion = z.infer<typeof ticketQuestionSchema>;

export type TicketRefusal = 'forged' | 'expired' | 'foreign';

export type OpenedTicket =
  | { ok: true; question: TicketQuestion; issuedAt: Date; expiresAt: Date }
  | { ok: false; reason: TicketRefusal };

const claimsSchema = z.object({ q: ticketQuestionSchema, sub: z.string(), iat: z.number() });

function subject(holder: TicketHolder): string {
  return 'user' in holder ? `u:${holder.user}` : `v:${holder.visitor}`;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** Seals `question` for `holder`, issued at `now` (key: serverKey('practice-ticket')). */
export async function sealTicket(
  question: TicketQuestion,
  holder: TicketHolder,
  key: Uint8Array,
  now: Date,
): Promise<string> {
  const iat = seconds(now);
  return new EncryptJWT({ q: question })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setSubject(subject(holder))
    .setIssuedAt(iat)
    .setExpirationTime(iat + TICKET_LIFETIME_SEC)
    .encrypt(key);
}

/**
 * The question a ticket names, if it was sealed with `key`, for `holder`, and `at` falls in
 * its life: `at` is now when answering, and the answer's own time when a merge replays it.
 */
export async function openTicket(
  token: string,
  holder: TicketHolder,
  key: Uint8Array,
  at: Date,
): Promise<OpenedTicket> {
  let payload: unknown;
  try {
    ({ payload } = await jwtDecrypt(token, key, {
      currentDate: at,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'forged' };
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, reason: 'forged' };
  if (claims.data.sub !== subject(holder)) return { ok: false, reason: 'foreign' };
  // Not yet issued at `at`: a merge claiming an answer before its question existed.
  if (claims.data.iat > seconds(at) + CLOCK_SKEW_SEC) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    question: claims.data.q,
    issuedAt: new Date(claims.data.iat * 1000),
    expiresAt: new Date((claims.data.iat + TICKET_LIFETIME_SEC) * 1000),
  };
}
