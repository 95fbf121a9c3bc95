// A saved response back into the practice view's draft (the inverse of practice's
// toResponse), so a reload shows what the server holds. Unreadable saves give an empty draft.
import { z } from 'zod';
import { EMPTY_DRAFT, type Draft } from '@/app/practice/draft';
import type { PublicQuestion } from '@/lib/questions';

const text = z.union([z.string(), z.number(), z.null()]).optional();
const savedSchema = z.union([
  z.object({ option: z.string() }),
  z.object({ options: z.array(z.string()) }),
  z.object({ value: z.union([z.string(), z.number()]) }),
  z.object({ fields: z.object({ flags: text, seq: text, ack: text }) }),
  z.object({ order: z.array(z.string()) }),
]);

const str = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);

export function draftFrom(question: PublicQuestion, response: unknown): Draft {
  const parsed = savedSchema.safeParse(response);
  if (!parsed.success) return EMPTY_DRAFT;
  const saved = parsed.data;
  switch (question.kind) {
    case 'choice':
      return 'option' in saved ? { ...EMPTY_DRAFT, option: saved.option } : EMPTY_DRAFT;
    case 'multi':
      return 'options' in saved ? { ...EMPTY_DRAFT, options: saved.options } : EMPTY_DRAFT;
    case 'numeric':
      return 'value' in saved ? { ...EMPTY_DRAFT, value: str(saved.value) } : EMPTY_DRAFT;
    case 'fields':
      return 'fields' in saved
        ? {
            ...EMPTY_DRAFT,
            fields: {
              flags: str(saved.fields.flags),
              seq: str(saved.fields.seq),
              ack: str(saved.fields.ack),
            },
          }
        : EMPTY_DRAFT;
    case 'order':
      return 'order' in saved ? { ...EMPTY_DRAFT, order: saved.order } : EMPTY_DRAFT;
  }
}

/** Typed answers are saved after a pause; a click is saved at once. */
export function isTyped(question: PublicQuestion): boolean {
  return question.kind === 'numeric' || question.kind === 'fields';
}
