// next-state and connect-to-closed: what the learner sees decides the key, and the audit's
// variety and cue floors hold (looks.ts; close-outcome and handshake-loss: looks-close).
import { describeLooks } from './looks';

describeLooks([
  {
    template: 'next-state',
    shapes: [5, 12, 12],
    // ESTABLISHED, the longest state name (no distractor can match it), is the key of 2 of the
    // 5 d1 plans: 40 % against a limit of 40 % (0.402 at 500 seeds, 0.404 at 10,000).
    longestKnown: { difficulty: 1, atMost: 0.45, why: 'ESTABLISHED is 2 of 5 d1 plans' },
  },
  { template: 'connect-to-closed', shapes: [100, 100, 100] },
]);
