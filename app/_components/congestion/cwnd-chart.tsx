'use client';
// cwnd and ssthresh per round as step lines (each round's window holds for one RTT), with the
// rounds that meet a timeout or three duplicate ACKs marked. Loaded lazily (./lazy-chart) so
// recharts is only fetched by pages that draw a chart.
import { useTranslations } from 'next-intl';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CongestionRound } from '@/lib/engine';
import { chartPoints } from './rows';

export interface CwndChartProps {
  rounds: readonly CongestionRound[];
  mss: number;
  testId?: string;
}

const EVENT_COLOUR = { timeout: '#dc2626', dupacks: '#d97706' } as const;

export function CwndChart({ rounds, mss, testId = 'cwnd-chart' }: CwndChartProps) {
  const t = useTranslations('congestion');
  const points = chartPoints(rounds, mss);
  const events = points.filter((p) => p.event !== null);
  const peak = points.reduce<(typeof points)[number] | null>(
    (m, p) => (m === null || p.cwnd > m.cwnd ? p : m),
    null,
  );
  // The text alternative: what a sighted reader takes from the chart at a glance; the round
  // table beside it holds every value.
  const summary = t('chartSummary', {
    rounds: points.length,
    first: points[0]?.cwnd ?? 0,
    peak: peak?.cwnd ?? 0,
    peakRound: peak?.round ?? 0,
    events:
      events.length === 0
        ? t('noEvents')
        : events
            .map((e) =>
              t('eventAt', { round: e.round, event: t(`events.${e.event ?? 'timeout'}`) }),
            )
            .join(t('listSeparator')),
  });
  return (
    <figure className="space-y-1" data-testid={testId} data-rounds={points.length}>
      <div role="img" aria-label={summary} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="round" tickLine={false} fontSize={12} />
            <YAxis allowDecimals={false} width={40} fontSize={12} />
            <Tooltip />
            <Legend />
            {events.map((e) => (
              <ReferenceLine
                key={e.round}
                x={e.round}
                stroke={EVENT_COLOUR[e.event ?? 'timeout']}
                strokeDasharray="4 2"
                label={{
                  value: t(`eventShort.${e.event ?? 'timeout'}`),
                  position: 'top',
                  fontSize: 11,
                  fill: EVENT_COLOUR[e.event ?? 'timeout'],
                }}
              />
            ))}
            <Line
              type="stepAfter"
              dataKey="cwnd"
              name={t('cwndLine')}
              stroke="#2563eb"
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
            <Line
              type="stepAfter"
              dataKey="ssthresh"
              name={t('ssthreshLine')}
              stroke="#64748b"
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-300">
        {t('chartCaption')}
      </figcaption>
    </figure>
  );
}
