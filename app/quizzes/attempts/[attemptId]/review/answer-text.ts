// An answer key in words: option texts rather than ids, the unit after a number.
import type { Answer, PublicQuestion } from '@/lib/questions';

export function answerText(question: PublicQuestion, answer: Answer): string {
  const text = (id: string) =>
    'options' in question ? (question.options.find((o) => o.id === id)?.text ?? id) : id;
  if ('option' in answer) return text(answer.option);
  if ('options' in answer) return answer.options.map(text).join('; ');
  if ('value' in answer)
    return `${answer.value}${question.kind === 'numeric' && question.unit ? ` ${question.unit}` : ''}`;
  if ('fields' in answer) {
    const f = answer.fields;
    return `${f.flags}  seq=${f.seq ?? '–'}  ack=${f.ack ?? '–'}`;
  }
  return answer.order.map(text).join(' → ');
}
