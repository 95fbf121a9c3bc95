// The template registry: id → generator, the `--list` summary, and generateQuestion(), which
// seeds the planning PRNG from (template, difficulty, seed) so the locale never changes numbers.

import { createRng } from '@/lib/engine';
import { QuestionError } from './errors';
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
import type { Question } from './schema';
import {
  DIFFICULTIES,
  LOCALES,
  TEMPLATE_IDS,
  type Difficulty,
  type Kind,
  type Locale,
  type TemplateDef,
  type TemplateId,
  type Topic,
} from './types';

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

export interface TemplateSummary {
  id: TemplateId;
  topics: Topic[];
  kinds: Kind[];
  difficulties: Difficulty[];
}

/** What `npm run -s question -- --list --json` prints. */
export function listTemplates(): TemplateSummary[] {
  return TEMPLATE_IDS.map((id) => {
    const t = TEMPLATES[id];
    return {
      id,
      topics: [...t.topics],
      kinds: [...t.kinds],
      difficulties: [...t.difficulties],
    };
  });
}

export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

export interface GenerateOptions {
  /** A number, or a string such as hashSeed(quizId, slot, studentId) input. Default 1. */
  seed?: number | string;
  locale?: Locale;
  difficulty?: Difficulty;
}

/**
 * Generate one question. The same template, seed, locale and difficulty always give the same
 * question; zh and en of one seed are the same question in two languages.
 *
 * @example generateQuestion('seq-ack-numbers', { seed: 7, locale: 'zh', difficulty: 2 })
 */
export function generateQuestion(template: string, options: GenerateOptions = {}): Question {
  if (!isTemplateId(template)) {
    throw new QuestionError(
      'UNKNOWN_TEMPLATE',
      `unknown template "${template}" (known: ${TEMPLATE_IDS.join(', ')})`,
    );
  }
  const seed = options.seed ?? 1;
  const locale = options.locale ?? 'zh';
  const difficulty = options.difficulty ?? 1;
  if (typeof seed === 'number' && !Number.isFinite(seed))
    throw new QuestionError('BAD_SEED', `seed must be a finite number or a string, got ${seed}`);
  if (!(LOCALES as readonly string[]).includes(locale))
    throw new QuestionError('BAD_LOCALE', `locale must be zh or en, got "${String(locale)}"`);
  if (!(DIFFICULTIES as readonly number[]).includes(difficulty))
    throw new QuestionError('BAD_DIFFICULTY', `difficulty must be 1, 2 or 3, got ${difficulty}`);
  const def = TEMPLATES[template];
  const rng = createRng(`${template}|${difficulty}|${typeof seed}:${seed}`);
  const body = def.generate({ rng, locale, difficulty });
  // Header first so the JSON reads in the order of DESIGN.md §3.
  return { template, seed, locale, difficulty, ...body };
}
