'use client';
// A trace's round model (issue 11) as a heading, the round table and the cwnd chart: what the
// simulator shows for a scenario with a `congestion` block.
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { CongestionRound, Trace } from '@/lib/engine';
import { LazyCwndChart } from './lazy-chart';
import { RoundTable } from './round-table';
import { mssOf } from './rows';

export interface RoundsViewProps {
  trace: Pick<Trace, 'params' | 'rounds'> & { rounds: CongestionRound[] };
  /** Tells two views on one page apart (the simulator's profile comparison). */
  testIdSuffix?: string;
}

export function RoundsView({ trace, testIdSuffix = '' }: RoundsViewProps) {
  const t = useTranslations('congestion');
  const headingId = useId();
  const mss = mssOf(trace);
  const algorithm = trace.params['congestion.algorithm'];
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3"
      data-testid={`rounds-view${testIdSuffix}`}
    >
      <h3 id={headingId} className="font-semibold">
        {t('heading', { algorithm: typeof algorithm === 'string' ? algorithm : '', mss })}
      </h3>
      <LazyCwndChart rounds={trace.rounds} mss={mss} testId={`cwnd-chart${testIdSuffix}`} />
      <RoundTable rounds={trace.rounds} mss={mss} testId={`round-table${testIdSuffix}`} />
    </section>
  );
}
