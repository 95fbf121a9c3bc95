// A quiz as fixed question sets for the exporters: the instructor's own variant (slot order)
// for Moodle XML and GIFT, and one variant per student (their first attempt) for paper.
import 'server-only';
import { planVariant, questionFor } from '@/lib/classroom';
import type { QuizDto } from '@/lib/db';
import { toGift, toMoodleXml, toPaper, type ExportItem, type ExportSet } from '@/lib/quiz';
import type { Locale } from '@/lib/questions';

export { toGift, toMoodleXml, toPaper, type ExportSet };

function itemsFor(quiz: QuizDto, userId: string, shuffle: boolean, locale: Locale): ExportItem[] {
  const layout = planVariant({ quizId: quiz.id, userId, attempt: 1 }, quiz.slots, shuffle);
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
