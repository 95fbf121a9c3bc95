// Two app instances on one PostgreSQL serve the same students with no session affinity:
// every student's requests alternate between the instances (sign-in on one, start on the
// other, ...), and the whole quiz flow completes with no error and every answer stored.
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../scripts/load/flow';
import { runLoad } from '../../scripts/load/run';

describe('several instances on one PostgreSQL', () => {
  it('serves a class of 100 through the quiz flow with requests alternating between two instances', async () => {
    const report = await runLoad({
      provider: 'postgresql',
      instances: 2,
      routing: 'rotate',
      students: 100,
      signInSpreadSec: 10,
      burstSec: 5,
      thinkSec: [0.2, 1],
      submitSpreadSec: 3,
      saturationSec: 0,
      saturationConnections: 0,
    });
    const failures = STEPS.map(
      (step) => [step, report.stats[step].errors, report.stats[step].errorSummary()] as const,
    ).filter(([, errors]) => errors > 0);
    expect(failures, failures.length ? report.appOutput.join('\n---\n').slice(-6000) : '').toEqual(
      [],
    );
    for (const step of STEPS) expect(report.stats[step].count, step).toBeGreaterThanOrEqual(100);
    expect(report.stored).toEqual({
      attempts: 100,
      submitted: 100,
      answers: 1000,
      expectedAnswers: 1000,
    });
  });
});
