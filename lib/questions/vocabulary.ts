// Closed vocabularies of lib/questions: template ids, topics, locales, difficulties, kinds.
// Topics come from lib/topics; lessons list template ids, which the content lint checks here.

/** Template ids; lessons reference them (docs/content-format.md) and the content lint checks them. */
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
  'connect-to-closed',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Topic vocabulary shared with lessons and practice filters. */
export { TOPICS, type Topic } from '@/lib/topics';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const KINDS = ['choice', 'multi', 'numeric', 'fields', 'order'] as const;
export type Kind = (typeof KINDS)[number];
