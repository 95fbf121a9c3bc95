// /quizzes/[quizId]: a quiz before starting: its settings, the student's previous attempts
// with their scores (and a review link when the policy allows), and Start or Resume.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { notFound, redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { quizForStudent } from '@/lib/classroom';
import { reviewAccess } from '@/lib/quiz';
import { StartForm } from '../start-form';
import { QuizFacts } from '../_lib/quiz-facts';
import { signInPath, tryClassroom } from '../_lib/server';
import { NOTICE, PANEL } from '../_lib/styles';
import { summaryOf } from '../_lib/window';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('quizzes') };
}

type Props = { params: Promise<{ quizId: string }> };

export default async function QuizPage({ params }: Props) {
  const { quizId } = await params;
  const t = await getTranslations('quizzes');
  const format = await getFormatter();
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(`/quizzes/${encodeURIComponent(quizId)}`));
  const now = new Date();
  const found = await tryClassroom(() => quizForStudent(user, quizId, now));
  if (!found.ok) notFound();
  const { quiz, attempts, decision } = found.value;
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <p>
          <Link href="/quizzes" className="text-sm underline">
            {t('backToQuizzes')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{quiz.title}</h1>
        {quiz.description ? (
          <p className="max-w-3xl whitespace-pre-line text-slate-700 dark:text-slate-300">
            {quiz.description}
          </p>
        ) : null}
      </div>
      <div className={PANEL}>
        <QuizFacts summary={summaryOf(quiz)} attemptsUsed={attempts.length} />
      </div>
      {attempts.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">{t('quiz.attempts')}</h2>
          <ul className="space-y-1" data-testid="attempt-list">
            {attempts.map((a) => {
              const access = reviewAccess(quiz, a.status, now);
              return (
                <li key={a.id} className="flex flex-wrap gap-x-4" data-testid="attempt-row">
                  <span className="font-medium">
                    {t('quiz.attemptNumber', { number: a.number })}
                  </span>
                  {a.status === 'submitted' ? (
                    <span data-testid="attempt-score">
                      {t('score', {
                        score: format.number(a.score ?? 0, { maximumFractionDigits: 2 }),
                        max: format.number(a.maxScore, { maximumFractionDigits: 2 }),
                      })}
                    </span>
                  ) : (
                    <span>{t('state.in_progress')}</span>
                  )}
                  {a.status === 'submitted' ? (
                    <Link href={`/quizzes/attempts/${a.id}/review`} className="underline">
                      {access.responses ? t('quiz.review') : t('quiz.result')}
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {decision.action === 'refuse' ? (
        <p className={NOTICE} data-testid="refusal">
          {t(`refusal.${decision.reason}`)}
        </p>
      ) : (
        <StartForm quizId={quiz.id} resume={decision.action === 'resume'} />
      )}
    </section>
  );
}
