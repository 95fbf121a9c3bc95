// What the learner has entered for the current question, and the response grade() expects
// from it (null while incomplete). Number keys act on the draft through chooseByNumber.
import type { PublicQuestion } from '@/lib/questions';

export type Draft = {
  option: string | null;
  options: string[];
  value: string;
  fields: { flags: string; seq: string; ack: string };
  order: string[];
};

export const EMPTY_DRAFT: Draft = {
  option: null,
  options: [],
  value: '',
  fields: { flags: '', seq: '', ack: '' },
  order: [],
};

export function toResponse(question: PublicQuestion, draft: Draft): unknown {
  switch (question.kind) {
    case 'choice':
      return draft.option === null ? null : { option: draft.option };
    case 'multi':
      return draft.options.length === 0 ? null : { options: draft.options };
    case 'numeric':
      return draft.value.trim() === '' ? null : { value: draft.value };
    case 'fields':
      // An empty seq or ack is a real answer ("none": a SYN carries no ack).
      return draft.fields.flags.trim() === '' ? null : { fields: draft.fields };
    case 'order':
      return draft.order.length === question.options.length ? { order: draft.order } : null;
  }
}

/** The effect of pressing number key `n` (1-based) on a question with options. */
export function chooseByNumber(question: PublicQuestion, draft: Draft, n: number): Draft {
  if (question.kind === 'numeric' || question.kind === 'fields') return draft;
  const id = question.options[n - 1]?.id;
  if (id === undefined) return draft;
  switch (question.kind) {
    case 'choice':
      return { ...draft, option: id };
    case 'multi':
      return {
        ...draft,
        options: draft.options.includes(id)
          ? draft.options.filter((o) => o !== id)
          : [...draft.options, id],
      };
    case 'order':
      return draft.order.includes(id) ? draft : { ...draft, order: [...draft.order, id] };
  }
}
