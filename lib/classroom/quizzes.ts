// Building quizzes: create and edit settings and slots, publish, and preview a question or
// the whole quiz as a student would see it.
import 'server-only';
import {
  QuizLockedError,
  createQuiz,
  deleteQuiz,
  listAttempts,
  listQuizzesOfClass,
  setQuizStatus,
  updateQuiz,
  writeAuditEntry,
  type QuizDto,
  type UserDto,
} from '@/lib/db';
import {
  quizSettingsSchema,
  slotListSchema,
  type QuizSettings,
  type QuizStatus,
  type SlotSpec,
} from '@/lib/quiz';
import { toPublicQuestion, type Answer, type Locale, type PublicQuestion } from '@/lib/questions';
import { managedClass, managedQuiz } from './access';
import { ClassroomError } from './errors';
import { parseLayout, questionFor } from './questions';
import { planVariant } from './variants';
import { regradeQuiz } from './results';

function parseQuiz(
  settings: unknown,
  slots: unknown,
): { settings: QuizSettings; slots: SlotSpec[] } {
  const s = quizSettingsSchema.safeParse(settings);
  if (!s.success)
    throw new ClassroomError(
      'invalid',
      s.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const sl = slotListSchema.safeParse(slots);
  if (!sl.success)
    throw new ClassroomError(
      'invalid',
      sl.error.issues.map((i) => `slots.${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return { settings: s.data, slots: sl.data };
}

export async function createOwnQuiz(
  user: UserDto | null,
  classId: string,
  settings: unknown,
  slots: unknown,
): Promise<QuizDto> {
  await managedClass(user, classId);
  const parsed = parseQuiz(settings, slots);
  const quiz = await createQuiz({ classId, ...parsed });
  await writeAuditEntry({
    actorId: user!.id,
    action: 'quiz.create',
    targetType: 'quiz',
    targetId: quiz.id,
    detail: { title: quiz.title },
  });
  return quiz;
}

/** Saves; when points changed on a quiz with attempts, every submitted attempt is regraded. */
export async function updateOwnQuiz(
  user: UserDto | null,
  quizId: string,
  settings: unknown,
  slots: unknown,
): Promise<{ quiz: QuizDto; regraded: number }> {
  await managedQuiz(user, quizId);
  const parsed = parseQuiz(settings, slots);
  let result;
  try {
    result = await updateQuiz(quizId, parsed.settings, parsed.slots);
  } catch (error) {
    if (error instanceof QuizLockedError) throw new ClassroomError('locked', error.message);
    throw error;
  }
  await writeAuditEntry({
    actorId: user!.id,
    action: 'quiz.update',
    targetType: 'quiz',
    targetId: quizId,
    detail: { pointsChanged: result.pointsChanged },
  });
  const regraded = result.pointsChanged ? (await regradeQuiz(user, quizId)).attempts : 0;
  return { quiz: result.quiz, regraded };
}

export async function setOwnQuizStatus(
  user: UserDto | null,
  quizId: string,
  status: QuizStatus,
): Promise<void> {
  const quiz = await managedQuiz(user, quizId);
  if (status === 'published' && quiz.slots.length === 0)
    throw new ClassroomError('refused', 'add a question first');
  await setQuizStatus(quizId, status);
  await writeAuditEntry({
    actorId: user!.id,
    action: `quiz.${status}`,
    targetType: 'quiz',
    targetId: quizId,
    detail: {},
  });
}

export async function deleteOwnQuiz(user: UserDto | null, quizId: string): Promise<void> {
  await managedQuiz(user, quizId);
  await deleteQuiz(quizId);
  await writeAuditEntry({
    actorId: user!.id,
    action: 'quiz.delete',
    targetType: 'quiz',
    targetId: quizId,
    detail: {},
  });
}

export async function quizzesOfClass(user: UserDto | null, classId: string): Promise<QuizDto[]> {
  await managedClass(user, classId);
  return listQuizzesOfClass(classId);
}

export type PreviewQuestion = {
  slot: number;
  template: string;
  seed: number;
  question: PublicQuestion;
  answer: Answer;
  explanation: string;
};

/**
 * The quiz as a given student gets it on their first attempt (the instructor's own id by
 * default), with answers, for the instructor's preview: the layout stored with that attempt
 * once it exists (an attempt keeps its questions, whatever key planned it), else the variant
 * the server's key plans for it.
 */
export async function previewQuiz(
  user: UserDto | null,
  quizId: string,
  locale: Locale,
  asStudent?: string,
): Promise<PreviewQuestion[]> {
  const quiz = await managedQuiz(user, quizId);
  const userId = asStudent ?? user!.id;
  const first = (await listAttempts(quizId, userId)).find((a) => a.number === 1);
  const layout = first
    ? parseLayout(first.layout)
    : planVariant({ quizId, userId, attempt: 1 }, quiz.slots, quiz.shuffle);
  return layout.map((item) => {
    const full = questionFor(item, locale);
    return {
      slot: item.slot,
      template: item.template,
      seed: item.seed,
      question: toPublicQuestion(full),
      answer: full.answer,
      explanation: full.explanation,
    };
  });
}
