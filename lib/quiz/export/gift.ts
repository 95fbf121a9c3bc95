// toGift: a fixed question set in Moodle's GIFT format, with the same mapping as the Moodle XML
// export where GIFT can express it; docs/quiz-export.md lists what GIFT loses.

import type { Question } from '@/lib/questions';
import { formatNumber, shareOf } from './fractions';
import { giftText } from './gift-escape';
import { escapeHtml } from './html';
import { EMPTY_SPELLINGS, flagSpellings, misconceptionFeedback } from './key';
import { explanationHtml, stemHtml } from './stem';
import { STRINGS } from './strings';
import type { ExportItem, ExportSet } from './types';

/** Inline HTML for answers and feedback: escaped, line breaks kept. */
function inline(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function comments(item: ExportItem): string[] {
  const q = item.question;
  return [
    `// ${oneLine(item.label)}`,
    `// template ${q.template}, seed ${oneLine(String(q.seed))}, difficulty ${q.difficulty}, ${q.locale}, points ${formatNumber(item.points)}`,
  ];
}

function feedback(text: string): string {
  return text === '' ? '' : `#${giftText(inline(text))}`;
}

function generalFeedback(q: Question): string[] {
  const html = explanationHtml(q);
  return html === '' ? [] : [`####${giftText(html)}`];
}

/**
 * One GIFT question: comments, ::title::, [html] text, then the answer block, which opens
 * with "{#" for a numerical question and "{" otherwise.
 */
function block(
  head: string[],
  title: string,
  html: string,
  answers: string[],
  open: '{' | '{#' = '{',
): string {
  return [...head, `::${giftText(title)}::[html]${giftText(html)}${open}`, ...answers, '}'].join(
    '\n',
  );
}

function choiceLike(item: ExportItem): string {
  const q = item.question;
  if (q.kind !== 'choice' && q.kind !== 'multi') return '';
  const lines =
    q.kind === 'choice'
      ? q.options.map((o) =>
          o.id === q.answer.option
            ? `=${giftText(inline(o.text))}`
            : `~${giftText(inline(o.text))}${feedback(misconceptionFeedback(q, o.id))}`,
        )
      : (() => {
          // No "=" at all: that is how GIFT knows several answers may be chosen.
          const right = new Set(q.answer.options);
          const share = formatNumber(shareOf(right.size));
          return q.options.map((o) =>
            right.has(o.id)
              ? `~%${share}%${giftText(inline(o.text))}`
              : `~%-${share}%${giftText(inline(o.text))}${feedback(misconceptionFeedback(q, o.id))}`,
          );
        })();
  return block(comments(item), item.label, stemHtml(q), [...lines, ...generalFeedback(q)]);
}

function numericLines(q: Question, value: number, tolerance: number, prefix: string): string[] {
  const wrong = Object.keys(q.misconceptions)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .filter((v) => v !== '' && Number.isFinite(Number(v)))
    .filter((v) => Math.abs(Number(v) - value) > tolerance)
    .map(
      (v) =>
        `=%0%${formatNumber(Number(v))}:${formatNumber(tolerance)}${feedback(misconceptionFeedback(q, `${prefix}${v}`))}`,
    );
  return [`=${formatNumber(value)}:${formatNumber(tolerance)}`, ...wrong];
}

function numeric(item: ExportItem): string {
  const q = item.question;
  if (q.kind !== 'numeric') return '';
  const lines = numericLines(q, q.answer.value, q.answer.tolerance, '');
  return block(comments(item), item.label, stemHtml(q), [...lines, ...generalFeedback(q)], '{#');
}

/** GIFT has no multi-part question: each field becomes its own question, worth a third. */
function fields(item: ExportItem): string {
  const q = item.question;
  if (q.kind !== 'fields') return '';
  const s = STRINGS[q.locale];
  return q.fields
    .map((f, i) => {
      const key = q.answer.fields[f.id];
      const title = `${item.label} · ${i + 1}/${q.fields.length}`;
      const part = `<p>${escapeHtml(s.part(i + 1, q.fields.length, f.label))}</p>`;
      let answers: string[];
      let hint = '';
      let open: '{' | '{#' = '{';
      if (f.id === 'flags') {
        answers = flagSpellings(q.answer.fields.flags).map((sp) => `=${giftText(sp)}`);
      } else if (key === null || typeof key === 'string') {
        answers = EMPTY_SPELLINGS.map((sp) => `=${giftText(sp)}`);
        hint = `<p>${escapeHtml(s.emptyField)}</p>`;
      } else {
        answers = numericLines(q, key, 0, `${f.id}:`);
        open = '{#';
      }
      const html = stemHtml(q) + part + hint;
      return block(comments(item), title, html, [...answers, ...generalFeedback(q)], open);
    })
    .join('\n\n');
}

/** The ordering question type reads its items raw, one per line, and its text up to "{". */
function orderingSafe(text: string): string {
  return oneLine(text).replace(/\{/g, '｛').replace(/\}/g, '｝');
}

function order(item: ExportItem): string {
  const q = item.question;
  if (q.kind !== 'order') return '';
  const byId = new Map(q.options.map((o) => [o.id, o.text]));
  const items = q.answer.order.map((id) => orderingSafe(byId.get(id) ?? id));
  // Everything inside the braces becomes an item, so the explanation can only ride along
  // as comment lines.
  const explanation = q.explanation
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `// ${l}`);
  return [
    ...comments(item),
    ...explanation,
    `::${orderingSafe(giftText(item.label))}::[html]${orderingSafe(giftText(stemHtml(q)))}{>${items.length} ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT SHOW`,
    ...items,
    '}',
  ].join('\n');
}

function questionGift(item: ExportItem): string {
  switch (item.question.kind) {
    case 'choice':
    case 'multi':
      return choiceLike(item);
    case 'numeric':
      return numeric(item);
    case 'fields':
      return fields(item);
    case 'order':
      return order(item);
  }
}

/** The whole set as a GIFT file (UTF-8): a $CATEGORY line, then blank-line separated questions. */
export function toGift(set: ExportSet): string {
  const category = `$CATEGORY: $course$/top/${oneLine(set.title).replace(/\//g, '//')}`;
  return `${[category, ...set.questions.map(questionGift)].join('\n\n')}\n`;
}
