// Each student's questions: template and seed per slot derived from (quiz, slot, question,
// student, attempt) through a keyed function the caller supplies, so a variant is
// reproducible on the server, a neighbour's numbers do not help, and a student who knows every
// input (they are all visible) still cannot rerun the open-source generator to read the key.
import { createRng } from '@/lib/engine';
import { z } from 'zod';
import { TEMPLATE_IDS, listTemplates, type Difficulty, type TemplateId } from '@/lib/questions';
import { difficultySchema, type SlotSpec } from './settings';

/** One question of an attempt, as stored in QuizAttempt.layout. */
export type LayoutItem = {
  /** Index into the quiz's slots (their `position`). */
  slot: number;
  /** Which of the slot's `count` questions. */
  index: number;
  template: TemplateId;
  seed: number;
  difficulty: Difficulty;
};

/** The stored form of a layout (QuizAttempt.layout), checked when read back. */
export const layoutSchema = z.array(
  z.object({
    slot: z.number().int().min(0),
    index: z.number().int().min(0),
    template: z.enum(TEMPLATE_IDS),
    seed: z.number().int().min(0),
    difficulty: difficultySchema,
  }),
);

export type VariantKey = { quizId: string; userId: string; attempt: number };

/**
 * A keyed 32-bit seed for a message: the server passes an HMAC under its own secret
 * (lib/classroom's variantSeed). lib/quiz stays pure and never holds the key; every seed,
 * template offset and shuffle of a variant comes from this function and nothing else.
 */
export type SeedOf = (message: string) => number;

export class VariantError extends Error {
  override name = 'VariantError';
}

/** Templates a random slot may draw from, in a stable order. */
export function candidateTemplates(slot: SlotSpec): TemplateId[] {
  if (slot.kind === 'fixed') return [slot.template];
  if (slot.template) return [slot.template];
  return listTemplates()
    .filter((t) => slot.topic !== null && t.topics.includes(slot.topic))
    .filter((t) => t.difficulties.includes(slot.difficulty))
    .map((t) => t.id);
}

/** A generator that fails for a seed (rare: a scenario with no valid focus) gets new seeds. */
const GENERATION_RETRIES = 3;

/**
 * The messages each derivation is keyed on. The ids are joined with `|`; a user or quiz id
 * holding `|` could only collide with another message of its own quiz and student.
 */
export const variantMessages = {
  question: (key: VariantKey, slot: number, index: number) =>
    `quiz|${key.quizId}|slot|${slot}|q|${index}|student|${key.userId}|attempt|${key.attempt}`,
  retry: (key: VariantKey, slot: number, index: number, retry: number) =>
    `${variantMessages.question(key, slot, index)}|retry|${retry}`,
  templates: (key: VariantKey, slot: number) =>
    `quiz|${key.quizId}|slot|${slot}|templates|student|${key.userId}|attempt|${key.attempt}`,
  order: (key: VariantKey) =>
    `quiz|${key.quizId}|order|student|${key.userId}|attempt|${key.attempt}`,
};

/**
 * The attempt's questions in slot order, then shuffled (when the quiz says so) with a
 * PRNG seeded from the same key, so a reload or a regrade rebuilds the same order.
 */
export function planAttempt(
  key: VariantKey,
  slots: readonly SlotSpec[],
  shuffle: boolean,
  seedOf: SeedOf,
  /** Whether a question generates; a seed that fails is replaced by a new keyed one. */
  generates: (item: LayoutItem) => boolean = () => true,
): LayoutItem[] {
  const items: LayoutItem[] = [];
  slots.forEach((slot, position) => {
    if (slot.kind === 'fixed') {
      items.push({
        slot: position,
        index: 0,
        template: slot.template,
        seed: slot.seed,
        difficulty: slot.difficulty,
      });
      return;
    }
    const candidates = candidateTemplates(slot);
    if (candidates.length === 0)
      throw new VariantError(`slot ${position + 1} has no template for its topic and difficulty`);
    // Spread a topic slot's questions over its templates before repeating one: one offset
    // per slot (and student), then consecutive templates.
    const offset = createRng(seedOf(variantMessages.templates(key, position))).int(
      0,
      candidates.length - 1,
    );
    for (let index = 0; index < slot.count; index++) {
      const template = candidates[(offset + index) % candidates.length]!;
      let item: LayoutItem = {
        slot: position,
        index,
        template,
        seed: seedOf(variantMessages.question(key, position, index)),
        difficulty: slot.difficulty,
      };
      // Keyed too: a retry seed derived from the failed one alone would be computable by
      // anyone who could recompute the failure.
      for (let retry = 1; retry <= GENERATION_RETRIES && !generates(item); retry++) {
        item = { ...item, seed: seedOf(variantMessages.retry(key, position, index, retry)) };
      }
      items.push(item);
    }
  });
  if (!shuffle) return items;
  const rng = createRng(seedOf(variantMessages.order(key)));
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
