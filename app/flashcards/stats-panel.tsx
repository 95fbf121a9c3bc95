'use client';
// Review statistics under the session: ratings per day (two weeks), true retention and the
// due forecast for the coming week; from the account when signed in, else from this browser.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { dueForecast, reviewsPerDay, trueRetention } from '@/lib/srs';
import { statsAction, type ReviewStats } from './actions';
import { loadLocalCards } from './local-cards';

function localStats(offset: number): ReviewStats {
  const store = loadLocalCards();
  const now = new Date();
  return {
    perDay: reviewsPerDay(store.log, now, 14, offset),
    retention: trueRetention(store.log),
    forecast: dueForecast(Object.values(store.states), now, 7, offset),
  };
}

function Bars({ rows, label }: { rows: { day: string; count: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <table className="text-xs" aria-label={label}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.day}>
            <th scope="row" className="pr-2 text-left font-mono font-normal">
              {r.day.slice(5)}
            </th>
            <td className="w-48">
              <div
                className="bg-brand-500 h-2 rounded"
                style={{ width: `${(r.count / max) * 100}%` }}
              />
            </td>
            <td className="pl-2 text-right font-mono">{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatsPanel({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations('flashcards');
  const [stats, setStats] = useState<ReviewStats | null>(null);
  async function load() {
    const offset = -new Date().getTimezoneOffset();
    setStats(signedIn ? await statsAction({ utcOffsetMinutes: offset }) : localStats(offset));
  }
  return (
    <details
      className="max-w-3xl text-sm"
      data-testid="flashcards-stats"
      onToggle={(e) => {
        if (e.currentTarget.open) void load();
      }}
    >
      <summary className="cursor-pointer font-semibold">{t('stats.title')}</summary>
      {stats ? (
        <div className="mt-2 grid gap-6 sm:grid-cols-2">
          <section>
            <h3 className="font-semibold">{t('stats.perDay')}</h3>
            <Bars rows={stats.perDay} label={t('stats.perDay')} />
          </section>
          <section className="space-y-2">
            <p data-testid="flashcards-retention">
              {stats.retention.rate === null
                ? t('stats.noRetention')
                : t('stats.retention', {
                    rate: Math.round(stats.retention.rate * 100),
                    passed: stats.retention.passed,
                    total: stats.retention.total,
                  })}
            </p>
            <h3 className="font-semibold">{t('stats.forecast')}</h3>
            <Bars rows={stats.forecast} label={t('stats.forecast')} />
          </section>
        </div>
      ) : null}
    </details>
  );
}
