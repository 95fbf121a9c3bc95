// zod schemas for lesson frontmatter, flashcard decks and `trace` block attributes.
// Types are inferred from them; nothing from a content file is used unvalidated.
import { z } from 'zod';
import { TOPICS } from './vocabulary';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

export const lessonFrontmatterSchema = z
  .object({
    /** Kebab-case id; equals the file name after its `nn-` prefix, the same in every locale. */
    slug,
    /** Shown in the lesson list and as the page heading. */
    title: z.string().trim().min(1).max(120),
    /** One or two sentences for the lesson list. */
    summary: z.string().trim().min(1).max(400),
    /** Position in the curriculum; equals the file's `nn-` prefix. */
    order: z.number().int().min(1).max(999),
    /** What the lesson teaches, from the topic vocabulary. */
    topics: z.array(z.enum(TOPICS)).min(1),
    /** Slugs of lessons to read first. */
    prerequisites: z.array(slug).default([]),
    /** Question templates that practise it (ids of lib/questions; the content lint checks them). */
    templates: z.array(slug).default([]),
    /** Flashcard decks (content/decks/<locale>/<deck>.yaml) that belong to it. */
    decks: z.array(slug).default([]),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

export const cardSchema = z
  .object({
    /** Stable id, the same in every locale: review history is keyed on it. */
    id: slug,
    topics: z.array(z.enum(TOPICS)).min(1),
    /** The prompt: short Markdown. */
    front: z.string().trim().min(1).max(600),
    /** The answer: short Markdown. */
    back: z.string().trim().min(1).max(1200),
  })
  .strict();
export type Card = z.infer<typeof cardSchema>;

export const deckSchema = z
  .object({
    /** Equals the file name; the same in every locale. */
    deck: slug,
    /** The lesson the deck belongs to. */
    lesson: slug,
    title: z.string().trim().min(1).max(120),
    cards: z.array(cardSchema).min(1),
  })
  .strict();
export type DeckFile = z.infer<typeof deckSchema>;

export const traceBlockSchema = z
  .object({
    /** A scenario name from the engine's catalog. */
    scenario: slug,
    /** The seed that draws the scenario's random values. */
    seed: z.coerce.number().int().min(0).max(2 ** 31 - 1),
    profile: z.enum(['linux', 'rfc']).default('linux'),
    /** Show the linux and rfc profiles side by side. */
    compare: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export type TraceBlock = z.infer<typeof traceBlockSchema> & { caption: string };
