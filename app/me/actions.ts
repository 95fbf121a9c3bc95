'use server';
// Server action of /me: a signed-in learner's progress — activity per study day, streak,
// mastery by topic, the flashcard due forecast and their latest answers and ratings.
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import {
  listFlashcardStates,
  listPracticeActivity,
  listRecentAnswers,
  listReviewActivity,
  listTopicMastery,
} from '@/lib/db';
import { activityPerDay, studyStreak } from '@/lib/progress';
import { cardFromRow, dayStart, dueForecast } from '@/lib/srs';
import { studyCards } from '../flashcards/cards';
import { mistakesTitle } from '../flashcards/mistake-cards';
import type { ProgressView } from './view';

const inputSchema = z.object({
  /** The learner's offset from UTC in minutes: where their study day begins. */
  utcOffsetMinutes: z.number().int().min(-840).max(840),
});

// Not exported: a 'use server' module may export async functions only.
const DAY_MS = 86_400_000;
/** The charts show four weeks; the streak looks back a year. */
const CHART_DAYS = 28;
const STREAK_DAYS = 366;
const FORECAST_DAYS = 14;
const RECENT = 10;

export async function progressAction(raw: unknown): Promise<ProgressView | null> {
  const parsed = inputSchema.safeParse(raw);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return null;
  const offset = parsed.data.utcOffsetMinutes;
  const locale = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const now = new Date();
  const range = {
    from: new Date(dayStart(now, offset).getTime() - (STREAK_DAYS - 1) * DAY_MS),
    to: new Date(now.getTime() + 1),
  };
  const [answers, reviews, mastery, states, recent] = await Promise.all([
    listPracticeActivity(user.id, range),
    listReviewActivity(user.id, range),
    listTopicMastery(user.id),
    listFlashcardStates(user.id),
    listRecentAnswers(user.id, RECENT),
  ]);
  const activity = {
    answers: answers.map((a) => ({ at: a.createdAt, correct: a.correct })),
    reviews: reviews.map((r) => ({ at: r.reviewedAt })),
    now,
    utcOffsetMinutes: offset,
  };
  const decks = new Map(studyCards(locale).map((c) => [c.id, c.deckTitle]));
  const cards = states.map(cardFromRow);
  return {
    perDay: activityPerDay(activity, CHART_DAYS),
    streak: studyStreak(activity),
    mastery: mastery.map(({ topic, known, attempts, correct }) => ({
      topic,
      known,
      attempts,
      correct,
    })),
    forecast: dueForecast(cards, now, FORECAST_DAYS, offset),
    cards: { seen: cards.filter((c) => c.state !== 'new').length },
    recentAnswers: recent.reverse().map((a) => ({
      template: a.template,
      topics: a.topics,
      correct: a.correct,
      at: a.createdAt.toISOString(),
    })),
    recentReviews: reviews
      .slice(-RECENT)
      .reverse()
      .map((r) => ({
        card:
          decks.get(r.cardId) ??
          (r.cardId.startsWith('mistake/') ? mistakesTitle(locale) : r.cardId),
        rating: r.rating,
        at: r.reviewedAt.toISOString(),
      })),
  };
}
