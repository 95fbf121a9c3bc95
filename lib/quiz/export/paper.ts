// toPaper: the printable version of a quiz as plain data: per student, numbered questions with
// stems, traces and lettered options, and a separate answer key with explanations.

import type { Kind, Question } from '@/lib/questions';
import { formatNumber } from './fractions';
import { misconceptionFeedback } from './key';
import { traceText } from './trace-text';
import type { ExportItem, ExportLocale } from './types';

export interface PaperOption {
  /** "A", "B", … in the order the variant shows them. */
  letter: string;
  text: string;
}

export interface PaperQuestion {
  number: number;
  label: string;
  points: number;
  kind: Kind;
  locale: ExportLocale;
  stem: string;
  /** The trace as a monospaced text ladder, or null. */
  ladder: string | null;
  /** Options (choice, multi) or the items to order (order); empty otherwise. */
  options: PaperOption[];
  /** Input labels of a fields question, in order flags, seq, ack; empty otherwise. */
  fields: string[];
  /** Unit of a numeric answer, if any. */
  unit: string | null;
}

export interface PaperKeyEntry {
  number: number;
  label: string;
  points: number;
  /** The key written out: "C", "A, D", "7.136 (± 0.36) s", "S. / 0 / —", "B → A → C". */
  answer: string;
  explanation: string;
  /** What each wrong option reveals, for the marker ("A: …"). */
  misconceptions: { letter: string; text: string }[];
}

export interface PaperStudent {
  name: string;
  questions: PaperQuestion[];
  key: PaperKeyEntry[];
  totalPoints: number;
}

export interface Paper {
  students: PaperStudent[];
}

export interface PaperStudentInput {
  name: string;
  questions: ExportItem[];
}

/** "A".."Z", then "AA", "AB", … (an order question never has that many, but stay total). */
function letter(i: number): string {
  const a = 'A'.charCodeAt(0);
  return i < 26
    ? String.fromCharCode(a + i)
    : letter(Math.floor(i / 26) - 1) + String.fromCharCode(a + (i % 26));
}

function lettersOf(q: Question): Map<string, string> {
  if (q.kind !== 'choice' && q.kind !== 'multi' && q.kind !== 'order') return new Map();
  return new Map(q.options.map((o, i) => [o.id, letter(i)]));
}

function answerText(q: Question, letters: Map<string, string>): string {
  const l = (id: string): string => letters.get(id) ?? id;
  switch (q.kind) {
    case 'choice':
      return l(q.answer.option);
    case 'multi':
      return [...q.answer.options].map(l).sort().join(', ');
    case 'numeric': {
      const tol = q.answer.tolerance > 0 ? ` (± ${formatNumber(q.answer.tolerance)})` : '';
      const unit = q.unit !== undefined && q.unit !== '' ? ` ${q.unit}` : '';
      return `${formatNumber(q.answer.value)}${tol}${unit}`;
    }
    case 'fields': {
      const { flags, seq, ack } = q.answer.fields;
      return [flags, seq, ack].map((v) => (v === null ? '—' : String(v))).join(' / ');
    }
    case 'order':
      return q.answer.order.map(l).join(' → ');
  }
}

function paperQuestion(item: ExportItem, number: number, letters: Map<string, string>) {
  const q = item.question;
  const options =
    q.kind === 'choice' || q.kind === 'multi' || q.kind === 'order'
      ? q.options.map((o) => ({ letter: letters.get(o.id) ?? o.id, text: o.text }))
      : [];
  return {
    number,
    label: item.label,
    points: item.points,
    kind: q.kind,
    locale: q.locale,
    stem: q.stem,
    ladder: traceText(q),
    options,
    fields: q.kind === 'fields' ? q.fields.map((f) => f.label) : [],
    unit: q.kind === 'numeric' && q.unit !== undefined && q.unit !== '' ? q.unit : null,
  } satisfies PaperQuestion;
}

function keyEntry(item: ExportItem, number: number, letters: Map<string, string>): PaperKeyEntry {
  const q = item.question;
  // Only option misconceptions are listed: numeric and field keys ("ack:2047") name values a
  // marker can read straight from the explanation.
  const misconceptions = [...letters.entries()]
    .map(([id, l]) => ({ letter: l, text: misconceptionFeedback(q, id) }))
    .filter((m) => m.text !== '');
  return {
    number,
    label: item.label,
    points: item.points,
    answer: answerText(q, letters),
    explanation: q.explanation,
    misconceptions,
  };
}

/** One paper per student (their own variants), each with its answer key kept apart. */
export function toPaper(students: PaperStudentInput[]): Paper {
  return {
    students: students.map((s) => {
      const letters = s.questions.map((item) => lettersOf(item.question));
      return {
        name: s.name,
        questions: s.questions.map((item, i) =>
          paperQuestion(item, i + 1, letters[i] ?? new Map()),
        ),
        key: s.questions.map((item, i) => keyEntry(item, i + 1, letters[i] ?? new Map())),
        totalPoints: s.questions.reduce((sum, item) => sum + item.points, 0),
      };
    }),
  };
}
