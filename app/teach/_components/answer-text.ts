// A key or a student's response as one line of text, option ids replaced by their text.
import { responseSchema, type Answer, type PublicQuestion } from '@/lib/questions';

type Loose =
  | { option: string }
  | { options: string[] }
  | { value: number | string }
  | { fields: { flags?: string; seq?: number | string | null; ack?: number | string | null } }
  | { order: string[] };

function text(question: PublicQuestion, value: Loose): string {
  const option = (id: string) =>
    'options' in question ? (question.options.find((o) => o.id === id)?.text ?? id) : id;
  if ('option' in value) return option(value.option);
  if ('options' in value) return value.options.map(option).join('; ');
  if ('value' in value)
    return `${value.value}${question.kind === 'numeric' && question.unit ? ` ${question.unit}` : ''}`;
  if ('fields' in value) {
    const f = value.fields;
    return `${f.flags ?? '–'}  seq=${f.seq ?? '–'}  ack=${f.ack ?? '–'}`;
  }
  return value.order.map(option).join(' → ');
}

export function answerText(question: PublicQuestion, answer: Answer): string {
  return text(question, answer);
}

/** null when nothing (or nothing readable) was answered. */
export function responseText(question: PublicQuestion, response: unknown): string | null {
  const parsed = responseSchema.safeParse(response);
  return parsed.success ? text(question, parsed.data) : null;
}

/** Option ids the key marks as right (choice and multi), for ticking them in a list. */
export function keyOptions(answer: Answer | null): Set<string> {
  if (!answer) return new Set();
  if ('option' in answer) return new Set([answer.option]);
  if ('options' in answer) return new Set(answer.options);
  return new Set();
}
