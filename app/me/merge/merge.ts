// Moves a visitor's progress into an account: every answer's sealed ticket must have been
// issued to the visitor's browser key; its question is re-graded and replayed through mastery;
// every rating is replayed through the scheduler in time order. All or nothing: one bad record
// rejects the batch. The regrading yields to other requests every few milliseconds.
import 'server-only';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  getDesiredRetention,
  mergeFlashcardReviews,
  mergePracticeAnswers,
  type MergedPracticeAnswer,
  type MergedReview,
  type ReviewReplay,
} from '@/lib/db';
import { BKT_DEFAULTS, guessFor, updateMastery } from '@/lib/mastery';
import { generateQuestion, grade, TEMPLATE_IDS } from '@/lib/questions';
import { serverKey } from '@/lib/security';
import {
  cardFromRow,
  DEFAULT_DESIRED_RETENTION,
  newCard,
  reviewToRow,
  schedule,
  cardToRow,
  type Rating,
  type SrsCard,
} from '@/lib/srs';
import { studyCards } from '../../flashcards/cards';
import { mistakeCards } from '../../flashcards/mistake-cards';
import { openTicket } from '../../practice/ticket';
import { mergeInputSchema, type MergeAnswer, type MergeReview } from './schema';

export type MergeResult =
  | {
      ok: true;
      answers: { added: number; duplicates: number };
      reviews: { added: number; duplicates: number; skipped: number };
    }
  | { ok: false; error: 'invalid' }
  | { ok: false; error: 'limited'; message: string };

/** A browser clock a little ahead of the server's is fine; a record from the future is not. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The longest the regrading runs before letting other requests in (a question's generation
 * runs a simulation: 250 of them took about 150 ms in one piece).
 */
const SLICE_MS = 10;

/**
 * The stored row id of a merged record: the same user and record always give the same id
 * (so a second post finds it), and no record can collide with another user's rows.
 */
function mergeId(userId: string, kind: 'answer' | 'review', key: string): string {
  const digest = createHash('sha256').update(`${userId}\n${kind}\n${key}`).digest('hex');
  return `m${digest.slice(0, 31)}`;
}

function instant(iso: string, now: Date): Date | null {
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return null;
  return at.getTime() > now.getTime() ? new Date(now.getTime()) : at;
}

/** Every card id a rating may name, whatever the locale (ids are the same in each). */
let knownCards: Set<string> | null = null;
function isKnownCard(id: string): boolean {
  knownCards ??= new Set(
    [...studyCards('en'), ...mistakeCards(TEMPLATE_IDS, 'en')].map((c) => c.id),
  );
  return knownCards.has(id);
}

/**
 * Re-grades one answer; null when its ticket was not issued to `visitorKey` or not live when
 * it was answered, its question cannot be made, or the response is forged.
 */
async function regrade(
  userId: string,
  visitorKey: string,
  a: MergeAnswer,
  now: Date,
  ticketKey: Uint8Array,
): Promise<MergedPracticeAnswer | null> {
  const answeredAt = instant(a.answeredAt, now);
  if (!answeredAt) return null;
  const opened = await openTicket(a.ticket, { visitor: visitorKey }, ticketKey, answeredAt);
  if (!opened.ok) return null;
  const { template, seed, difficulty, locale } = opened.question;
  let question;
  try {
    question = generateQuestion(template, { seed, locale, difficulty });
  } catch {
    return null;
  }
  const result = grade(question, a.response);
  if (!result.valid) return null;
  const guess = guessFor(question.kind, 'options' in question ? question.options.length : 0);
  return {
    id: mergeId(userId, 'answer', `${template}|${seed}|${difficulty}|${locale}|${a.answeredAt}`),
    answeredAt,
    template,
    seed,
    difficulty,
    locale,
    topics: question.topics,
    response: a.response,
    correct: result.correct,
    score: result.score,
    misconception: result.misconception ?? null,
    update: (known) => updateMastery(known ?? BKT_DEFAULTS.prior, result.score, { guess }),
  };
}

/** Every answer re-graded, in slices of SLICE_MS; null at the first one refused. */
async function regradeAll(
  userId: string,
  visitorKey: string | undefined,
  answers: readonly MergeAnswer[],
  now: Date,
  ticketKey: Uint8Array,
): Promise<MergedPracticeAnswer[] | null> {
  if (answers.length === 0) return [];
  if (!visitorKey) return null;
  const out: MergedPracticeAnswer[] = [];
  let sliceStart = performance.now();
  for (const a of answers) {
    const merged = await regrade(userId, visitorKey, a, now, ticketKey);
    if (!merged) return null;
    out.push(merged);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}

function toMergedReview(userId: string, r: MergeReview, now: Date): MergedReview | null {
  const reviewedAt = instant(r.reviewedAt, now);
  if (!reviewedAt || !isKnownCard(r.cardId)) return null;
  return {
    id: mergeId(userId, 'review', `${r.cardId}|${r.reviewedAt}|${r.rating}`),
    cardId: r.cardId,
    rating: r.rating,
    reviewedAt,
  };
}

function replayWith(desiredRetention: number): ReviewReplay {
  return (current, reviews) => {
    let card: SrsCard | null = current ? cardFromRow(current) : null;
    const rows = [];
    for (const r of reviews) {
      // A rating older than the account's own last review of the card cannot be replayed
      // after it; the account's newer memory of the card wins.
      if (card?.lastReview && r.reviewedAt.getTime() < card.lastReview.getTime()) continue;
      const step = schedule(card ?? newCard(r.reviewedAt), r.rating as Rating, r.reviewedAt, {
        desiredRetention,
      });
      card = step.card;
      rows.push({ ...reviewToRow(step.log), id: r.id });
    }
    return card && rows.length > 0 ? { state: cardToRow(card), reviews: rows } : null;
  };
}

export async function mergeVisitorProgress(
  userId: string,
  raw: unknown,
  now: Date,
  ticketKey: Uint8Array = serverKey('practice-ticket'),
): Promise<MergeResult> {
  const parsed = mergeInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const { visitorKey } = parsed.data;
  const reviews = parsed.data.reviews.map((r) => toMergedReview(userId, r, now));
  // Checked before anything is written, so a rejected batch leaves the account untouched.
  if (reviews.some((r) => r === null)) return { ok: false, error: 'invalid' };
  const answers = await regradeAll(userId, visitorKey, parsed.data.answers, now, ticketKey);
  if (answers === null) return { ok: false, error: 'invalid' };
  const retention = (await getDesiredRetention(userId)) ?? DEFAULT_DESIRED_RETENTION;
  const answerResult = await mergePracticeAnswers(userId, answers);
  const reviewResult = await mergeFlashcardReviews(
    userId,
    reviews.filter((r) => r !== null),
    replayWith(retention),
  );
  return { ok: true, answers: answerResult, reviews: reviewResult };
}
