// Closed vocabularies of lib/questions: template ids, topics, locales, difficulties, kinds.
// Lessons use the same template ids and topics (docs/content-format.md); a unit test compares.

/** Template ids; lessons reference them (docs/content-format.md), a unit test compares. */
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

/** Topic vocabulary shared with lessons and practice filters (docs/content-format.md). */
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

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const KINDS = ['choice', 'multi', 'numeric', 'fields', 'order'] as const;
export type Kind = (typeof KINDS)[number];
