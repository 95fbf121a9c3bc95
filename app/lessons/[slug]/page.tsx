// /lessons/[slug] – one lesson: the rendered text with its live diagrams, a table of
// contents, and the way on to practice and flashcards.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { contentIndex } from '@/lib/content';
import { LessonTraces } from './lesson-traces';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const locale: 'zh' | 'en' = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const index = contentIndex();
  const lesson = index.lesson(locale, slug);
  return lesson ? { lesson, locale, index } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).slug);
  return found ? { title: found.lesson.title, description: found.lesson.summary } : {};
}

export default async function LessonPage({ params }: Props) {
  const found = await load((await params).slug);
  if (!found) notFound();
  const { lesson, locale, index } = found;
  const t = await getTranslations('lessons');
  const { html, toc } = index.render(lesson);
  const all = index.lessons(locale);
  const position = all.findIndex((l) => l.slug === lesson.slug);
  const previous = all[position - 1];
  const next = all[position + 1];
  const prerequisites = lesson.prerequisites
    .map((slug) => index.lesson(locale, slug))
    .filter((l) => l !== undefined);

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_14rem] lg:gap-10">
      <article className="min-w-0">
        <p className="font-mono text-xs text-slate-500">
          <Link href="/lessons" className="hover:underline">
            {t('allLessons')}
          </Link>{' '}
          · {t('lessonNumber', { order: lesson.order })}
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">{lesson.title}</h1>
        <p className="mt-2 text-lg text-slate-700 dark:text-slate-300">{lesson.summary}</p>
        {prerequisites.length > 0 ? (
          <p className="mt-3 text-sm">
            {t('prerequisites')}:{' '}
            {prerequisites.map((p, i) => (
              <span key={p.slug}>
                {i > 0 ? ' · ' : ''}
                <Link
                  href={`/lessons/${p.slug}`}
                  className="text-brand-700 dark:text-brand-100 underline"
                >
                  {p.title}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
        <div
          className="lesson-body prose prose-slate dark:prose-invert mt-6 max-w-none"
          data-testid="lesson-body"
          // Sanitised by lib/content/render.ts before any plugin adds markup of ours.
          dangerouslySetInnerHTML={{ __html: html }}
        />
        <LessonTraces key={lesson.slug} />
        <nav className="mt-10 flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-4 text-sm dark:border-slate-800">
          {previous ? (
            <Link href={`/lessons/${previous.slug}`} className="hover:underline" rel="prev">
              ← {t('previous')}: {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={`/lessons/${next.slug}`} className="hover:underline" rel="next">
              {t('next')}: {next.title} →
            </Link>
          ) : null}
        </nav>
      </article>
      <aside className="mt-8 space-y-6 text-sm lg:sticky lg:top-4 lg:mt-0 lg:self-start">
        <nav aria-label={t('onThisPage')}>
          <h2 className="font-semibold">{t('onThisPage')}</h2>
          <ul className="mt-2 space-y-1" data-testid="lesson-toc">
            {toc.map((entry) => (
              <li key={entry.id}>
                <a
                  href={`#${entry.id}`}
                  className="hover:text-brand-700 text-slate-600 dark:text-slate-400"
                >
                  {entry.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-2">
          <h2 className="font-semibold">{t('practise')}</h2>
          <Link
            href={`/practice?topics=${lesson.topics.join(',')}`}
            className="bg-brand-600 hover:bg-brand-700 block rounded-md px-3 py-2 text-center font-medium text-white"
          >
            {t('practiseTopics', { topics: lesson.topics.join(', ') })}
          </Link>
          {lesson.decks.map((deck) => (
            <Link
              key={deck}
              href={`/flashcards?deck=${deck}`}
              className="block rounded-md border border-slate-300 px-3 py-2 text-center hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {t('flashcards')}
            </Link>
          ))}
        </div>
      </aside>
    </div>
  );
}
