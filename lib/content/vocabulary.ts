// The closed vocabularies content may use: topics (shared with questions and practice) and
// the question-template ids lessons point to (docs/content-format.md).
export const TOPICS = [
  'header',
  'sequence-numbers',
  'handshake',
  'isn',
  'handshake-loss',
  'retransmission',
  'queues',
  'syn-flood',
  'close',
  'time-wait',
  'close-wait',
  'fin-wait-2',
  'half-close',
  'rst',
  'keepalive',
  'simultaneous',
  'mss',
  'tcp-vs-udp',
  'socket-api',
  'states',
  'flow-control',
  'congestion',
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * Question templates a lesson may list. The question generators (lib/questions) must
 * provide each of these ids; until they exist, this list is the contract.
 */
export const TEMPLATE_IDS = [
  'next-state',
  'seq-ack-numbers',
  'next-segment',
  'handshake-loss',
  'close-outcome',
  'listen-queues',
  'spot-the-error',
  'order-segments',
  'why',
  'exam-word-problem',
  'congestion-window',
  'rounds-to-window',
  'sendable-bytes',
  'sendable-range',
  'fast-retransmit',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const CONTENT_LOCALES = ['zh', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];
