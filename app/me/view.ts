// The shape the /me page shows, whether it comes from the account (progressAction) or from a
// visitor's browser (local-view.ts).
import type { DayActivity, Streak } from '@/lib/progress';

export type ProgressView = {
  perDay: DayActivity[];
  streak: Streak;
  mastery: { topic: string; known: number; attempts: number; correct: number }[];
  forecast: { day: string; count: number }[];
  cards: { seen: number };
  /** Newest first. */
  recentAnswers: { template: string; topics: string[]; correct: boolean; at: string }[];
  /** Newest first; `card` names the card's deck. */
  recentReviews: { card: string; rating: number; at: string }[];
};
