// The template table: id → generator family. One list; the registry and the validity checks
// read it.

import { closeOutcome } from './generators/close-outcome';
import { congestionWindow } from './generators/congestion-window';
import { connectToClosed } from './generators/connect-to-closed';
import { examWordProblem } from './generators/exam-word-problem';
import { fastRetransmit } from './generators/fast-retransmit';
import { handshakeLoss } from './generators/handshake-loss';
import { listenQueues } from './generators/listen-queues';
import { nextSegment } from './generators/next-segment';
import { nextState } from './generators/next-state';
import { orderSegments } from './generators/order-segments';
import { roundsToWindow } from './generators/rounds-to-window';
import { sendableBytes } from './generators/sendable-bytes';
import { sendableRange } from './generators/sendable-range';
import { seqAckNumbers } from './generators/seq-ack-numbers';
import { spotTheError } from './generators/spot-the-error';
import { why } from './generators/why';
import type { TemplateDef, TemplateId } from './types';

export const TEMPLATES: Readonly<Record<TemplateId, TemplateDef>> = {
  'next-state': nextState,
  'seq-ack-numbers': seqAckNumbers,
  'next-segment': nextSegment,
  'handshake-loss': handshakeLoss,
  'close-outcome': closeOutcome,
  'listen-queues': listenQueues,
  'spot-the-error': spotTheError,
  'order-segments': orderSegments,
  why,
  'exam-word-problem': examWordProblem,
  'congestion-window': congestionWindow,
  'rounds-to-window': roundsToWindow,
  'sendable-bytes': sendableBytes,
  'sendable-range': sendableRange,
  'fast-retransmit': fastRetransmit,
  'connect-to-closed': connectToClosed,
};
