// The supervisor's restart policy (scripts/server/restart-policy.mjs): quick first restarts,
// doubling delays, and giving up after too many deaths in the window.
import { expect, test } from 'vitest';
import { createRestartPolicy } from '../../../scripts/server/restart-policy.mjs';

test('delays double up to the cap, and the sixth death in a minute gives up', () => {
  const policy = createRestartPolicy({
    maxCrashes: 5,
    windowMs: 60_000,
    firstDelayMs: 250,
    maxDelayMs: 2_000,
  });
  expect([0, 1, 2, 3, 4].map((i) => policy.crashed(i * 1_000))).toEqual([
    250, 500, 1_000, 2_000, 2_000,
  ]);
  expect(policy.crashed(5_000)).toBeNull();
});

test('deaths older than the window are forgotten', () => {
  const policy = createRestartPolicy({ maxCrashes: 2, windowMs: 10_000, firstDelayMs: 100 });
  expect(policy.crashed(0)).toBe(100);
  expect(policy.crashed(5_000)).toBe(200);
  expect(policy.crashed(20_000)).toBe(100);
  expect(policy.recent()).toBe(1);
});
