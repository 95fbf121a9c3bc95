// toMoodleXml: a fixed question set as a Moodle XML question file (Moodle 4.x import), one
// category named after the quiz, then one question per generated question (docs/quiz-export.md).

import type { Question } from '@/lib/questions';
import { clozeField } from './cloze';
import { formatNumber, shareOf } from './fractions';
import { cdata, escapeHtml, escapeXml, textToHtml } from './html';
import { misconceptionFeedback } from './key';
import { explanationHtml, stemHtml } from './stem';
import { STRINGS } from './strings';
import type { ExportItem, ExportSet } from './types';

const PENALTY = '0.3333333';

function htmlText(tag: string, html: string, indent = '    '): string {
  const text = html === '' ? '<text></text>' : `<text>${cdata(html)}</text>`;
  return `${indent}<${tag} format="html">${text}</${tag}>`;
}

/** An XML comment may not contain "--" nor end with "-". */
function comment(text: string): string {
  return `<!-- ${text.replace(/-{2,}/g, (m) => m.split('').join(' ')).replace(/-$/, '- ')} -->`;
}

function category(title: string): string {
  // "/" separates category levels in a path; Moodle reads "//" as a literal slash.
  const path = `$course$/top/${title.replace(/\//g, '//')}`;
  return [
    '  <question type="category">',
    `    <category><text>${escapeXml(path)}</text></category>`,
    '    <info format="html"><text></text></info>',
    '  </question>',
  ].join('\n');
}

function header(item: ExportItem, type: string, questionHtml: string): string[] {
  const q = item.question;
  return [
    `  ${comment(`template ${q.template}, seed ${String(q.seed)}, difficulty ${q.difficulty}, ${q.locale}`)}`,
    `  <question type="${type}">`,
    `    <name><text>${escapeXml(item.label)}</text></name>`,
    htmlText('questiontext', questionHtml),
    htmlText('generalfeedback', explanationHtml(q)),
  ];
}

function grading(item: ExportItem): string[] {
  return [
    `    <defaultgrade>${formatNumber(item.points)}</defaultgrade>`,
    `    <penalty>${PENALTY}</penalty>`,
    '    <hidden>0</hidden>',
  ];
}

function combinedFeedback(q: Question): string[] {
  const s = STRINGS[q.locale];
  return [
    htmlText('correctfeedback', textToHtml(s.correct)),
    htmlText('partiallycorrectfeedback', textToHtml(s.partly)),
    htmlText('incorrectfeedback', textToHtml(s.wrong)),
  ];
}

function answer(fraction: number, html: string, feedback: string, extra: string[] = []): string {
  return [
    `    <answer fraction="${formatNumber(fraction)}" format="html">`,
    `      <text>${cdata(html)}</text>`,
    htmlText('feedback', feedback === '' ? '' : textToHtml(feedback), '      '),
    ...extra.map((line) => `      ${line}`),
    '    </answer>',
  ].join('\n');
}

function choiceLike(item: ExportItem): string[] {
  const q = item.question;
  if (q.kind !== 'choice' && q.kind !== 'multi') return [];
  const single = q.kind === 'choice';
  const right = new Set(single ? [q.answer.option] : q.answer.options);
  // Multi mirrors grade(): each right option earns 1/n, each wrong one costs 1/n, floor 0.
  const share = single ? 100 : shareOf(right.size);
  return [
    ...header(item, 'multichoice', stemHtml(q)),
    ...grading(item),
    `    <single>${single ? 'true' : 'false'}</single>`,
    // The variant's option order is part of the fixed set (and of the paper version).
    '    <shuffleanswers>0</shuffleanswers>',
    '    <answernumbering>abc</answernumbering>',
    '    <showstandardinstruction>0</showstandardinstruction>',
    ...combinedFeedback(q),
    '    <shownumcorrect/>',
    ...q.options.map((o) =>
      right.has(o.id)
        ? answer(share, textToHtml(o.text), '')
        : answer(single ? 0 : -share, textToHtml(o.text), misconceptionFeedback(q, o.id)),
    ),
  ];
}

