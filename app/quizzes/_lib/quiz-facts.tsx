// A quiz's window, time limit and attempts as a definition list (list and quiz pages).
import { getFormatter, getTranslations } from 'next-intl/server';
import type { SettingsSummary } from './window';

const DATE = {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
} as const;

export async function QuizFacts({
  summary,
  attemptsUsed,
}: {
  summary: SettingsSummary;
  attemptsUsed: number;
}) {
  const t = await getTranslations('quizzes');
  const format = await getFormatter();
  const when = (d: Date | null, none: string) => (d ? `${format.dateTime(d, DATE)} UTC` : none);
  const rows: [string, string][] = [
    [t('facts.opens'), when(summary.opensAt, t('facts.alwaysOpen'))],
    [t('facts.closes'), when(summary.closesAt, t('facts.neverCloses'))],
    [
      t('facts.timeLimit'),
      summary.timeLimitMin === null
        ? t('facts.untimed')
        : t('facts.minutes', { count: summary.timeLimitMin }),
    ],
    [
      t('facts.attempts'),
      summary.attemptsAllowed === 0
        ? t('facts.attemptsUnlimited', { used: attemptsUsed })
        : t('facts.attemptsUsed', { used: attemptsUsed, allowed: summary.attemptsAllowed }),
    ],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
