// /teach – an instructor's classes (members and quizzes counted) and the form for a new one.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser, roleAtLeast } from '@/lib/auth';
import { ownClasses } from '@/lib/classroom';
import { CreateClassForm } from './create-class-form';
import { HEAD_ROW, LINK, ROW, TABLE, TD, TH } from './_components/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach'))('title') };
}

export default async function TeachPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?callbackUrl=/teach');
  const t = await getTranslations('teach');
  if (!roleAtLeast(user.role, 'instructor')) {
    return (
      <p role="alert" data-testid="forbidden">
        {t('forbidden')}
      </p>
    );
  }
  const classes = await ownClasses(user);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <section aria-labelledby="classes-heading" className="space-y-2">
        <h2 id="classes-heading" className="text-lg font-semibold">
          {t('classes.heading')}
        </h2>
        {classes.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{t('classes.none')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={TABLE} data-testid="class-list">
              <thead>
                <tr className={HEAD_ROW}>
                  <th scope="col" className={TH}>
                    {t('classes.name')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('classes.members')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('classes.quizzes')}
                  </th>
                  <th scope="col" className={TH}>
                    {t('classes.joinCode')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.id} className={ROW}>
                    <th scope="row" className={`${TD} font-normal`}>
                      <Link href={`/teach/classes/${c.id}`} className={LINK}>
                        {c.name}
                      </Link>
                      {c.archived ? (
                        <span className="ml-2 text-xs text-slate-500">{t('classes.archived')}</span>
                      ) : null}
                    </th>
                    <td className={TD}>{c.members}</td>
                    <td className={TD}>{c.quizzes}</td>
                    <td className={`${TD} font-mono`}>{c.joinCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateClassForm
        labels={{
          heading: t('classes.new'),
          name: t('classes.name'),
          create: t('classes.create'),
        }}
      />
    </div>
  );
}
