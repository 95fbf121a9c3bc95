// Review statistics: reviews per study day, true retention (the share of due reviews
// remembered, as Anki reports it), and a forecast of due cards for the coming days.
import type { SrsCard } from './card';
import { dayStart } from './queue';
import type { SrsReviewLog } from './schedule';

const DAY_MS = 86_400_000;

/** The study day (YYYY-MM-DD, local, rolling over at 04:00) that `at` belongs to. */
export function studyDay(at: Date, utcOffsetMinutes: number): string {
  const start = dayStart(at, utcOffsetMinutes);
  // The day's 04:00 local, shifted to UTC fields, names the local date.
  return new Date(start.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Ratings per study day for the `days` days ending with today's, oldest first. */
export function reviewsPerDay(
  logs: readonly Pick<SrsReviewLog, 'reviewedAt'>[],
  now: Date,
  days: number,
  utcOffsetMinutes: number,
): { day: string; count: number }[] {
  const today = dayStart(now, utcOffsetMinutes).getTime();
  const out = Array.from({ length: days }, (_, i) => ({
    day: studyDay(new Date(today - (days - 1 - i) * DAY_MS), utcOffsetMinutes),
    count: 0,
  }));
  for (const log of logs) {
    const start = dayStart(log.reviewedAt, utcOffsetMinutes).getTime();
    const index = days - 1 - Math.round((today - start) / DAY_MS);
    const slot = out[index];
    if (slot) slot.count += 1;
  }
  return out;
}

/**
 * True retention: of the ratings given to cards in the review state (learning steps and new
 * cards excluded), the share that was not Again. null when there were none.
 */
export function trueRetention(logs: readonly { rating: number; stateBefore: string }[]): {
  passed: number;
  total: number;
  rate: number | null;
} {
  const reviews = logs.filter((l) => l.stateBefore === 'review');
  const passed = reviews.filter((l) => l.rating > 1).length;
  return { passed, total: reviews.length, rate: reviews.length ? passed / reviews.length : null };
}

/**
 * Seen cards falling due on each of the next `days` study days, today first; cards overdue
 * already are counted today. New cards are not forecast (the daily limit introduces them).
 */
export function dueForecast(
  cards: readonly SrsCard[],
  now: Date,
  days: number,
  utcOffsetMinutes: number,
): { day: string; count: number }[] {
  const today = dayStart(now, utcOffsetMinutes).getTime();
  const out = Array.from({ length: days }, (_, i) => ({
    day: studyDay(new Date(today + i * DAY_MS), utcOffsetMinutes),
    count: 0,
  }));
  for (const card of cards) {
    if (card.state === 'new') continue;
    const start = dayStart(card.due, utcOffsetMinutes).getTime();
    const slot = out[Math.max(0, Math.round((start - today) / DAY_MS))];
    if (slot) slot.count += 1;
  }
  return out;
}
