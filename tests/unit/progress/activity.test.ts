// Activity per study day and the streak: days roll over at 04:00 local time, the clock and
// the UTC offset are passed in, and a streak survives until a whole day passes without study.
import { describe, expect, test } from 'vitest';
import { activityPerDay, studyStreak } from '@/lib/progress';

const UTC8 = 480;
/** A local time in UTC+8, as a Date. */
const at = (local: string) => new Date(`${local}+08:00`);
const answer = (local: string, correct = true) => ({ at: at(local), correct });
const review = (local: string) => ({ at: at(local) });

describe('activityPerDay', () => {
  const now = at('2026-03-10T12:00:00');

  test('counts answers, right answers and reviews per study day, oldest first', () => {
    const days = activityPerDay(
      {
        answers: [answer('2026-03-10T09:00:00'), answer('2026-03-10T10:00:00', false)],
        reviews: [review('2026-03-08T20:00:00')],
        now,
        utcOffsetMinutes: UTC8,
      },
      3,
    );
    expect(days).toEqual([
      { day: '2026-03-08', answers: 0, correct: 0, reviews: 1 },
      { day: '2026-03-09', answers: 0, correct: 0, reviews: 0 },
      { day: '2026-03-10', answers: 2, correct: 1, reviews: 0 },
    ]);
  });

  test('an answer at 02:00 belongs to the study day before', () => {
    const days = activityPerDay(
      { answers: [answer('2026-03-10T02:00:00')], reviews: [], now, utcOffsetMinutes: UTC8 },
      2,
    );
    expect(days.map((d) => [d.day, d.answers])).toEqual([
      ['2026-03-09', 1],
      ['2026-03-10', 0],
    ]);
  });

  test('events before the window or in the future are left out', () => {
    const days = activityPerDay(
      {
        answers: [answer('2026-03-01T12:00:00'), answer('2026-03-12T12:00:00')],
        reviews: [],
        now,
        utcOffsetMinutes: UTC8,
      },
      7,
    );
    expect(days.reduce((n, d) => n + d.answers, 0)).toBe(0);
  });

  test('the same instant falls on the local day of each offset', () => {
    const instant = new Date('2026-03-09T20:00:00Z'); // 04:00 on the 10th in UTC+8
    const input = { answers: [{ at: instant, correct: true }], reviews: [] };
    const later = new Date('2026-03-10T06:00:00Z');
    expect(activityPerDay({ ...input, now: later, utcOffsetMinutes: UTC8 }, 1)[0]?.answers).toBe(1);
    expect(activityPerDay({ ...input, now: later, utcOffsetMinutes: 0 }, 1)[0]?.answers).toBe(0);
  });
});

describe('studyStreak', () => {
  const now = at('2026-03-10T12:00:00');
  const streak = (answers: string[], reviews: string[] = []) =>
    studyStreak({
      answers: answers.map((a) => answer(a)),
      reviews: reviews.map(review),
      now,
      utcOffsetMinutes: UTC8,
    });

  test('no study, no streak', () => {
    expect(streak([])).toEqual({ current: 0, longest: 0, today: false });
  });

  test('consecutive days ending today, answers and reviews alike', () => {
    expect(streak(['2026-03-10T08:00:00', '2026-03-08T08:00:00'], ['2026-03-09T23:00:00'])).toEqual(
      { current: 3, longest: 3, today: true },
    );
  });

  test('a streak through yesterday still holds before today’s study', () => {
    expect(streak(['2026-03-09T08:00:00', '2026-03-08T08:00:00'])).toEqual({
      current: 2,
      longest: 2,
      today: false,
    });
  });

  test('a missed day breaks it; the longest run is remembered', () => {
    expect(
      streak([
        '2026-03-01T08:00:00',
        '2026-03-02T08:00:00',
        '2026-03-03T08:00:00',
        '2026-03-10T08:00:00',
      ]),
    ).toEqual({ current: 1, longest: 3, today: true });
    expect(streak(['2026-03-07T08:00:00', '2026-03-08T08:00:00']).current).toBe(0);
  });

  test('study after midnight but before 04:00 extends the previous day', () => {
    // 01:00 on the 10th is still the 9th's study day; with the 8th that is two days, and
    // nothing yet on the 10th's study day (which began at 04:00).
    const early = studyStreak({
      answers: [answer('2026-03-08T20:00:00'), answer('2026-03-10T01:00:00')],
      reviews: [],
      now: at('2026-03-10T03:00:00'),
      utcOffsetMinutes: UTC8,
    });
    expect(early).toEqual({ current: 2, longest: 2, today: true });
  });
});
