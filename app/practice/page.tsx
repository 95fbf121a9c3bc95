// /practice – an endless practice session on chosen topics (or mixed), questions chosen by
// the learner's mastery; a lesson links here with ?topics=a,b.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { listTemplates, TOPICS } from '@/lib/questions';
import { PracticeClient } from './page-client';
import { parseTopicsParam } from './schema';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('practice') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PracticePage({ searchParams }: Props) {
  const t = await getTranslations('practice');
  const user = await getCurrentUser();
  // Only topics some template covers can be practised.
  const covered = new Set<string>(listTemplates().flatMap((tpl) => tpl.topics));
  const topics = TOPICS.filter((topic) => covered.has(topic));
  const initialTopics = parseTopicsParam((await searchParams).topics).filter((topic) =>
    covered.has(topic),
  );
  const topicNames = Object.fromEntries(topics.map((topic) => [topic, t(`topic.${topic}`)]));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <PracticeClient
        signedIn={user !== null}
        topics={topics}
        topicNames={topicNames}
        initialTopics={initialTopics}
        autoStart={initialTopics.length > 0}
      />
    </section>
  );
}
