'use client';
// Shown when a page throws; offers a retry without losing the rest of the app.
import { useTranslations } from 'next-intl';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-bold">{t('generic')}</h1>
      <button
        type="button"
        onClick={reset}
        className="rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700"
      >
        {t('retry')}
      </button>
    </div>
  );
}
