// next-segment and seq-ack-numbers (keys are sequence numbers): what the learner sees decides
// the key, also up to ISNs and payload sizes, and the audit's floors hold (looks.ts).
import { describeLooks } from './looks';

describeLooks([{ template: 'next-segment' }, { template: 'seq-ack-numbers' }]);
