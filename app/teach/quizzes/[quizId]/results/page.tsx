// /teach/quizzes/[quizId]/results – every attempt (each reviewable), the per-slot item
// statistics (facility, discrimination, wrong answers by misconception), and a regrade.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { quizResults } from '@/lib/classroom';
import { ActionForm } from '../../../_components/action-form';
import { LocalTime } from '../../../_components/local-time';
import { BUTTON, HEAD_ROW, LINK, ROW, TABLE, TD, TH } from '../../../_components/styles';
import { labels } from '../../../_lib/labels';
import { load } from '../../../_lib/load';
import { questionLocale } from '../../../_lib/locale';
import { misconceptionText } from '../../../_lib/misconception';
import { slotLabel } from '../../../_lib/slot-label';
import { regradeAction } from '../../actions';
import { QuizLinks } from '../quiz-links';

type Props = { params: Promise<{ quizId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.results'))('title') };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export default async function ResultsPage({ params }: Props) {
  const { quizId } = await params;
  const user = await getCurrentUser();
  const { quiz, attempts, statistics } = await load(
    () => quizResults(user, quizId, new Date()),
    `/teach/quizzes/${quizId}/results`,
  );
  const t = await getTranslations('teach');
  const names = await labels();
  const locale = await questionLocale();
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/classes/${quiz.classId}`} className={LINK}>
            {t('quiz.backToClass')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('results.heading', { title: quiz.title })}</h1>
        <QuizLinks quizId={quiz.id} />
      </div>

      <section aria-labelledby="attempts-heading" className="space-y-2">
        <h2 id="attempts-heading" className="text-lg font-semibold">
          {t('results.attempts', { count: attempts.length })}
        </h2>
        {attempts.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400" data-testid="no-attempts">
            {t('results.noAttempts')}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className={TABLE} data-testid="attempts">
              <thead>
                <tr className={HEAD_ROW}>
                  <th scope="col" className={TH}>
                    {t('student.name')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.number')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.status')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.started')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.submitted')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.submitKind')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id} className={ROW}>
                    <th scope="row" className={`${TD} font-normal`}>
                      <Link href={`/teach/attempts/${a.id}`} className={LINK}>
                        {a.student?.name ?? a.student?.email ?? t('results.formerStudent')}
                      </Link>
                    </th>
                    <td className={TD}>{a.number}</td>
                    <td className={TD}>{t('results.statusName', { status: a.status })}</td>
                    <td className={TD}>
                      <LocalTime iso={a.startedAt.toISOString()} />
                    </td>
                    <td className={TD}>
                      <LocalTime iso={a.submittedAt?.toISOString() ?? null} />
                    </td>
                    <td className={TD}>
                      {a.submitKind ? t('results.submitKindName', { kind: a.submitKind }) : '—'}
                    </td>
                    <td className={`${TD} tabular-nums`}>
                      {a.score === null ? '—' : `${round2(a.score)} / ${round2(a.maxScore)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ActionForm action={regradeAction}>
          <input type="hidden" name="quizId" value={quiz.id} />
          <button type="submit" className={BUTTON} data-testid="regrade">
            {t('results.regrade')}
          </button>
        </ActionForm>
      </section>

      <section aria-labelledby="stats-heading" className="space-y-2">
        <h2 id="stats-heading" className="text-lg font-semibold">
          {t('results.statistics')}
        </h2>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          {t('results.statisticsHelp')}
        </p>
        {statistics.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{t('results.noStatistics')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={TABLE} data-testid="statistics">
              <thead>
                <tr className={HEAD_ROW}>
                  <th scope="col" className={TH}>
                    {t('results.slot')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.slotAttempts')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.facility')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.discrimination')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.wrong')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('results.unanswered')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {statistics.map((s) => (
                  <tr key={s.slot} className={`${ROW} align-top`}>
                    <th scope="row" className={`${TD} font-normal`}>
                      {s.slot + 1}. {slotLabel(quiz.slots[s.slot], names, t('results.anyTemplate'))}
                    </th>
                    <td className={TD}>{s.attempts}</td>
                    <td className={`${TD} tabular-nums`}>
                      {s.facility === null ? '—' : `${Math.round(s.facility * 100)}%`}
                    </td>
                    <td className={`${TD} tabular-nums`}>
                      {s.discrimination === null ? '—' : s.discrimination.toFixed(2)}
                    </td>
                    <td className={TD}>
                      {s.wrong.length === 0 ? (
                        '—'
                      ) : (
                        <ul className="space-y-1">
                          {s.wrong.map((w) => (
                            <li key={w.misconception ?? ''}>
                              <span className="tabular-nums">{w.count}×</span>{' '}
                              {w.misconception === null
                                ? t('results.noMisconception')
                                : misconceptionText(w.misconception, locale)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className={`${TD} tabular-nums`}>{s.unanswered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
