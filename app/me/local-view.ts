// A visitor's progress page from this browser's own records (practice answers, mastery and
// flashcard ratings in localStorage), in the same shape the account's progress comes in.
import { activityPerDay, studyStreak } from '@/lib/progress';
import { dueForecast } from '@/lib/srs';
import { loadLocalCards } from '../flashcards/local-cards';
import { loadLocalAnswers } from '../practice/local-answers';
import { loadVisitorProgress } from '../practice/local-progress';
import type { ProgressView } from './view';

const CHART_DAYS = 28;
const FORECAST_DAYS = 14;
const RECENT = 10;

export function localProgress(now: Date, utcOffsetMinutes: number): ProgressView {
  const answers = loadLocalAnswers();
  const cards = loadLocalCards();
  const activity = {
    answers: answers.map((a) => ({ at: new Date(a.answeredAt), correct: a.correct ?? false })),
    reviews: cards.log.map((l) => ({ at: l.reviewedAt })),
    now,
    utcOffsetMinutes,
  };
  const states = Object.values(cards.states);
  return {
    perDay: activityPerDay(activity, CHART_DAYS),
    streak: studyStreak(activity),
    mastery: loadVisitorProgress().mastery.map((m) => ({
      topic: m.topic,
      known: m.known,
      attempts: m.attempts,
      correct: answers.filter((a) => a.correct && a.topics?.includes(m.topic)).length,
    })),
    forecast: dueForecast(states, now, FORECAST_DAYS, utcOffsetMinutes),
    cards: { seen: states.filter((c) => c.state !== 'new').length },
    recentAnswers: answers
      .slice(-RECENT)
      .reverse()
      .map((a) => ({
        template: a.template ?? '',
        topics: a.topics ?? [],
        correct: a.correct ?? false,
        at: a.answeredAt,
      })),
    recentReviews: cards.log
      .slice(-RECENT)
      .reverse()
      .map((l) => ({ card: l.cardId, rating: l.rating, at: l.reviewedAt.toISOString() })),
  };
}
