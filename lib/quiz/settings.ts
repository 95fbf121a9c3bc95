// What an instructor configures on a quiz and its slots: the closed vocabularies and the zod
// schemas that every quiz form and import goes through.
import { z } from 'zod';
import { DIFFICULTIES, TEMPLATE_IDS, TOPICS, templatesAbout } from '@/lib/questions';

export const GRADING_METHODS = ['highest', 'last', 'first', 'average'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];

export const REVIEW_WHEN = ['immediately', 'after_close', 'never'] as const;
export type ReviewWhen = (typeof REVIEW_WHEN)[number];

export const QUIZ_STATUSES = ['draft', 'published'] as const;
export type QuizStatus = (typeof QUIZ_STATUSES)[number];

/** Bounds that keep one quiz inside what a page and one attempt can reasonably hold. */
export const LIMITS = {
  titleLength: 120,
  descriptionLength: 2_000,
  slots: 40,
  questionsPerSlot: 20,
  questions: 100,
  points: 100,
  /** One week, in seconds. */
  timeLimitSec: 7 * 24 * 3600,
  attempts: 20,
  classNameLength: 80,
} as const;

export const difficultySchema = z.union(
  DIFFICULTIES.map((d) => z.literal(d)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
);
const pointsSchema = z.number().positive().max(LIMITS.points);

/** PostgreSQL text cannot hold NUL (SQLite can): refused for both, as invalid input. */
export const NO_NUL = /^[^\u0000]*$/;

/**
 * A slot: `count` questions drawn per student from one template, or from any template that
 * covers a topic at that difficulty (random); or one question the instructor picked by seed
 * after previewing it (fixed), the same for everyone.
 */
export const slotSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('random'),
    template: z.enum(TEMPLATE_IDS).nullable(),
    topic: z.enum(TOPICS).nullable(),
    difficulty: difficultySchema,
    count: z.number().int().min(1).max(LIMITS.questionsPerSlot),
    points: pointsSchema,
  }),
  z.object({
    kind: z.literal('fixed'),
    template: z.enum(TEMPLATE_IDS),
    seed: z.number().int().min(0).max(0xffff_ffff),
    difficulty: difficultySchema,
    points: pointsSchema,
  }),
]);
export type SlotSpec = z.infer<typeof slotSpecSchema>;

export const quizSettingsSchema = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleLength).regex(NO_NUL),
    description: z.string().max(LIMITS.descriptionLength).regex(NO_NUL),
    timeLimitSec: z.number().int().min(60).max(LIMITS.timeLimitSec).nullable(),
    opensAt: z.date().nullable(),
    closesAt: z.date().nullable(),
    /** 0 means unlimited. */
    attemptsAllowed: z.number().int().min(0).max(LIMITS.attempts),
    gradingMethod: z.enum(GRADING_METHODS),
    shuffle: z.boolean(),
    reviewWhen: z.enum(REVIEW_WHEN),
    reviewAnswers: z.boolean(),
    reviewExplanation: z.boolean(),
  })
  .refine((s) => !s.opensAt || !s.closesAt || s.opensAt < s.closesAt, {
    message: 'the quiz must open before it closes',
    path: ['closesAt'],
  });
export type QuizSettings = z.infer<typeof quizSettingsSchema>;

export const slotListSchema = z
  .array(slotSpecSchema)
  .max(LIMITS.slots)
  .refine(
    (slots) => slots.every((s) => s.kind === 'fixed' || s.template !== null || s.topic !== null),
    {
      message: 'a random slot names a template or a topic',
    },
  )
  .refine(
    (slots) =>
      slots.every(
        (s) =>
          s.kind === 'fixed' ||
          s.template !== null ||
          s.topic === null ||
          // Questions on the topic at that difficulty, not just a template that lists it.
          templatesAbout(s.topic, s.difficulty).length > 0,
      ),
    { message: 'no question template covers this topic at this difficulty' },
  )
  .refine((slots) => questionCount(slots) <= LIMITS.questions, {
    message: `a quiz holds at most ${LIMITS.questions} questions`,
  });

export function questionCount(slots: readonly SlotSpec[]): number {
  return slots.reduce((n, s) => n + (s.kind === 'fixed' ? 1 : s.count), 0);
}

export function maxScore(slots: readonly SlotSpec[]): number {
  return slots.reduce((n, s) => n + (s.kind === 'fixed' ? 1 : s.count) * s.points, 0);
}
