// The desired-retention setting a learner may choose: 0.70 to 0.97; the scheduler itself
// accepts up to 0.99, so a stored setting is always schedulable.
import { expect, test } from 'vitest';
import {
  desiredRetentionSchema,
  MAX_DESIRED_RETENTION,
  MAX_RETENTION_SETTING,
  newCard,
  schedule,
} from '@/lib/srs';

test.each([0.7, 0.85, 0.9, 0.97])('%f is a valid setting', (r) => {
  expect(desiredRetentionSchema.safeParse(r).success).toBe(true);
});

test.each([0.69, 0.98, 0.99, 1, Number.NaN, '0.9'])('%s is refused as a setting', (r) => {
  expect(desiredRetentionSchema.safeParse(r).success).toBe(false);
});

test('every setting can be scheduled with, and a higher one brings a card back sooner', () => {
  expect(MAX_RETENTION_SETTING).toBeLessThanOrEqual(MAX_DESIRED_RETENTION);
  const t0 = new Date('2026-01-01T00:00:00Z');
  const graduated = (r: number) => {
    const first = schedule(newCard(t0), 4, t0, { desiredRetention: r });
    return first.card.due.getTime();
  };
  expect(graduated(0.97)).toBeLessThan(graduated(0.7));
});
