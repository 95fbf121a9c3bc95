// The template registry: id → generator, the `--list` summary, and generateQuestion(), which
// seeds the planning PRNG from (template, difficulty, seed) so the locale never changes numbers.

import { createRng, type Rng } from '@/lib/engine';
import { QuestionError } from './errors';
export { TEMPLATES } from './templates';
import { TEMPLATES } from './templates';
import { invarianceOf } from './validity';
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

/** Plans tried per question before giving up (a generator should rarely need a second). */
export const MAX_DRAWS = 24;

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
  const rng = createRng(`${template}|${difficulty}|${typeof seed}:${seed}`);
  return drawQuestion(TEMPLATES[template], { template, seed, locale, difficulty }, rng);
}

/**
 * Plan, simulate and build until the question holds under every fact it does not state. A
 * plan that fails is drawn again from the same PRNG, so the result is still a function of
 * (template, seed, difficulty) and the same in both locales.
 */
export function drawQuestion(
  def: TemplateDef,
  header: Pick<Question, 'template' | 'seed' | 'locale' | 'difficulty'>,
  rng: Rng,
): Question {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const body = def.generate({ rng, locale: header.locale, difficulty: header.difficulty });
    // Header first so the JSON reads in the order of DESIGN.md §3.
    const q: Question = { ...header, ...body };
    if (invarianceOf(q, def).ok) return q;
  }
  throw new QuestionError(
    'NO_VALID_QUESTION',
    `${header.template} d${header.difficulty} seed ${header.seed}: no plan in ${MAX_DRAWS} draws keeps its key under the facts it does not state`,
  );
}

/**
 * Re-simulate a question under every fact it does not state and re-solve it
 * (lib/questions/validity.ts); `ok` when the key never moves.
 */
export function checkInvariance(q: Question) {
  return invarianceOf(q, TEMPLATES[q.template]);
}
