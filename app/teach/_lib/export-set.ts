// A quiz as fixed question sets for the exporters: the instructor's own variant (slot order)
// for Moodle XML and GIFT, and one variant per student (their first attempt) for paper.
import 'server-only';
import { questionFor } from '@/lib/classroom';
import type { QuizDto } from '@/lib/db';
import { planAttempt, type LayoutItem } from '@/lib/quiz';
// lib/quiz/export is a module of its own (with its index.ts) nested under lib/quiz, which
// does not re-export it; the import rule's '@/lib/*/*' pattern cannot tell the two apart.
// eslint-disable-next-line no-restricted-imports
import { type ExportItem, type ExportSet, toGift, toMoodleXml, toPaper } from '@/lib/quiz/export';
import type { Locale } from '@/lib/questions';

export { toGift, toMoodleXml, toPaper, type ExportSet };

/** As the service plans attempts: a seed whose question fails to generate is replaced. */
function generates(item: LayoutItem): boolean {
  try {
    questionFor(item, 'en');
    return true;
  } catch {
    return false;
  }
}

function itemsFor(quiz: QuizDto, userId: string, shuffle: boolean, locale: Locale): ExportItem[] {
  const layout = planAttempt(
    { quizId: quiz.id, userId, attempt: 1 },
    quiz.slots,
    shuffle,
    generates,
  );
  return layout.map((item, i) => ({
    question: questionFor(item, locale),
    points: quiz.slots[item.slot]?.points ?? 0,
    label: `Q${i + 1} (${item.template}, ${item.seed})`,
  }));
}

/** The instructor's variant in slot order: Moodle shuffles on its own if asked to. */
export function exportSetOf(quiz: QuizDto, instructorId: string, locale: Locale): ExportSet {
  return { title: quiz.title, locale, questions: itemsFor(quiz, instructorId, false, locale) };
}

/** Each student's first-attempt variant, exactly as the quiz would give it to them. */
export function paperOf(
  quiz: QuizDto,
  students: readonly { userId: string; name: string }[],
  locale: Locale,
) {
  return toPaper(
    students.map((s) => ({
      name: s.name,
      questions: itemsFor(quiz, s.userId, quiz.shuffle, locale),
    })),
  );
}
