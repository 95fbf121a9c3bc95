// /teach/attempts/[attemptId] – one student's attempt as its instructor sees it: every
// response with its score, the key, the misconception shown and the explanation.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { roster } from '@/lib/classroom';
import { LocalTime } from '../../_components/local-time';
import { QuestionCard } from '../../_components/question-card';
import { LINK } from '../../_components/styles';
import { load } from '../../_lib/load';
import { questionLocale } from '../../_lib/locale';
import { reviewForInstructor } from '../../_lib/review';

type Props = { params: Promise<{ attemptId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.review'))('title') };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export default async function AttemptPage({ params }: Props) {
  const { attemptId } = await params;
  const user = await getCurrentUser();
  const here = `/teach/attempts/${attemptId}`;
  const review = await load(
    async () => reviewForInstructor(user, attemptId, await questionLocale()),
    here,
  );
  const { members } = await load(() => roster(user, review.classId), here);
  const member = members.find((m) => m.userId === review.attempt.userId);
  const t = await getTranslations('teach');
  const { attempt } = review;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/quizzes/${review.quizId}/results`} className={LINK}>
            {t('review.back')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {t('review.heading', {
            title: review.quizTitle,
            student: member?.name ?? member?.email ?? t('results.formerStudent'),
            n: attempt.number,
          })}
        </h1>
      </div>
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">{t('results.status')}</dt>
        <dd>{t('results.statusName', { status: attempt.status })}</dd>
        <dt className="font-semibold">{t('results.started')}</dt>
        <dd>
          <LocalTime iso={attempt.startedAt.toISOString()} />
        </dd>
        <dt className="font-semibold">{t('results.submitted')}</dt>
        <dd>
          <LocalTime iso={attempt.submittedAt?.toISOString() ?? null} />
          {attempt.submitKind
            ? ` (${t('results.submitKindName', { kind: attempt.submitKind })})`
            : ''}
        </dd>
        <dt className="font-semibold">{t('results.score')}</dt>
        <dd className="tabular-nums">
          {attempt.score === null ? '—' : `${round2(attempt.score)} / ${round2(attempt.maxScore)}`}
        </dd>
      </dl>
      <ol className="space-y-4">
        {review.questions.map((q) => (
          <li key={q.position}>
            <QuestionCard
              heading={t('review.questionHeading', { n: q.position + 1 })}
              question={q.question}
              answer={q.answer}
              explanation={q.explanation}
              graded={{ response: q.response, fraction: q.fraction, points: q.points }}
              misconception={q.misconception}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
