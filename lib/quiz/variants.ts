// Each student's questions: template and seed per slot derived from (quiz, slot, question,
// student, attempt) through a keyed function the caller supplies, so a variant is
// reproducible on the server, a neighbour's numbers do not help, and a student who knows every
// input (they are all visible) still cannot rerun the open-source generator to read the key.
// A topic slot's questions are each about the slot's topic (the seed is chosen for it).
import { createRng } from '@/lib/engine';
import { z } from 'zod';
import {
  TEMPLATE_IDS,
  TOPIC_CANDIDATES,
  templatesAbout,
  type Difficulty,
  type TemplateId,
  type Topic,
} from '@/lib/questions';
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

/**
 * Chooses a question's seed among keyed candidates: the first whose question generates and,
 * when a topic is given, is about it; null when none is. lib/classroom passes one backed by the
 * generators (lib/questions' seedAbout for a topic); lib/quiz stays free of generation.
 */
export type SeedChooser = (
  wanted: { template: TemplateId; difficulty: Difficulty; topic: Topic | null },
  candidates: Iterable<number>,
) => number | null;

/** Takes the first candidate: for callers (and tests) that do not generate questions. */
export const firstCandidate: SeedChooser = (_wanted, candidates) => {
  for (const seed of candidates) return seed;
  return null;
};

export class VariantError extends Error {
  override name = 'VariantError';
}

/** The topic a random slot's questions must be about: a slot by template has none. */
export function slotTopic(slot: SlotSpec): Topic | null {
  return slot.kind === 'random' && slot.template === null ? slot.topic : null;
}

/**
 * Templates a random slot may draw from, in a stable order: a topic slot's are those with
 * questions on the topic at the slot's difficulty (lib/questions' templatesAbout).
 */
export function candidateTemplates(slot: SlotSpec): TemplateId[] {
  if (slot.kind === 'fixed') return [slot.template];
  if (slot.template) return [slot.template];
  return slot.topic === null ? [] : templatesAbout(slot.topic, slot.difficulty);
}

/**
 * Keyed seeds a question may take, lazily: its own, then retries. A seed that fails to
 * generate (rare) or, in a topic slot, whose question is about another topic gives way to
 * the next; as many as questionAbout examines.
 */
function* candidateSeeds(
  key: VariantKey,
  slot: number,
  index: number,
  seedOf: SeedOf,
): Generator<number> {
  yield seedOf(variantMessages.question(key, slot, index));
  // Keyed too: a retry seed derived from the failed one alone would be computable by anyone
  // who could recompute the failure.
  for (let retry = 1; retry < TOPIC_CANDIDATES; retry++)
    yield seedOf(variantMessages.retry(key, slot, index, retry));
}

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
  /** Picks each question's seed among its keyed candidates (see SeedChooser). */
  choose: SeedChooser = firstCandidate,
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
    const topic = slotTopic(slot);
    for (let index = 0; index < slot.count; index++) {
      const item = plannedItem(key, position, index, slot.difficulty, topic, seedOf, choose, [
        ...candidates.slice((offset + index) % candidates.length),
        ...candidates.slice(0, (offset + index) % candidates.length),
      ]);
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

/**
 * One question of a random slot: the first template (in the slot's rotation) with a chosen
 * seed. A topic slot's template with no question on the topic among its candidates gives way
 * to the next; a slot by template with none that generates keeps its first seed (the failure
 * shows where the question is generated, as before).
 */
function plannedItem(
  key: VariantKey,
  slot: number,
  index: number,
  difficulty: Difficulty,
  topic: Topic | null,
  seedOf: SeedOf,
  choose: SeedChooser,
  templates: readonly TemplateId[],
): LayoutItem {
  for (const template of templates) {
    const seed = choose({ template, difficulty, topic }, candidateSeeds(key, slot, index, seedOf));
    if (seed !== null) return { slot, index, template, seed, difficulty };
  }
  if (topic !== null)
    throw new VariantError(
      `slot ${slot + 1} has no question on ${topic} at difficulty ${difficulty}`,
    );
  const template = templates[0]!;
  const seed = seedOf(variantMessages.question(key, slot, index));
  return { slot, index, template, seed, difficulty };
}
