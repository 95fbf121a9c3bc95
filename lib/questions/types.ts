// Closed vocabularies and the generator contract of lib/questions (the Question DTO itself
// is inferred from the zod schema in schema.ts).

import type { Profile, Rng, Trace } from '@/lib/engine';
import type { HiddenVariation } from './validity';
import type { MisconceptionId } from './misconceptions';
import type { Answer, Question, QuestionBody } from './schema';

export {
  DIFFICULTIES,
  KINDS,
  LOCALES,
  TEMPLATE_IDS,
  TOPICS,
  type Difficulty,
  type Kind,
  type Locale,
  type TemplateId,
  type Topic,
} from './vocabulary';
import type { Difficulty, Kind, Locale, TemplateId, Topic } from './vocabulary';

export type { MisconceptionId };

/** What a generator receives: the planning PRNG (seeded from template, seed, difficulty). */
export interface GenContext {
  rng: Rng;
  locale: Locale;
  difficulty: Difficulty;
}

/** A simulation request: a catalog scenario, the engine seed and `set` overrides. */
export interface SimSpec {
  scenario: string;
  seed: number;
  profile?: Profile;
  set: Record<string, string | number>;
}

/**
 * One template family. `generate` plans (scenario, overrides, focus), simulates once and
 * builds the question; `solve` recomputes the key from a fresh simulation of the question's
 * `source` (a trace, or null for authored content), so a test can check the key against it.
 */
export interface TemplateDef {
  id: TemplateId;
  topics: readonly Topic[];
  kinds: readonly Kind[];
  difficulties: readonly Difficulty[];
  generate(ctx: GenContext): QuestionBody;
  solve(trace: Trace | null, question: Question): Answer;
  /**
   * The facts this template's questions leave unstated, to re-simulate under (validity.ts);
   * default `defaultVariations` (timings and the other profile). A template whose stems state
   * the profile or a timing leaves that variation out.
   */
  hidden?(question: Question, trace: Trace): HiddenVariation[];
  /**
   * Whether a re-simulation under a hidden variation shows the learner the same question
   * (validity.ts); default: its first `trace.segments.length` segments look the same. A
   * template whose stem states facts read from the trace, or whose shown trace is altered on
   * purpose, says how to compare.
   */
  sameView?(question: Question, other: Trace): boolean;
}
