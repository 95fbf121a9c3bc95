'use server';
// Server actions of /flashcards: the session's next card with due/new counts, a rating
// (stored with its log before the next card appears, when signed in), and undo.
import { getLocale } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import {
  countCardsIntroducedSince,
  getDesiredRetention,
  listFlashcardReviews,
  listFlashcardStates,
  listMistakenTemplates,
  recordFlashcardReview,
  setDesiredRetention,
  undoLastFlashcardReview,
} from '@/lib/db';
import {
  cardFromRow,
  cardToRow,
  dayStart,
  DEFAULT_DESIRED_RETENTION,
  DEFAULT_NEW_PER_DAY,
  desiredRetentionSchema,
  dueForecast,
  newCard,
  nextCardId,
  queueCounts,
  reviewFromRow,
  reviewsPerDay,
  reviewToRow,
  schedule,
  trueRetention,
  undo,
  type QueueCounts,
  type SrsCard,
  type SrsReviewLog,
} from '@/lib/srs';
import { cardHtml, studyCards, type StudyCard } from './cards';
import { isMistakeCard, mistakeCardHtml, mistakeCards, MISTAKES_DECK } from './mistake-cards';
import { rateInputSchema, sessionInputSchema, type SessionInput } from './schema';

export type SessionView = {
  ok: true;
  counts: QueueCounts;
  card: { id: string; deckTitle: string; frontHtml: string; backHtml: string } | null;
};
export type SessionResult = SessionView | { ok: false; error: 'invalid' | 'unknown-card' };
export type RateResult =
  | (SessionView & {
      /** For a visitor: the new state and its log, which the browser keeps (and undoes). */
      visitor?: { cardId: string; card: SrsCard; log: SrsReviewLog };
    })
  | { ok: false; error: 'invalid' | 'unknown-card' };

async function uiLocale(): Promise<'zh' | 'en'> {
  return (await getLocale()) === 'zh' ? 'zh' : 'en';
}

type Loaded = {
  cards: StudyCard[];
  states: Map<string, SrsCard>;
  introducedToday: number;
  locale: 'zh' | 'en';
  /** Seeds the variants mistake cards show: the user id, or the visitor's practice key. */
  learnerKey: string;
};

async function load(input: SessionInput, userId: string | null, now: Date): Promise<Loaded> {
  const locale = await uiLocale();
  const cards = studyCards(locale, input.deck);
  if (input.deck === undefined || input.deck === MISTAKES_DECK) {
    const mistakes = userId ? await listMistakenTemplates(userId) : (input.visitor?.mistakes ?? []);
    cards.push(...mistakeCards(mistakes, locale));
  }
  const ids = cards.map((c) => c.id);
  const states = new Map<string, SrsCard>();
  let introducedToday: number;
  if (userId) {
    for (const row of await listFlashcardStates(userId, ids))
      states.set(row.cardId, cardFromRow(row));
    introducedToday = await countCardsIntroducedSince(
      userId,
      dayStart(now, input.utcOffsetMinutes),
    );
  } else {
    for (const id of ids) {
      const card = input.visitor?.states[id];
      if (card) states.set(id, card);
    }
    introducedToday = input.visitor?.introducedToday ?? 0;
  }
  const learnerKey = userId ?? input.visitor?.key ?? 'visitor';
  return { cards, states, introducedToday, locale, learnerKey };
}

function view(loaded: Loaded, now: Date): SessionView {
  const entries = loaded.cards.map((c) => ({ id: c.id, card: loaded.states.get(c.id) ?? null }));
  const limits = { newPerDay: DEFAULT_NEW_PER_DAY, introducedToday: loaded.introducedToday };
  const id = nextCardId(entries, now, limits);
  const card = id === null ? undefined : loaded.cards.find((c) => c.id === id);
  const sides =
    card && isMistakeCard(card.id)
      ? mistakeCardHtml(
          card.id,
          loaded.learnerKey,
          loaded.states.get(card.id)?.reps ?? 0,
          loaded.locale,
        )
      : card
        ? { frontHtml: cardHtml(card.front), backHtml: cardHtml(card.back) }
        : null;
  return {
    ok: true,
    counts: queueCounts(entries, now, limits),
    card: card && sides ? { id: card.id, deckTitle: card.deckTitle, ...sides } : null,
  };
}

