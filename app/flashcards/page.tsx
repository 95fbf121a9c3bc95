// /flashcards – spaced-repetition review (FSRS) of the lesson decks and the transition table;
// a lesson links here with ?deck=<id>.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { getDesiredRetention } from '@/lib/db';
import { deckList } from './cards';
import { MISTAKES_DECK, mistakesTitle } from './mistake-cards';
import { FlashcardsClient } from './page-client';
import { StatsPanel } from './stats-panel';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('flashcards') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FlashcardsPage({ searchParams }: Props) {
  const t = await getTranslations('flashcards');
  const locale = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const user = await getCurrentUser();
  const retention = user ? await getDesiredRetention(user.id) : null;
  const decks = [...deckList(locale), { id: MISTAKES_DECK, title: mistakesTitle(locale) }];
  const raw = (await searchParams).deck;
  const deck = decks.find((d) => d.id === (Array.isArray(raw) ? raw[0] : raw));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{deck ? deck.title : t('title')}</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <nav className="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label={t('decks')}>
        <Link href="/flashcards" className="underline" aria-current={deck ? undefined : 'page'}>
          {t('allDecks')}
        </Link>
        {decks.map((d) => (
          <Link
            key={d.id}
            href={`/flashcards?deck=${d.id}`}
            className="underline"
            aria-current={deck?.id === d.id ? 'page' : undefined}
          >
            {d.title}
          </Link>
        ))}
      </nav>
      <p className="text-sm">
        {/* A plain link: the route handler answers with a file download. Mistake cards are
            generated afresh each time, so they have no fixed text to export. */}
        <a
          href={`/flashcards/export${deck && deck.id !== MISTAKES_DECK ? `?deck=${deck.id}` : ''}`}
          className="underline"
          data-testid="flashcards-export"
        >
          {t('export')}
        </a>
      </p>
      <FlashcardsClient
        key={deck?.id ?? 'all'}
        signedIn={user !== null}
        {...(retention !== null ? { initialRetention: retention } : {})}
        {...(deck ? { deck: deck.id } : {})}
      />
      <StatsPanel signedIn={user !== null} />
    </section>
  );
}
