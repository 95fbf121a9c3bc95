// lib/srs queue: due/new counts under a daily new-card limit, show order, day boundaries.
import { describe, expect, test } from 'vitest';
import { dayStart, newCard, nextCardId, queueCounts, schedule, type QueueEntry } from '@/lib/srs';

const T0 = new Date('2026-01-05T08:00:00Z');
const NOW = new Date('2026-01-20T08:00:00Z');

function reviewedCard(rating: 1 | 2 | 3 | 4, at: Date) {
  return schedule(newCard(at), rating, at).card;
}

const entries: QueueEntry[] = [
  { id: 'n1', card: null },
  { id: 'easy', card: reviewedCard(4, T0) }, // due 2026-01-13: overdue
  { id: 'n2', card: newCard(T0) },
  { id: 'again', card: reviewedCard(1, T0) }, // due 2026-01-05 08:01: most overdue
  { id: 'future', card: reviewedCard(4, NOW) }, // due in 8 days
  { id: 'n3', card: null },
];

describe('queueCounts', () => {
  test.each([
    [20, 0, { due: 2, new: 3 }],
    [20, 18, { due: 2, new: 2 }],
    [20, 20, { due: 2, new: 0 }],
    [20, 25, { due: 2, new: 0 }],
    [0, 0, { due: 2, new: 0 }],
  ])('limit %i, introduced %i → %o', (newPerDay, introducedToday, expected) => {
    expect(queueCounts(entries, NOW, { newPerDay, introducedToday })).toEqual(expected);
  });
});

describe('nextCardId', () => {
  test('the most overdue seen card comes first', () => {
    expect(nextCardId(entries, NOW, { newPerDay: 20, introducedToday: 0 })).toBe('again');
  });
  test('then new cards in the given order, while the allowance lasts', () => {
    const onlyNew = entries.filter((e) => e.card === null || e.card.state === 'new');
    expect(nextCardId(onlyNew, NOW, { newPerDay: 20, introducedToday: 0 })).toBe('n1');
    expect(nextCardId(onlyNew, NOW, { newPerDay: 20, introducedToday: 20 })).toBeNull();
  });
  test('nothing due and nothing new → null', () => {
    expect(nextCardId([entries[4]!], NOW, { newPerDay: 20, introducedToday: 0 })).toBeNull();
  });
});

describe('dayStart (rolls over at 04:00 local)', () => {
  test.each([
    // now (UTC), offset minutes, expected start (UTC)
    ['2026-01-05T08:00:00Z', 480, '2026-01-04T20:00:00.000Z'], // 16:00 in Beijing → 04:00 that day
    ['2026-01-05T19:30:00Z', 480, '2026-01-04T20:00:00.000Z'], // 03:30 next day, still that day
    ['2026-01-05T20:00:00Z', 480, '2026-01-05T20:00:00.000Z'], // 04:00 exactly: a new day
    ['2026-01-05T03:59:00Z', 0, '2026-01-04T04:00:00.000Z'],
    ['2026-01-05T12:00:00Z', -300, '2026-01-05T09:00:00.000Z'], // New York
  ])('%s at offset %i min → %s', (now, offset, expected) => {
    expect(dayStart(new Date(now), offset).toISOString()).toBe(expected);
  });
});
