// previewQuiz types a question's key as `unknown`; this reads it back as a typed Answer
// (null if it is not one of the five kinds' shapes, which would be a service bug).
import { z } from 'zod';
import type { Answer } from '@/lib/questions';

const answerSchema = z.union([
  z.object({ option: z.string() }),
  z.object({ options: z.array(z.string()) }),
  z.object({ value: z.number(), tolerance: z.number() }),
  z.object({
    fields: z.object({ flags: z.string(), seq: z.number().nullable(), ack: z.number().nullable() }),
  }),
  z.object({ order: z.array(z.string()) }),
]);

export function answerOf(value: unknown): Answer | null {
  const parsed = answerSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
