// An honest placeholder for a page a later release fills in.
import { getTranslations } from 'next-intl/server';

type Area = 'lessons' | 'practice' | 'flashcards' | 'simulator' | 'quizzes' | 'teach';

export async function ComingSoon({ area, title }: { area: Area; title: string }) {
  const t = await getTranslations('placeholder');
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="inline-block rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
        {t('coming')}
      </p>
      <p className="max-w-2xl text-slate-700 dark:text-slate-300">{t(area)}</p>
    </section>
  );
}
