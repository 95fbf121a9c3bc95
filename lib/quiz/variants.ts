// Each student's questions: template and seed per slot derived from (quiz, slot, question,
// student, attempt), so a variant is reproducible and a neighbour's numbers do not help.
import { createRng, hashSeed } from '@/lib/engine';
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

function seedFor(key: VariantKey, slot: number, index: number): number {
  return hashSeed(
    `quiz|${key.quizId}|slot|${slot}|q|${index}|student|${key.userId}|attempt|${key.attempt}`,
  );
}

/**
 * The attempt's questions in slot order, then shuffled (when the quiz says so) with a
 * PRNG seeded from the same key, so a reload or a regrade rebuilds the same order.
 */
export function planAttempt(
  key: VariantKey,
  slots: readonly SlotSpec[],
  shuffle: boolean,
  /** Whether a question generates; a seed that fails is replaced by one derived from it. */
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
    const offset = createRng(
      `quiz|${key.quizId}|slot|${position}|templates|student|${key.userId}|attempt|${key.attempt}`,
    ).int(0, candidates.length - 1);
    for (let index = 0; index < slot.count; index++) {
      let seed = seedFor(key, position, index);
      const template = candidates[(offset + index) % candidates.length]!;
      let item: LayoutItem = {
        slot: position,
        index,
        template,
        seed,
        difficulty: slot.difficulty,
      };
      for (let retry = 1; retry <= GENERATION_RETRIES && !generates(item); retry++) {
        seed = hashSeed(`${item.seed}|retry|${retry}`);
        item = { ...item, seed };
      }
      items.push(item);
    }
  });
  if (!shuffle) return items;
  const rng = createRng(
    hashSeed(`quiz|${key.quizId}|order|student|${key.userId}|attempt|${key.attempt}`),
  );
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