export async function sessionAction(raw: unknown): Promise<SessionResult> {
  const parsed = sessionInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const user = await getCurrentUser();
  const now = new Date();
  return view(await load(parsed.data, user?.id ?? null, now), now);
}

export async function rateAction(raw: unknown): Promise<RateResult> {
  const parsed = rateInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const input = parsed.data;
  const user = await getCurrentUser();
  const now = new Date();
  const loaded = await load(input, user?.id ?? null, now);
  if (!loaded.cards.some((c) => c.id === input.cardId)) return { ok: false, error: 'unknown-card' };

  const before = loaded.states.get(input.cardId) ?? newCard(now);
  // A signed-in learner's setting is the account's, whatever the page last sent.
  const desiredRetention = user
    ? ((await getDesiredRetention(user.id)) ?? DEFAULT_DESIRED_RETENTION)
    : input.desiredRetention;
  const { card, log } = schedule(before, input.rating, now, { desiredRetention });
  if (user) {
    await recordFlashcardReview(user.id, input.cardId, cardToRow(card), reviewToRow(log));
  }
  loaded.states.set(input.cardId, card);
  if (log.stateBefore === 'new') loaded.introducedToday += 1;
  return {
    ...view(loaded, now),
    ...(user ? {} : { visitor: { cardId: input.cardId, card, log } }),
  };
}

/** Signed-in learners only: a visitor's browser undoes from its own log. */
export async function undoAction(raw: unknown): Promise<SessionResult> {
  const parsed = sessionInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const user = await getCurrentUser();
  if (user) await undoLastFlashcardReview(user.id, (row) => cardToRow(undo(reviewFromRow(row))));
  const now = new Date();
  return view(await load(parsed.data, user?.id ?? null, now), now);
}

export type ReviewStats = {
  perDay: { day: string; count: number }[];
  retention: { passed: number; total: number; rate: number | null };
  forecast: { day: string; count: number }[];
};

// Not exported: a 'use server' module may export async functions only.
const STATS_DAYS = 14;
const FORECAST_DAYS = 7;

/** Statistics of every card the signed-in learner has reviewed; null for a visitor. */
export async function statsAction(raw: unknown): Promise<ReviewStats | null> {
  const parsed = sessionInputSchema.pick({ utcOffsetMinutes: true }).safeParse(raw);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return null;
  const offset = parsed.data.utcOffsetMinutes;
  const now = new Date();
  const from = new Date(dayStart(now, offset).getTime() - (STATS_DAYS - 1) * 86_400_000);
  const [reviews, states] = await Promise.all([
    listFlashcardReviews(user.id, { from, to: new Date(now.getTime() + 1) }),
    listFlashcardStates(user.id),
  ]);
  const logs = reviews.map((r) => ({
    reviewedAt: r.reviewedAt,
    rating: r.rating,
    stateBefore: r.stateBefore,
  }));
  return {
    perDay: reviewsPerDay(logs, now, STATS_DAYS, offset),
    retention: trueRetention(logs),
    forecast: dueForecast(states.map(cardFromRow), now, FORECAST_DAYS, offset),
  };
}

/** Stores a signed-in learner's desired retention (0.70..0.97); visitors keep theirs locally. */
export async function setRetentionAction(raw: unknown): Promise<{ ok: boolean }> {
  const parsed = desiredRetentionSchema.safeParse(raw);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return { ok: false };
  await setDesiredRetention(user.id, parsed.data);
  return { ok: true };
}
