// /quizzes/attempts/[attemptId]/review: the score, and per question what the quiz's review
// policy allows now (responses marked, the key, the explanation and misconception); when it
// allows nothing yet, when it will.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { notFound, redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { quizForStudent, reviewOwnAttempt } from '@/lib/classroom';
import { questionLocale, signInPath, tryClassroom } from '../../../_lib/server';
import { NOTICE, PANEL } from '../../../_lib/styles';
import { answerText } from './answer-text';
import { ResponseView } from './response-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('quizzes'))('review.title') };
}

type Props = { params: Promise<{ attemptId: string }> };

const DATE = {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
} as const;

function verdict(fraction: number | null): 'right' | 'partial' | 'wrong' {
  if (fraction !== null && fraction >= 1) return 'right';
  if (fraction !== null && fraction > 0) return 'partial';
  return 'wrong';
}

const TONE = {
  right: 'border-emerald-600',
  partial: 'border-amber-500',
  wrong: 'border-rose-600',
} as const;

export default async function ReviewPage({ params }: Props) {
  const { attemptId } = await params;
  const t = await getTranslations('quizzes');
  const format = await getFormatter();
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(`/quizzes/attempts/${encodeURIComponent(attemptId)}/review`));
  const now = new Date();
  const found = await tryClassroom(async () =>
    reviewOwnAttempt(user, attemptId, await questionLocale(), now),
  );
  if (!found.ok) notFound();
  const { attempt, quizTitle, access, questions } = found.value;
  if (attempt.status !== 'submitted') redirect(`/quizzes/attempts/${attempt.id}`);
  // When review opens is the quiz’s policy (null when the class is archived: read-only).
  const status = await tryClassroom(() => quizForStudent(user, attempt.quizId, now));
  const quiz = status.ok ? status.value.quiz : null;
  const num = (x: number) => format.number(x, { maximumFractionDigits: 2 });
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <p>
          <Link href={`/quizzes/${attempt.quizId}`} className="text-sm underline">
            {t('review.backToQuiz')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('review.heading', { title: quizTitle })}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('quiz.attemptNumber', { number: attempt.number })}
          {attempt.submitKind === 'auto' ? ` · ${t('review.autoSubmitted')}` : ''}
        </p>
      </div>
      <p className={`${PANEL} text-lg font-semibold`} data-testid="review-score">
        {t('score', { score: num(attempt.score ?? 0), max: num(attempt.maxScore) })}
      </p>
      {!access.responses ? (
        <p className={NOTICE} data-testid="review-closed">
          {quiz?.reviewWhen === 'after_close' && quiz.closesAt
            ? t('review.opensAt', { date: `${format.dateTime(quiz.closesAt, DATE)} UTC` })
            : quiz?.reviewWhen === 'after_close'
              ? t('review.opensAfterClose')
              : t('review.never')}
        </p>
      ) : (
        <ol className="space-y-6">
          {questions.map((q, i) => {
            const v = verdict(q.fraction);
            return (
              <li
                key={q.position}
                className={`space-y-3 rounded-md border-l-4 p-4 ${TONE[v]}`}
                data-testid="review-question"
                data-verdict={v}
              >
                <h2 className="font-semibold">
                  {t('attempt.questionTitle', { number: i + 1, points: q.points })}
                  {' · '}
                  <span data-testid="review-verdict">
                    {t(`review.${v}`, {
                      earned: num((q.fraction ?? 0) * q.points),
                      points: num(q.points),
                    })}
                  </span>
                </h2>
                <ResponseView question={q.question} response={q.response} />
                {q.response === null ? <p>{t('review.noResponse')}</p> : null}
                {q.answer ? (
                  <p data-testid="review-key">
                    <span className="font-semibold">{t('review.key')}</span>{' '}
                    <span className="font-mono">{answerText(q.question, q.answer)}</span>
                  </p>
                ) : null}
                {q.misconception ? (
                  <p data-testid="review-misconception">
                    <span className="font-semibold">{t('review.misconception')}</span>{' '}
                    {q.misconception}
                  </p>
                ) : null}
                {q.explanation ? (
                  <div data-testid="review-explanation">
                    <h3 className="font-semibold">{t('review.explanation')}</h3>
                    <p className="whitespace-pre-line">{q.explanation}</p>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <p>
        <Link href="/quizzes" className="underline">
          {t('backToQuizzes')}
        </Link>
      </p>
    </section>
  );
}
