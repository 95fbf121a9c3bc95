// The landing page: what Ackademy is, who it is for, and where to start.
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { demoAccountsAvailable } from '@/lib/auth';

export default async function LandingPage() {
  const t = await getTranslations('landing');
  const showDemo = await demoAccountsAvailable().catch(() => false);
  return (
    <div className="space-y-12">
      <section className="space-y-5 pt-4">
        <p className="text-brand-700 dark:text-brand-100 text-sm font-medium tracking-wide uppercase">
          {t('eyebrow')}
        </p>
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('headline')}</h1>
        <p className="max-w-3xl text-lg leading-relaxed text-slate-700 dark:text-slate-300">
          {t('lead')}
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/lessons/three-way-handshake"
            className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 font-medium text-white"
          >
            {t('start')}
          </Link>
          <Link
            href="/practice"
            className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {t('practice')}
          </Link>
        </div>
      </section>
      <section aria-labelledby="how" className="space-y-3">
        <h2 id="how" className="text-xl font-semibold">
          {t('howTitle')}
        </h2>
        <ol className="grid gap-3 sm:grid-cols-3">
          {(['howRead', 'howPredict', 'howRemember'] as const).map((key, index) => (
            <li key={key} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <span className="text-brand-700 dark:text-brand-100 font-mono text-sm">
                {index + 1}
              </span>
              <p className="mt-1">{t(key)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="for-whom" className="space-y-3">
        <h2 id="for-whom" className="text-xl font-semibold">
          {t('forWhomTitle')}
        </h2>
        <ul className="list-disc space-y-2 pl-5 text-slate-700 dark:text-slate-300">
          <li>{t('forWhomExam')}</li>
          <li>{t('forWhomInterview')}</li>
          <li>{t('forWhomClass')}</li>
        </ul>
      </section>
      {showDemo ? (
        <section
          className="rounded-lg bg-slate-100 p-4 text-sm dark:bg-slate-900"
          data-testid="demo-accounts"
        >
          <h2 className="font-semibold">{t('demoTitle')}</h2>
          <p className="mt-1 font-mono text-slate-700 dark:text-slate-300">{t('demoBody')}</p>
        </section>
      ) : null}
    </div>
  );
}
