// Moodle's embedded-answers (cloze) syntax for a fields question: one {1:SHORTANSWER:…} or
// {1:NUMERICAL:…} per field, with the misconception a known wrong value reveals as feedback.

import type { Question } from '@/lib/questions';
import { escapeHtml } from './html';
import { EMPTY_SPELLINGS, flagSpellings, misconceptionFeedback } from './key';
import { formatNumber } from './fractions';

type FieldsQuestion = Extract<Question, { kind: 'fields' }>;

/**
 * Text inside a cloze answer or feedback. The question text is HTML, so HTML specials are
 * escaped first; then the characters the cloze parser reads as syntax get a backslash.
 */
export function escapeCloze(text: string): string {
  return escapeHtml(text).replace(/[\\}#~/"]/g, (c) => `\\${c}`);
}

/** Canonical letters ("AS") back to tcpdump notation ("S.") for a wrong-flags answer. */
function tcpdumpFlags(canon: string): string {
  const letters = ['S', 'F', 'R', 'P'].filter((l) => canon.includes(l)).join('');
  return canon.includes('A') ? `${letters}.` : letters;
}

function wrongAnswers(q: FieldsQuestion, field: 'flags' | 'seq' | 'ack'): [string, string][] {
  const prefix = `${field}:`;
  return Object.keys(q.misconceptions)
    .filter((k) => k.startsWith(prefix))
    .map((k) => [k.slice(prefix.length), misconceptionFeedback(q, k)]);
}

function alternative(fraction: string, answer: string, feedback: string): string {
  return `${fraction}${escapeCloze(answer)}${feedback === '' ? '' : `#${escapeCloze(feedback)}`}`;
}

/** The cloze subquestion for one field; weight 1 each, as grade() gives a third per field. */
export function clozeField(q: FieldsQuestion, field: 'flags' | 'seq' | 'ack'): string {
  const key = q.answer.fields[field];
  if (field === 'flags') {
    const right = flagSpellings(q.answer.fields.flags).map((s) => alternative('=', s, ''));
    const wrong = wrongAnswers(q, 'flags').map(([canon, fb]) =>
      alternative('%0%', tcpdumpFlags(canon), fb),
    );
    return `{1:SHORTANSWER:${[...right, ...wrong].join('~')}}`;
  }
  if (key === null || typeof key === 'string') {
    return `{1:SHORTANSWER:${EMPTY_SPELLINGS.map((s) => alternative('=', s, '')).join('~')}}`;
  }
  const wrong = wrongAnswers(q, field)
    .filter(([value]) => value !== 'null' && Number.isFinite(Number(value)))
    .map(([value, fb]) => alternative('%0%', `${formatNumber(Number(value))}:0`, fb));
  return `{1:NUMERICAL:${[alternative('=', `${formatNumber(key)}:0`, ''), ...wrong].join('~')}}`;
}
