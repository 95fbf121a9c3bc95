// /lessons – the curriculum in the reader's language.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { contentIndex } from '@/lib/content';
import { listTopicMastery } from '@/lib/db';
import { lessonProgress } from './lesson-progress';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lessons'))('title') };
}

export default async function LessonsPage() {
  const t = await getTranslations('lessons');
  const locale = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const lessons = contentIndex().lessons(locale);
  const user = await getCurrentUser();
  const mastery = user ? await listTopicMastery(user.id) : [];
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      </header>
      <ol className="grid gap-3 sm:grid-cols-2" data-testid="lesson-list">
        {lessons.map((lesson) => {
          const progress = user ? lessonProgress(lesson.topics, mastery) : null;
          return (
            <li key={lesson.slug} data-slug={lesson.slug}>
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
                {user ? (
                  <span className="mt-3 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                    <meter
                      min={0}
                      max={1}
                      low={0.4}
                      high={0.8}
                      optimum={1}
                      value={progress?.known ?? 0}
                      aria-label={t('progressLabel', { title: lesson.title })}
                      className="h-2 w-24"
                    />
                    <span data-testid="lesson-progress">
                      {progress
                        ? t('progress', {
                            percent: Math.round(progress.known * 100),
                            practised: progress.practisedTopics,
                            topics: progress.topics,
                          })
                        : t('progressNone')}
                    </span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
