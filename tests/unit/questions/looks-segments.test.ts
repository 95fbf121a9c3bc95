// spot-the-error and order-segments: what the learner sees decides the key, and the audit's
// variety and cue floors hold (looks.ts; next-segment and seq-ack-numbers: looks-seq-ack).
import { describeLooks } from './looks';

describeLooks([{ template: 'spot-the-error' }, { template: 'order-segments' }]);
