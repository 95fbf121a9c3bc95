'use client';
// The progress page's body: loads the account's progress (after moving any progress this
// browser kept while signed out into it) or, for a visitor, this browser's own, and shows
// the streak, mastery by topic, activity and due forecast charts and the latest history.
import Link from '@/app/_components/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { progressAction } from './actions';
import { COLORS, DailyChart, MasteryChart } from './charts';
import { localProgress } from './local-view';
import { hasLocalProgress, mergeLocalProgress } from './merge/local';
import type { ProgressView } from './view';

type Props = { signedIn: boolean; topicNames: Record<string, string> };

function utcOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

export function ProgressClient({ signedIn, topicNames }: Props) {
  const t = useTranslations('me');
  const [view, setView] = useState<ProgressView | null>(null);
  const [merging, setMerging] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    async function load() {
      const offset = utcOffsetMinutes();
      if (!signedIn) return localProgress(new Date(), offset);
      // A sign-in through another route (OAuth) leaves local progress behind: move it now.
      if (hasLocalProgress()) {
        setMerging(true);
        await mergeLocalProgress().catch(() => false);
        if (live) setMerging(false);
      }
      return progressAction({ utcOffsetMinutes: offset });
    }
    load().then(
      (result) => {
        if (!live) return;
        if (result) setView(result);
        else setFailed(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [signedIn]);

  const topicName = (topic: string) => topicNames[topic] ?? topic;
  const time = (iso: string) =>
    new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  if (failed) return <p role="alert">{t('error')}</p>;
  if (!view) return <p aria-live="polite">{merging ? t('merging') : t('loading')}</p>;

  const totals = view.perDay.reduce(
    (sum, d) => ({
      answers: sum.answers + d.answers,
      correct: sum.correct + d.correct,
      reviews: sum.reviews + d.reviews,
    }),
    { answers: 0, correct: 0, reviews: 0 },
  );
  const mastery = [...view.mastery]
    .sort((a, b) => a.known - b.known)
    .map((m) => ({
      topic: m.topic,
      name: topicName(m.topic),
      percent: Math.round(m.known * 100),
      attempts: m.attempts,
    }));

  return (
    <div className="space-y-8" data-testid="me-progress">
      <section className="grid gap-4 sm:grid-cols-2" aria-label={t('summary')}>
        <div className="rounded-md border border-slate-300 p-4 dark:border-slate-700">
          <p
            className="text-2xl font-bold"
            data-testid="me-streak"
            data-current={view.streak.current}
          >
            {t('streak', { count: view.streak.current })}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t('streakNote', { longest: view.streak.longest })}
            {view.streak.current > 0 && !view.streak.today ? ` ${t('streakToday')}` : ''}
          </p>
        </div>
        <div className="rounded-md border border-slate-300 p-4 dark:border-slate-700">
          <p data-testid="me-totals" data-answers={totals.answers} data-reviews={totals.reviews}>
            {t('totals', { ...totals, cards: view.cards.seen })}
          </p>
          <p className="mt-2 flex gap-4 text-sm">
            <Link href="/practice" className="underline">
              {t('practiceLink')}
            </Link>
            <Link href="/flashcards" className="underline">
              {t('flashcardsLink')}
            </Link>
          </p>
        </div>
      </section>

      <section className="space-y-2">
        {mastery.length > 0 ? (
          <MasteryChart
            title={t('mastery.title')}
            data={mastery}
            labels={{
              topic: t('mastery.topic'),
              mastery: t('mastery.known'),
              attempts: t('mastery.attempts'),
              table: t('table'),
            }}
          />
        ) : (
          <>
            <h2 className="font-semibold">{t('mastery.title')}</h2>
            <p>{t('mastery.none')}</p>
          </>
        )}
      </section>

      <section>
        <DailyChart
          testId="me-activity-chart"
          title={t('activity.title')}
          data={view.perDay}
          dayLabel={t('day')}
          tableLabel={t('table')}
          series={[
            { key: 'answers', label: t('activity.answers'), color: COLORS.answers },
            { key: 'correct', label: t('activity.correct'), color: COLORS.correct },
            { key: 'reviews', label: t('activity.reviews'), color: COLORS.reviews },
          ]}
        />
      </section>

      <section>
        <DailyChart
          testId="me-forecast-chart"
          title={t('forecast.title')}
          data={view.forecast}
          dayLabel={t('day')}
          tableLabel={t('table')}
          series={[{ key: 'count', label: t('forecast.count'), color: COLORS.due }]}
        />
      </section>

      <section className="grid gap-6 sm:grid-cols-2">
        <div>
          <h2 className="font-semibold">{t('recent.answers')}</h2>
          {view.recentAnswers.length === 0 ? (
            <p>{t('recent.noAnswers')}</p>
          ) : (
            <ul className="text-sm" data-testid="me-recent-answers">
              {view.recentAnswers.map((a) => (
                <li key={`${a.at}-${a.template}`} className="py-0.5">
                  <span
                    className={
                      a.correct
                        ? 'text-emerald-700 dark:text-emerald-300'
                        : 'text-rose-700 dark:text-rose-300'
                    }
                  >
                    {a.correct ? t('recent.right') : t('recent.wrong')}
                  </span>{' '}
                  · {a.topics.map(topicName).join(', ') || a.template} ·{' '}
                  <time dateTime={a.at}>{time(a.at)}</time>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h2 className="font-semibold">{t('recent.reviews')}</h2>
          {view.recentReviews.length === 0 ? (
            <p>{t('recent.noReviews')}</p>
          ) : (
            <ul className="text-sm" data-testid="me-recent-reviews">
              {view.recentReviews.map((r) => (
                <li key={`${r.at}-${r.card}`} className="py-0.5">
                  {t(
                    `rating.${r.rating === 1 ? '1' : r.rating === 2 ? '2' : r.rating === 3 ? '3' : '4'}`,
                  )}{' '}
                  · {r.card} · <time dateTime={r.at}>{time(r.at)}</time>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
