// /me – the learner's progress: streak, mastery by topic, answers and reviews per day, the
// flashcard forecast and recent history; a visitor sees this browser's progress and an
// invitation to keep it in an account.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { TOPICS } from '@/lib/topics';
import { ProgressClient } from './progress-client';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('progress') };
}

export default async function ProgressPage() {
  const t = await getTranslations('me');
  const practice = await getTranslations('practice');
  const user = await getCurrentUser();
  const topicNames = Object.fromEntries(TOPICS.map((topic) => [topic, practice(`topic.${topic}`)]));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {user ? (
        <>
          <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
          {/* The password change lives on /account; this is the way there. */}
          <p className="text-sm">
            <Link href="/account" className="text-brand-700 dark:text-brand-100 underline">
              {t('accountLink')}
            </Link>
          </p>
        </>
      ) : (
        <p
          className="max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-slate-800 dark:border-amber-700 dark:bg-amber-950 dark:text-slate-200"
          data-testid="me-visitor"
        >
          {t.rich('visitorNote', {
            signIn: (chunks) => (
              <Link href="/signin?callbackUrl=/me" className="underline">
                {chunks}
              </Link>
            ),
            signUp: (chunks) => (
              <Link href="/signup" className="underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      <ProgressClient signedIn={user !== null} topicNames={topicNames} />
    </section>
  );
}
