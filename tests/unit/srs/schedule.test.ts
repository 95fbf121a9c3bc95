// lib/srs scheduling: golden values at fixed times (the first-review stabilities are FSRS-6's
// published default weights w0..w3), undo, retention bounds and the row mappers.
import { describe, expect, test } from 'vitest';
import {
  cardFromRow,
  cardToRow,
  newCard,
  reviewFromRow,
  reviewToRow,
  schedule,
  SrsError,
  SrsRowError,
  undo,
  type Rating,
  type SrsCard,
} from '@/lib/srs';

const T0 = new Date('2026-01-05T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('a new card rated at T0', () => {
  test.each([
    // rating, state, due, stability (FSRS-6 w[rating-1]), learning step
    [1, 'learning', '2026-01-05T08:01:00.000Z', 0.212, 0],
    [2, 'learning', '2026-01-05T08:06:00.000Z', 1.2931, 0],
    [3, 'learning', '2026-01-05T08:10:00.000Z', 2.3065, 1],
    [4, 'review', '2026-01-13T08:00:00.000Z', 8.2956, 0],
  ] as const)('rating %i → %s, due %s, stability %f', (rating, state, due, stability, step) => {
    const { card, log } = schedule(newCard(T0), rating, T0);
    expect(card.state).toBe(state);
    expect(card.due.toISOString()).toBe(due);
    expect(card.stability).toBeCloseTo(stability, 4);
    expect(card.learningSteps).toBe(step);
    expect(card.reps).toBe(1);
    expect(card.lastReview?.toISOString()).toBe(T0.toISOString());
    expect(log).toMatchObject({ rating, stateBefore: 'new', elapsedDays: 0 });
  });
});

test('Good four times, each when due, grows the interval 0 → 2 → 11 → 46 days', () => {
  let card = newCard(T0);
  const intervals: number[] = [];
  const dues: string[] = [];
  for (let i = 0; i < 4; i++) {
    card = schedule(card, 3, card.due).card;
    intervals.push(card.scheduledDays);
    dues.push(card.due.toISOString());
  }
  expect(intervals).toEqual([0, 2, 11, 46]);
  expect(dues.at(-1)).toBe('2026-03-05T08:10:00.000Z');
  expect(card.state).toBe('review');
});

test('Again on a review card is a lapse: relearning, lapses + 1', () => {
  const reviewed = schedule(newCard(T0), 4, T0).card;
  const { card, log } = schedule(reviewed, 1, at('2026-01-13T08:00:00Z'));
  expect(card.state).toBe('relearning');
  expect(card.lapses).toBe(1);
  expect(card.stability).toBeLessThan(reviewed.stability);
  expect(log).toMatchObject({ stateBefore: 'review', elapsedDays: 8 });
});

test('a lower desired retention schedules a longer interval', () => {
  const reviewed = schedule(newCard(T0), 4, T0).card;
  const later = at('2026-01-30T08:00:00Z');
  const days = (r: number) =>
    schedule(reviewed, 3, later, { desiredRetention: r }).card.scheduledDays;
  expect(days(0.8)).toBe(234);
  expect(days(0.9)).toBeGreaterThan(days(0.95));
  expect(days(0.95)).toBe(28);
  expect(days(0.8)).toBeGreaterThan(days(0.9));
});

test.each([0.5, 0.995, Number.NaN])('desired retention %f is refused', (r) => {
  expect(() => schedule(newCard(T0), 3, T0, { desiredRetention: r })).toThrow(SrsError);
});

test('a review before the last one is refused (the clock must not run backwards)', () => {
  const card = schedule(newCard(T0), 3, T0).card;
  expect(() => schedule(card, 3, at('2026-01-05T07:59:59Z'))).toThrow(SrsError);
});

test('the same inputs always give the same state (no fuzz, no clock)', () => {
  const a = schedule(newCard(T0), 4, T0).card;
  const b = schedule(newCard(T0), 4, T0).card;
  expect(a).toEqual(b);
});

describe('undo', () => {
  test.each([1, 2, 3, 4] as const)(
    'undo after rating %i restores the exact previous state',
    (r) => {
      let card: SrsCard = newCard(T0);
      card = schedule(card, 3, T0).card;
      card = schedule(card, 3, card.due).card;
      const before = structuredClone(card);
      const { log } = schedule(card, r as Rating, at('2026-01-09T00:00:00Z'));
      expect(undo(log)).toEqual(before);
    },
  );
});

describe('row mappers', () => {
  test('a card survives cardToRow → cardFromRow', () => {
    const card = schedule(newCard(T0), 2, T0).card;
    expect(cardFromRow(cardToRow(card))).toEqual(card);
  });

  test('a review log survives reviewToRow → reviewFromRow, previous state included', () => {
    const first = schedule(newCard(T0), 3, T0).card;
    const { log } = schedule(first, 1, at('2026-01-05T08:10:00Z'));
    expect(reviewFromRow(reviewToRow(log))).toEqual(log);
  });

  test('an unknown state or rating in a row is an error naming the value', () => {
    const row = cardToRow(newCard(T0));
    expect(() => cardFromRow({ ...row, state: 'buried' })).toThrow(/buried/);
    const log = reviewToRow(schedule(newCard(T0), 3, T0).log);
    expect(() => reviewFromRow({ ...log, rating: 0 })).toThrow(SrsRowError);
    expect(() => reviewFromRow({ ...log, previous: '{"state":"new"}' })).toThrow(SrsRowError);
  });
});
