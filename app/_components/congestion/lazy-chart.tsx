'use client';
// The cwnd chart behind next/dynamic: recharts is a separate chunk fetched only when a chart
// is drawn, and never rendered on the server (it measures its container).
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';

function ChartLoading() {
  const t = useTranslations('congestion');
  return (
    <p className="h-72 text-sm text-slate-500 dark:text-slate-400" aria-busy="true">
      {t('chartLoading')}
    </p>
  );
}

export const LazyCwndChart = dynamic(() => import('./cwnd-chart').then((m) => m.CwndChart), {
  ssr: false,
  loading: () => <ChartLoading />,
});
