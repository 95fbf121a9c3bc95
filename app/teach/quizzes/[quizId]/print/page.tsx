// /teach/quizzes/[quizId]/print?students=all – printable papers: one per student on the
// roster with the variant of their first attempt, each followed by its answer key on
// separate pages.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { PaperView } from '@/app/_components/quiz-paper';
import { getCurrentUser } from '@/lib/auth';
import { managedQuiz, roster } from '@/lib/classroom';
import { BUTTON, LINK } from '../../../_components/styles';
import { paperOf } from '../../../_lib/export-set';
import { load } from '../../../_lib/load';
import { questionLocale } from '../../../_lib/locale';
import { PrintButton } from './print-button';

type Props = { params: Promise<{ quizId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.print'))('title') };
}

export default async function PrintPage({ params }: Props) {
  const { quizId } = await params;
  const user = await getCurrentUser();
  const here = `/teach/quizzes/${quizId}/print?students=all`;
  const quiz = await load(() => managedQuiz(user, quizId), here);
  const { members } = await load(() => roster(user, quiz.classId), here);
  const t = await getTranslations('teach');
  const paper = paperOf(
    quiz,
    members.map((m) => ({ userId: m.userId, name: m.name ?? m.email })),
    await questionLocale(),
  );
  return (
    <div className="space-y-6">
      <div className="space-y-2 print:hidden">
        <p className="text-sm">
          <Link href={`/teach/quizzes/${quiz.id}/edit`} className={LINK}>
            {t('quiz.edit')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('print.heading', { title: quiz.title })}</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t('print.help')}</p>
        {members.length > 0 ? <PrintButton label={t('print.print')} className={BUTTON} /> : null}
      </div>
      {members.length === 0 ? (
        <p data-testid="print-empty">{t('print.noStudents')}</p>
      ) : (
        <PaperView paper={paper} title={quiz.title} />
      )}
    </div>
  );
}
