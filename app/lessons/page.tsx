// /lessons – the curriculum in the reader's language.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { contentIndex } from '@/lib/content';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lessons'))('title') };
}

export default async function LessonsPage() {
  const t = await getTranslations('lessons');
  const locale = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const lessons = contentIndex().lessons(locale);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      </header>
      <ol className="grid gap-3 sm:grid-cols-2" data-testid="lesson-list">
        {lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link
              href={`/lessons/${lesson.slug}`}
              className="hover:border-brand-500 block h-full rounded-lg border border-slate-200 p-4 dark:border-slate-800"
            >
              <span className="font-mono text-xs text-slate-500">
                {t('lessonNumber', { order: lesson.order })}
              </span>
              <span className="mt-1 block font-semibold">{lesson.title}</span>
              <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                {lesson.summary}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
