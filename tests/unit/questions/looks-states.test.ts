// next-state and connect-to-closed: what the learner sees decides the key, and the audit's
// variety and cue floors hold (looks.ts; close-outcome and handshake-loss: looks-close).
import { describeLooks } from './looks';

describeLooks([
  {
    template: 'next-state',
    shapes: [5, 12, 12],
  },
  { template: 'connect-to-closed', shapes: [100, 100, 100] },
]);
