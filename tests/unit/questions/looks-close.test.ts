// close-outcome and handshake-loss: what the learner sees decides the key, and the audit's
// variety and cue floors hold (looks.ts; next-state and connect-to-closed: looks-states).
import { describeLooks } from './looks';

describeLooks([
  { template: 'close-outcome', shapes: [5, 9, 8] },
  { template: 'handshake-loss', shapes: [10, 12, 12] },
]);
