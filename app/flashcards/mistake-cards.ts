// Flashcards made from the learner's own practice mistakes: one card per mistaken template,
// showing a freshly generated variant (new numbers) each time it comes due.
import 'server-only';
import { hashSeed } from '@/lib/mastery';
import { generateQuestion, isTemplateId, TEMPLATES, type Question } from '@/lib/questions';
import type { StudyCard } from './cards';

export const MISTAKES_DECK = 'mistakes';
const PREFIX = 'mistake/';

export function mistakesTitle(locale: 'zh' | 'en'): string {
  return locale === 'zh' ? '我的错题' : 'My mistakes';
}

/** One card per template the learner has answered wrongly, in the order given. */
export function mistakeCards(templates: readonly string[], locale: 'zh' | 'en'): StudyCard[] {
  return [...new Set(templates)].filter(isTemplateId).map((template) => ({
    id: `${PREFIX}${template}`,
    deck: MISTAKES_DECK,
    deckTitle: mistakesTitle(locale),
    topics: [...TEMPLATES[template].topics],
    // Generated when shown: see mistakeCardHtml.
    front: '',
    back: '',
  }));
}

export function isMistakeCard(id: string): boolean {
  return id.startsWith(PREFIX);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

function answerText(q: Question): string {
  const text = (id: string) =>
    'options' in q ? (q.options.find((o) => o.id === id)?.text ?? id) : id;
  switch (q.kind) {
    case 'choice':
      return text(q.answer.option);
    case 'multi':
      return q.answer.options.map(text).join('; ');
    case 'numeric':
      return `${q.answer.value}${q.unit ? ` ${q.unit}` : ''}`;
    case 'fields':
      return `${q.answer.fields.flags}  seq=${q.answer.fields.seq ?? '–'}  ack=${q.answer.fields.ack ?? '–'}`;
    case 'order':
      return q.answer.order.map(text).join(' → ');
  }
}

function traceText(q: Question): string {
  if (!q.trace) return '';
  const lines = q.trace.segments.map(
    (s) =>
      `${s.t.toFixed(3)}s  ${s.from} → ${s.to}  ${s.flags}  seq=${s.seq ?? '–'} ack=${s.ack ?? '–'} len=${s.len}${s.dropped ? '  ✗' : ''}`,
  );
  return `<pre>${escapeHtml(lines.join('\n'))}</pre>`;
}

/**
 * The card's two sides for its `reps`-th showing: a new seed per repetition, so the learner
 * recalls the idea, not the numbers.
 */
export function mistakeCardHtml(
  cardId: string,
  learnerKey: string,
  reps: number,
  locale: 'zh' | 'en',
): { frontHtml: string; backHtml: string } | null {
  const template = cardId.slice(PREFIX.length);
  if (!isMistakeCard(cardId) || !isTemplateId(template)) return null;
  const q = generateQuestion(template, {
    seed: hashSeed(learnerKey, template, 'card', reps),
    locale,
    difficulty: 2,
  });
  const options =
    'options' in q
      ? `<ol type="a">${q.options.map((o) => `<li>${escapeHtml(o.text)}</li>`).join('')}</ol>`
      : '';
  return {
    frontHtml: `${paragraphs(q.stem)}${traceText(q)}${options}`,
    backHtml: `<p><strong>${escapeHtml(answerText(q))}</strong></p>${paragraphs(q.explanation)}`,
  };
}
