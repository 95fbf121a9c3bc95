// The Question JSON of DESIGN.md §3 as zod schemas (the DTO), a discriminated union on `kind`,
// plus the response shapes that grade() accepts.

import { traceSchema } from '@/lib/engine';
import { z } from 'zod';
import { MISCONCEPTION_IDS } from './misconceptions';
import { TEMPLATE_IDS, TOPICS } from './vocabulary';

/**
 * The trace (prefix) a learner sees: the engine's trace JSON, `end` being where the shown
 * prefix stops. No round table: the round-model questions show no trace (it is null).
 */
export const shownTraceSchema = traceSchema.omit({ rounds: true });

export const optionSchema = z.object({
  /** Stable within the question: "a", "b", ... (or "s1", "s2", ... for order items). */
  id: z.string().min(1),
  text: z.string().min(1),
});

/** How the key was computed: the simulation to re-run, and what the question focuses on. */
export const sourceSchema = z.object({
  scenario: z.string().nullable(),
  seed: z.number(),
  profile: z.enum(['linux', 'rfc']).optional(),
  set: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Generator-specific choices (segment index, endpoint, variant) needed to re-derive the key. */
  focus: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

const misconceptionMap = z.record(z.string(), z.enum(MISCONCEPTION_IDS));

const base = {
  /** Topic tags from the vocabulary. */
  topics: z.array(z.enum(TOPICS)).min(1),
  /** Slug of the lesson to revisit. */
  lesson: z.string().min(1),
  stem: z.string().min(1),
  /** The trace prefix shown to the learner, or null for text-only questions. */
  trace: shownTraceSchema.nullable(),
  explanation: z.string().min(1),
  /** Wrong option id (or, for numeric, a wrong value as a string) → misconception it reveals. */
  misconceptions: misconceptionMap,
  source: sourceSchema,
};

export const fieldsAnswerSchema = z.object({
  flags: z.string().min(1),
  seq: z.number().nullable(),
  ack: z.number().nullable(),
});

const choiceBody = z.object({
  ...base,
  kind: z.literal('choice'),
  options: z.array(optionSchema).min(2),
  answer: z.object({ option: z.string() }),
});
const multiBody = z.object({
  ...base,
  kind: z.literal('multi'),
  options: z.array(optionSchema).min(2),
  answer: z.object({ options: z.array(z.string()).min(1) }),
});
const numericBody = z.object({
  ...base,
  kind: z.literal('numeric'),
  /** Unit shown next to the input box ("s", "bytes"), if any. */
  unit: z.string().optional(),
  answer: z.object({ value: z.number(), tolerance: z.number().min(0) }),
});
const fieldsBody = z.object({
  ...base,
  kind: z.literal('fields'),
  /** Labels of the three inputs, in order flags, seq, ack. */
  fields: z.array(z.object({ id: z.enum(['flags', 'seq', 'ack']), label: z.string() })).length(3),
  answer: z.object({ fields: fieldsAnswerSchema }),
});
const orderBody = z.object({
  ...base,
  kind: z.literal('order'),
  /** The items, shuffled. */
  options: z.array(optionSchema).min(2),
  answer: z.object({
    /** One correct order (the one the simulation sent them in). */
    order: z.array(z.string()).min(2),
    /**
     * The pairs [a, b] whose order is decided (a must come before b); any order that keeps
     * them all is correct. Absent: every pair of `order` is decided (a total order).
     */
    before: z.array(z.tuple([z.string(), z.string()])).optional(),
  }),
});

export const questionBodySchema = z.discriminatedUnion('kind', [
  choiceBody,
  multiBody,
  numericBody,
  fieldsBody,
  orderBody,
]);

const header = {
  template: z.enum(TEMPLATE_IDS),
  seed: z.union([z.number(), z.string()]),
  locale: z.enum(['zh', 'en']),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
};

/** A generated question, as `npm run -s question -- <template> --json` prints it. */
export const questionSchema = z.discriminatedUnion('kind', [
  choiceBody.extend(header),
  multiBody.extend(header),
  numericBody.extend(header),
  fieldsBody.extend(header),
  orderBody.extend(header),
]);

export type Question = z.infer<typeof questionSchema>;
export type QuestionBody = z.infer<typeof questionBodySchema>;
export type QuestionSource = z.infer<typeof sourceSchema>;
export type QuestionOption = z.infer<typeof optionSchema>;
export type ShownTrace = z.infer<typeof shownTraceSchema>;
export type FieldsAnswer = z.infer<typeof fieldsAnswerSchema>;
export type Answer = QuestionBody['answer'];

/** Responses, one shape per kind; values may be strings the learner typed. */
export const responseSchema = z.union([
  z.object({ option: z.string() }).strict(),
  z.object({ options: z.array(z.string()) }).strict(),
  z.object({ value: z.union([z.number(), z.string()]) }).strict(),
  z
    .object({
      fields: z
        .object({
          flags: z.string().optional(),
          seq: z.union([z.number(), z.string(), z.null()]).optional(),
          ack: z.union([z.number(), z.string(), z.null()]).optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ order: z.array(z.string()) }).strict(),
]);
export type QuestionResponse = z.infer<typeof responseSchema>;
