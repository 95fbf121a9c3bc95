// listen-queues, why, the exam word problem and the congestion and window templates: what the
// learner sees decides the key, and the audit's variety and cue floors hold (looks.ts).
import { describeLooks } from './looks';

describeLooks([
  { template: 'listen-queues' },
  { template: 'why' },
  { template: 'exam-word-problem' },
  { template: 'congestion-window' },
  { template: 'rounds-to-window' },
  { template: 'sendable-bytes' },
  { template: 'sendable-range' },
  { template: 'fast-retransmit' },
]);
