// The question text as HTML for Moodle and GIFT: the stem's paragraphs, the trace it depends
// on as a preformatted text ladder, and the unit a numeric answer is given in.

import type { Question } from '@/lib/questions';
import { preHtml, textToHtml } from './html';
import { STRINGS } from './strings';
import { traceText } from './trace-text';

export function stemHtml(question: Question): string {
  const trace = traceText(question);
  let html = textToHtml(question.stem);
  if (trace !== null) html += preHtml(trace);
  if (question.kind === 'numeric' && question.unit !== undefined && question.unit !== '')
    html += textToHtml(STRINGS[question.locale].unit(question.unit));
  return html;
}

/** The explanation as HTML (empty when there is none). */
export function explanationHtml(question: Question): string {
  return textToHtml(question.explanation);
}
