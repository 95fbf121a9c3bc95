// /teach/classes/[classId] – one class: its join code and link, the roster, and its quizzes.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { quizzesOfClass, roster } from '@/lib/classroom';
import { ActionForm } from '../../_components/action-form';
import { ConfirmSubmit } from '../../_components/confirm-submit';
import { LocalTime } from '../../_components/local-time';
import {
  BUTTON,
  DANGER,
  HEAD_ROW,
  LINK,
  PRIMARY,
  ROW,
  TABLE,
  TD,
  TH,
} from '../../_components/styles';
import { load } from '../../_lib/load';
import { removeMemberAction, rotateCodeAction } from './actions';

type Props = { params: Promise<{ classId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach'))('title') };
}

/** The site's own address, so the join link can be copied into a chat or a slide. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') ? 'http' : 'https');
  return `${proto}://${host}`;
}

export default async function ClassPage({ params }: Props) {
  const { classId } = await params;
  const here = `/teach/classes/${classId}`;
  const user = await getCurrentUser();
  const [{ cls, members }, quizzes] = await load(
    () => Promise.all([roster(user, classId), quizzesOfClass(user, classId)]),
    here,
  );
  const t = await getTranslations('teach');
  const joinPath = `/quizzes/join?code=${encodeURIComponent(cls.joinCode)}`;
  const joinUrl = `${await origin()}${joinPath}`;
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/teach" className={LINK}>
            {t('title')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold" data-testid="class-name">
          {cls.name}
        </h1>
      </div>

      <section aria-labelledby="join-heading" className="space-y-2">
        <h2 id="join-heading" className="text-lg font-semibold">
          {t('class.join')}
        </h2>
        <p>
          {t('class.joinCode')}{' '}
          <span className="font-mono text-xl tracking-widest" data-testid="join-code">
            {cls.joinCode}
          </span>
        </p>
        <p className="break-all">
          {t('class.joinLink')}{' '}
          <a href={joinPath} className={LINK} data-testid="join-link">
            {joinUrl}
          </a>
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('class.joinHelp')}</p>
        <ActionForm action={rotateCodeAction}>
          <input type="hidden" name="classId" value={cls.id} />
          <ConfirmSubmit question={t('class.rotateConfirm')} className={BUTTON}>
            {t('class.rotate')}
          </ConfirmSubmit>
        </ActionForm>
      </section>

      <section aria-labelledby="quizzes-heading" className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="quizzes-heading" className="text-lg font-semibold">
            {t('class.quizzes')}
          </h2>
          <Link href={`/teach/quizzes/new?class=${cls.id}`} className={PRIMARY}>
            {t('class.newQuiz')}
          </Link>
          <Link href={`${here}/gradebook`} className={BUTTON}>
            {t('class.gradebook')}
          </Link>
        </div>
        {quizzes.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{t('class.noQuizzes')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={TABLE} data-testid="quiz-list">
              <thead>
                <tr className={HEAD_ROW}>
                  <th scope="col" className={TH}>
                    {t('quiz.title')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('quiz.status')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('quiz.opensAt')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('quiz.closesAt')}
                  </th>
                  <th scope="col" className={TH}>
                    <span className="sr-only">{t('class.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {quizzes.map((q) => (
                  <tr key={q.id} className={ROW}>
                    <th scope="row" className={`${TD} font-normal`}>
                      {q.title}
                    </th>
                    <td className={TD}>{t('quiz.statusName', { status: q.status })}</td>
                    <td className={TD}>
                      <LocalTime iso={q.opensAt?.toISOString() ?? null} />
                    </td>
                    <td className={TD}>
                      <LocalTime iso={q.closesAt?.toISOString() ?? null} />
                    </td>
                    <td className={`${TD} space-x-3 whitespace-nowrap`}>
                      <Link
                        href={`/teach/quizzes/${q.id}/edit`}
                        className={LINK}
                        aria-label={t('class.editQuiz', { title: q.title })}
                      >
                        {t('class.edit')}
                      </Link>
                      <Link
                        href={`/teach/quizzes/${q.id}/results`}
                        className={LINK}
                        aria-label={t('class.quizResults', { title: q.title })}
                      >
                        {t('class.results')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="roster-heading" className="space-y-2">
        <h2 id="roster-heading" className="text-lg font-semibold">
          {t('class.roster', { count: members.length })}
        </h2>
        {members.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{t('class.noMembers')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={TABLE} data-testid="roster">
              <thead>
                <tr className={HEAD_ROW}>
                  <th scope="col" className={TH}>
                    {t('student.name')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('student.email')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('student.joined')}
                  </th>
                  <th scope="col" className={TH}>
                    <span className="sr-only">{t('class.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.userId} className={ROW}>
                    <th scope="row" className={`${TD} font-normal`}>
                      {m.name ?? '—'}
                    </th>
                    <td className={`${TD} font-mono`}>{m.email}</td>
                    <td className={TD}>
                      <LocalTime iso={m.joinedAt.toISOString()} />
                    </td>
                    <td className={TD}>
                      <ActionForm action={removeMemberAction}>
                        <input type="hidden" name="classId" value={cls.id} />
                        <input type="hidden" name="userId" value={m.userId} />
                        <ConfirmSubmit
                          question={t('class.removeConfirm', { email: m.email })}
                          className={DANGER}
                        >
                          <span aria-hidden>{t('class.remove')}</span>
                          <span className="sr-only">
                            {t('class.removeStudent', { email: m.email })}
                          </span>
                        </ConfirmSubmit>
                      </ActionForm>
                    </td>
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
