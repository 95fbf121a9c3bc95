// /teach/quizzes/[quizId]/edit – the builder on a saved quiz, with publishing, deleting,
// the student preview, results and the exports beside it.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { managedQuiz } from '@/lib/classroom';
import { ActionForm } from '../../../_components/action-form';
import { ConfirmSubmit } from '../../../_components/confirm-submit';
import { BUTTON, DANGER, LINK, PRIMARY } from '../../../_components/styles';
import { load } from '../../../_lib/load';
import { deleteQuizAction, setStatusAction } from '../../actions';
import { builderOptions } from '../../builder-options';
import { settingsDraftOf, slotDraftOf } from '../../draft';
import { QuizBuilder } from '../../quiz-builder';
import { QuizLinks } from '../quiz-links';

type Props = {
  params: Promise<{ quizId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.builder'))('editTitle') };
}

export default async function EditQuizPage({ params, searchParams }: Props) {
  const { quizId } = await params;
  const created = (await searchParams).created === '1';
  const user = await getCurrentUser();
  const quiz = await load(() => managedQuiz(user, quizId), `/teach/quizzes/${quizId}/edit`);
  const t = await getTranslations('teach');
  const options = await builderOptions();
  const published = quiz.status === 'published';
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/classes/${quiz.classId}`} className={LINK}>
            {t('quiz.backToClass')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('builder.editTitle')}</h1>
        {created ? (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {t('builder.created')}
          </p>
        ) : null}
      </div>
      <section
        aria-labelledby="status-heading"
        className="space-y-2 rounded-md border border-slate-200 p-4 dark:border-slate-800"
      >
        <h2 id="status-heading" className="font-semibold">
          {t('quiz.statusLabel')}{' '}
          <span data-testid="quiz-status">{t('quiz.statusName', { status: quiz.status })}</span>
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t(published ? 'quiz.publishedHelp' : 'quiz.draftHelp')}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <ActionForm action={setStatusAction} testId="status-form">
            <input type="hidden" name="quizId" value={quiz.id} />
            <input type="hidden" name="status" value={published ? 'draft' : 'published'} />
            <button type="submit" className={published ? BUTTON : PRIMARY}>
              {t(published ? 'quiz.unpublish' : 'quiz.publish')}
            </button>
          </ActionForm>
          <ActionForm action={deleteQuizAction}>
            <input type="hidden" name="quizId" value={quiz.id} />
            <input type="hidden" name="classId" value={quiz.classId} />
            <ConfirmSubmit
              question={t('quiz.deleteConfirm', { title: quiz.title })}
              className={DANGER}
            >
              {t('quiz.delete')}
            </ConfirmSubmit>
          </ActionForm>
        </div>
        <QuizLinks quizId={quiz.id} />
      </section>
      <QuizBuilder
        target={{ quizId: quiz.id }}
        initialSettings={settingsDraftOf(quiz)}
        initialSlots={quiz.slots.map((s, i) => slotDraftOf(s, `saved-${i}`, options.topics[0]!.id))}
        options={options}
      />
    </div>
  );
}
