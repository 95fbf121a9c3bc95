// A quiz question is regenerated from its layout item (template, seed, difficulty) in the
// reader's language; grading never depends on the language, so one key serves everyone.
import 'server-only';
import { layoutSchema, type LayoutItem } from '@/lib/quiz';
import { generateQuestion, grade, type Locale, type Question } from '@/lib/questions';
import type { AnswerGrader, QuizDto } from '@/lib/db';
import { ClassroomError } from './errors';

/**
 * A get-or-compute cache that forgets its oldest entry once it holds `limit` (a Map iterates
 * in insertion order). The questions below are pure functions of their keys, so a bounded
 * cache is safe on any instance.
 */
function fifoCache<V>(limit: number): (key: string, compute: () => V) => V {
  const entries = new Map<string, V>();
  return (key, compute) => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (entries.size >= limit) entries.delete(entries.keys().next().value!);
    entries.set(key, value);
    return value;
  };
}

/**
 * Generated questions by (template, seed, difficulty, locale). Generation runs a simulation,
 * and an attempt's questions are regenerated on every page load, save and grading.
 */
const generated = fifoCache<Question>(5_000);

/** What regenerates a question of a layout (its slot and position do not matter). */
type QuestionKey = Pick<LayoutItem, 'template' | 'seed' | 'difficulty'>;

export function questionFor(item: QuestionKey, locale: Locale): Question {
  return generated(`${item.template}|${item.seed}|${item.difficulty}|${locale}`, () =>
    generateQuestion(item.template, { seed: item.seed, difficulty: item.difficulty, locale }),
  );
}

/**
 * What grading reads of a question (its kind, option ids, key and misconceptions), without
 * the stem, trace and explanation that make up most of its size: about 1 kB instead of 4,
 * so all the questions of a 2,000-student quiz stay cached for its autosaves and grading,
 * which read a class's questions round and round (a cache that holds fewer than that misses
 * on every read).
 */
const graded = fifoCache<Question>(20_000);

export function gradingQuestionFor(item: LayoutItem): Question {
  return graded(`${item.template}|${item.seed}|${item.difficulty}`, () => {
    const full = generateQuestion(item.template, {
      seed: item.seed,
      difficulty: item.difficulty,
      locale: 'en',
    });
    const slim = { ...full, stem: '', trace: null, explanation: '' };
    return 'options' in slim
      ? { ...slim, options: slim.options.map((o) => ({ ...o, text: '' })) }
      : slim;
  });
}

export function generates(item: QuestionKey): boolean {
  try {
    questionFor(item, 'en');
    return true;
  } catch {
    return false;
  }
}

export function parseLayout(text: string): LayoutItem[] {
  const parsed = layoutSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`stored attempt layout is malformed: ${parsed.error.message}`);
  return parsed.data;
}

/** Points of each layout position, from the quiz's current slots (so a regrade sees changes). */
export function pointsOf(layout: readonly LayoutItem[], quiz: Pick<QuizDto, 'slots'>): number[] {
  return layout.map((item) => quiz.slots[item.slot]?.points ?? 0);
}

/** Grades stored responses; an unreadable stored response scores 0 rather than failing. */
export function graderFor(layout: readonly LayoutItem[]): AnswerGrader {
  return (position, response) => {
    const item = layout[position];
    if (!item) return { fraction: 0, misconception: null };
    const result = grade(gradingQuestionFor(item), response);
    if (!result.valid) return { fraction: 0, misconception: null };
    return { fraction: result.score, misconception: result.misconception ?? null };
  };
}

/** Checks a response's shape before it is saved, with the grader's own message. */
export function checkResponse(question: Question, response: unknown): void {
  const result = grade(question, response);
  if (!result.valid) throw new ClassroomError('response', result.error.message);
}
