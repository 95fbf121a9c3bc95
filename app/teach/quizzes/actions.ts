'use server';
// Server actions of the quiz builder and the quiz pages: save (create or update), preview one
// fixed question, publish or unpublish, delete, regrade. Each checks its input with zod and
// leaves authorization to lib/classroom.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getCurrentUser, roleAtLeast } from '@/lib/auth';
import {
  createOwnQuiz,
  deleteOwnQuiz,
  regradeQuiz,
  setOwnQuizStatus,
  updateOwnQuiz,
} from '@/lib/classroom';
import {
  DIFFICULTIES,
  TEMPLATE_IDS,
  generateQuestion,
  toPublicQuestion,
  type Answer,
  type PublicQuestion,
} from '@/lib/questions';
import { QUIZ_STATUSES, slotListSchema } from '@/lib/quiz';
import { attempt, errorMessage, invalidInput, type ActionState } from '../_lib/action-state';
import { questionLocale } from '../_lib/locale';

const id = z.string().min(1).max(64);
const instant = z.iso
  .datetime({ offset: true })
  .nullable()
  .transform((s) => (s === null ? null : new Date(s)));

const saveSchema = z.object({
  target: z.union([z.object({ classId: id }), z.object({ quizId: id })]),
  // Every other setting is checked by the service's own schema (with its limits).
  settings: z.looseObject({ opensAt: instant, closesAt: instant }),
  slots: slotListSchema,
});

export type SaveResult =
  { status: 'ok'; quizId: string; regraded: number } | { status: 'error'; message: string };

export async function saveQuizAction(input: unknown): Promise<SaveResult> {
  const parsed = saveSchema.safeParse(input);
  if (!parsed.success) {
    const t = await getTranslations('teach.error');
    const detail = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    return { status: 'error', message: `${t('invalid')} (${detail})` };
  }
  const { target, settings, slots } = parsed.data;
  const user = await getCurrentUser();
  try {
    if ('classId' in target) {
      const quiz = await createOwnQuiz(user, target.classId, settings, slots);
      revalidatePath(`/teach/classes/${target.classId}`);
      return { status: 'ok', quizId: quiz.id, regraded: 0 };
    }
    const { quiz, regraded } = await updateOwnQuiz(user, target.quizId, settings, slots);
    revalidatePath(`/teach/classes/${quiz.classId}`);
    revalidatePath(`/teach/quizzes/${quiz.id}`, 'layout');
    return { status: 'ok', quizId: quiz.id, regraded };
  } catch (error) {
    return { status: 'error', message: await errorMessage(error) };
  }
}

const previewSchema = z.object({
  template: z.enum(TEMPLATE_IDS),
  seed: z.number().int().min(0).max(0xffff_ffff),
  difficulty: z.union(DIFFICULTIES.map((d) => z.literal(d))),
});

export type SlotPreview =
  | { status: 'ok'; question: PublicQuestion; answer: Answer; explanation: string }
  | { status: 'error'; message: string };

/** The question a fixed slot would hold, with its key, for the instructor choosing a seed. */
export async function previewSlotAction(input: unknown): Promise<SlotPreview> {
  const t = await getTranslations('teach.error');
  const user = await getCurrentUser();
  if (!user || !roleAtLeast(user.role, 'instructor'))
    return { status: 'error', message: t('forbidden') };
  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) return { status: 'error', message: t('input') };
  const locale = await questionLocale();
  try {
    const full = generateQuestion(parsed.data.template, {
      seed: parsed.data.seed,
      difficulty: parsed.data.difficulty,
      locale,
    });
    return {
      status: 'ok',
      question: toPublicQuestion(full),
      answer: full.answer,
      explanation: full.explanation,
    };
  } catch {
    // A rare seed has no valid question for the template; another seed will.
    return { status: 'error', message: t('generation') };
  }
}

const quizForm = (form: FormData) => id.safeParse(form.get('quizId'));

export async function setStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const quizId = quizForm(form);
  const status = z.enum(QUIZ_STATUSES).safeParse(form.get('status'));
  if (!quizId.success || !status.success) return invalidInput();
  const t = await getTranslations('teach.quiz');
  const state = await attempt(
    async () => setOwnQuizStatus(await getCurrentUser(), quizId.data, status.data),
    t(status.data === 'published' ? 'publishedNow' : 'unpublishedNow'),
  );
  revalidatePath('/teach', 'layout');
  return state;
}

export async function deleteQuizAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const quizId = quizForm(form);
  const classId = id.safeParse(form.get('classId'));
  if (!quizId.success || !classId.success) return invalidInput();
  try {
    await deleteOwnQuiz(await getCurrentUser(), quizId.data);
  } catch (error) {
    return { status: 'error', message: await errorMessage(error) };
  }
  revalidatePath(`/teach/classes/${classId.data}`);
  redirect(`/teach/classes/${classId.data}`);
}

export async function regradeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const quizId = quizForm(form);
  if (!quizId.success) return invalidInput();
  const t = await getTranslations('teach.results');
  let result: { attempts: number; changed: number } = { attempts: 0, changed: 0 };
  const state = await attempt(async () => {
    result = await regradeQuiz(await getCurrentUser(), quizId.data);
  });
  if (state.status !== 'ok') return state;
  revalidatePath(`/teach/quizzes/${quizId.data}/results`);
  return { status: 'ok', message: t('regraded', result) };
}
