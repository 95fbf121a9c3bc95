// /teach/classes/[classId]/gradebook – students × quizzes: the grade by each quiz's method,
// attempts taken and whether one is still running; the same grades download as CSV.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { gradebook, managedClass } from '@/lib/classroom';
import { BUTTON, HEAD_ROW, LINK, ROW, TABLE, TD, TH } from '../../../_components/styles';
import { load } from '../../../_lib/load';

type Props = { params: Promise<{ classId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.gradebook'))('title') };
}

export default async function GradebookPage({ params }: Props) {
  const { classId } = await params;
  const user = await getCurrentUser();
  const here = `/teach/classes/${classId}/gradebook`;
  const [cls, book] = await load(
    () => Promise.all([managedClass(user, classId), gradebook(user, classId, new Date())]),
    here,
  );
  const t = await getTranslations('teach');
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/classes/${cls.id}`} className={LINK}>
            {cls.name}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('gradebook.heading', { name: cls.name })}</h1>
      </div>
      <p>
        <a
          href={`/teach/classes/${cls.id}/gradebook.csv`}
          className={BUTTON}
          download
          data-testid="gradebook-csv"
        >
          {t('gradebook.csv')}
        </a>
      </p>
      {book.students.length === 0 || book.quizzes.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400" data-testid="gradebook-empty">
          {t('gradebook.empty')}
        </p>
      ) : null}
      {book.quizzes.length > 0 ? (
        <div className="overflow-x-auto">
          <table className={TABLE} data-testid="gradebook">
            <caption className="sr-only">{t('gradebook.caption')}</caption>
            <thead>
              <tr className={HEAD_ROW}>
                <th scope="col" className={TH}>
                  {t('student.name')}
                </th>
                {book.quizzes.map((q) => (
                  <th key={q.id} scope="col" className={TH}>
                    <Link href={`/teach/quizzes/${q.id}/results`} className={LINK}>
                      {q.title}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                      {t('builder.gradingMethod', { method: q.gradingMethod })}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {book.students.map((s, i) => (
                <tr key={s.userId} className={ROW}>
                  <th scope="row" className={`${TD} font-normal`}>
                    {s.name ?? s.email}
                    {s.name ? (
                      <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">
                        {s.email}
                      </span>
                    ) : null}
                  </th>
                  {book.cells[i]!.map((c, j) => (
                    <td key={book.quizzes[j]!.id} className={`${TD} tabular-nums`}>
                      {c.grade === null ? '—' : `${Math.round(c.grade * 1000) / 10}%`}
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        {t('gradebook.attempts', { n: c.attempts })}
                        {c.inProgress ? ` · ${t('gradebook.inProgress')}` : ''}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