function numerical(item: ExportItem): string[] {
  const q = item.question;
  if (q.kind !== 'numeric') return [];
  const { value, tolerance } = q.answer;
  // Known wrong values get their misconception as feedback; the right answer comes first
  // because Moodle grades with the first answer whose range contains the response.
  const wrong = Object.keys(q.misconceptions)
    .filter((k) => Number.isFinite(Number(k)) && Math.abs(Number(k) - value) > tolerance)
    .map((k) =>
      answer(0, formatNumber(Number(k)), misconceptionFeedback(q, k), [
        `<tolerance>${formatNumber(tolerance)}</tolerance>`,
      ]),
    );
  return [
    ...header(item, 'numerical', stemHtml(q)),
    ...grading(item),
    answer(100, formatNumber(value), '', [`<tolerance>${formatNumber(tolerance)}</tolerance>`]),
    ...wrong,
    '    <unitgradingtype>0</unitgradingtype>',
    '    <unitpenalty>0.1000000</unitpenalty>',
    '    <showunits>3</showunits>',
    '    <unitsleft>0</unitsleft>',
  ];
}

function cloze(item: ExportItem): string[] {
  const q = item.question;
  if (q.kind !== 'fields') return [];
  const inputs = q.fields
    .map((f) => `<p>${escapeHtml(f.label)}: ${clozeField(q, f.id)}</p>`)
    .join('');
  const hasEmpty = q.answer.fields.seq === null || q.answer.fields.ack === null;
  // Always hint at "-" when the key has an empty field, or the blank box would be unanswerable.
  const hint = hasEmpty ? textToHtml(STRINGS[q.locale].emptyField) : '';
  // Moodle derives a cloze question's mark from its subquestion weights (3 here); the
  // quiz slot's maximum mark rescales it to the item's points.
  return [
    ...header(item, 'cloze', stemHtml(q) + inputs + hint),
    `    <penalty>${PENALTY}</penalty>`,
    '    <hidden>0</hidden>',
  ];
}

function ordering(item: ExportItem): string[] {
  const q = item.question;
  if (q.kind !== 'order') return [];
  const byId = new Map(q.options.map((o) => [o.id, o.text]));
  return [
    ...header(item, 'ordering', stemHtml(q)),
    ...grading(item),
    '    <layouttype>VERTICAL</layouttype>',
    '    <selecttype>ALL</selecttype>',
    `    <selectcount>${q.options.length}</selectcount>`,
    // The share of item pairs in the right relative order, exactly as grade() scores order.
    '    <gradingtype>RELATIVE_ALL_PREVIOUS_AND_NEXT</gradingtype>',
    '    <showgrading>SHOW</showgrading>',
    '    <numberingstyle>none</numberingstyle>',
    ...combinedFeedback(q),
    '    <shownumcorrect>1</shownumcorrect>',
    // Ordering lists the items in the right order; the fraction is the position (1, 2, …).
    ...q.answer.order.map((id, i) => answer(i + 1, textToHtml(byId.get(id) ?? id), '')),
  ];
}

function questionXml(item: ExportItem): string {
  const body = (() => {
    switch (item.question.kind) {
      case 'choice':
      case 'multi':
        return choiceLike(item);
      case 'numeric':
        return numerical(item);
      case 'fields':
        return cloze(item);
      case 'order':
        return ordering(item);
    }
  })();
  return [...body, '  </question>'].join('\n');
}

/** The whole set as a Moodle XML file (UTF-8), ready for Question bank → Import. */
export function toMoodleXml(set: ExportSet): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<quiz>',
    category(set.title),
    ...set.questions.map(questionXml),
    '</quiz>',
    '',
  ].join('\n');
}
