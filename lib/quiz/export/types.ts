// The input every exporter takes: a fixed set of generated questions (answer keys included),
// each with the points it is worth and the label an instructor will see in Moodle or on paper.

import type { Question } from '@/lib/questions';

export type ExportLocale = 'zh' | 'en';

export interface ExportItem {
  /** The full generated question, with answer, explanation and misconception map. */
  question: Question;
  /** Marks for the question (Moodle's defaultgrade). */
  points: number;
  /** Shown as the question's name, e.g. "Q3 (next-state, 7)". */
  label: string;
}

export interface ExportSet {
  /** The quiz title; becomes the Moodle category. */
  title: string;
  /** The language of the surrounding strings (notes, hints); each question keeps its own. */
  locale: ExportLocale;
  questions: ExportItem[];
}
