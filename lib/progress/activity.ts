// Study activity per day and the streak of consecutive study days, from the times of
// practice answers and flashcard reviews. Pure: `now` and the learner's UTC offset are passed
// in; days roll over at 04:00 local time like lib/srs's study days.
import { dayStart, studyDay } from '@/lib/srs';

const DAY_MS = 86_400_000;

export interface DayActivity {
  /** The study day, YYYY-MM-DD local. */
  day: string;
  answers: number;
  /** Answers graded right. */
  correct: number;
  reviews: number;
}

export interface Streak {
  /** Consecutive study days ending today, or yesterday when nothing was done yet today. */
  current: number;
  /** The longest run of consecutive study days in the events given. */
  longest: number;
  /** Whether today already counts. */
  today: boolean;
}

export interface ActivityInput {
  answers: readonly { at: Date; correct: boolean }[];
  reviews: readonly { at: Date }[];
  now: Date;
  utcOffsetMinutes: number;
}

/** Index of the study day holding `at`, counted in days from the epoch's study day. */
function dayIndex(at: Date, utcOffsetMinutes: number): number {
  return Math.round(dayStart(at, utcOffsetMinutes).getTime() / DAY_MS);
}

/**
 * Answers, right answers and reviews on each of the `days` study days ending today, oldest
 * first; events outside that window (or in the future) are not counted.
 */
export function activityPerDay(input: ActivityInput, days: number): DayActivity[] {
  const { now, utcOffsetMinutes: offset } = input;
  const today = dayStart(now, offset).getTime();
  const out: DayActivity[] = Array.from({ length: days }, (_, i) => ({
    day: studyDay(new Date(today - (days - 1 - i) * DAY_MS), offset),
    answers: 0,
    correct: 0,
    reviews: 0,
  }));
  const todayIndex = dayIndex(now, offset);
  const slot = (at: Date) => out[days - 1 - (todayIndex - dayIndex(at, offset))];
  for (const answer of input.answers) {
    const s = slot(answer.at);
    if (!s) continue;
    s.answers += 1;
    if (answer.correct) s.correct += 1;
  }
  for (const review of input.reviews) {
    const s = slot(review.at);
    if (s) s.reviews += 1;
  }
  return out;
}

/** The study streak: a day counts when it has at least one answer or review. */
export function studyStreak(input: ActivityInput): Streak {
  const { now, utcOffsetMinutes: offset } = input;
  const todayIndex = dayIndex(now, offset);
  const active = new Set<number>();
  for (const e of [...input.answers, ...input.reviews]) {
    const index = dayIndex(e.at, offset);
    if (index <= todayIndex) active.add(index);
  }
  const sorted = [...active].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === (sorted[i - 1] ?? 0) + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const today = active.has(todayIndex);
  // A streak is not broken until a whole study day passes without study.
  let current = 0;
  for (let d = today ? todayIndex : todayIndex - 1; active.has(d); d--) current += 1;
  return { current, longest, today };
}
