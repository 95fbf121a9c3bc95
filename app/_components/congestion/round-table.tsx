'use client';
// The round model's table: per round cwnd, ssthresh, rwnd, swnd, phase and event, in MSS (the
// exam's unit) with a switch to bytes, the engine's unit.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { CongestionRound } from '@/lib/engine';
import { displayRows, type WindowUnit } from './rows';

export interface RoundTableProps {
  rounds: readonly CongestionRound[];
  mss: number;
  /** Start in this unit (default MSS). */
  unit?: WindowUnit;
  testId?: string;
}

export function RoundTable({ rounds, mss, unit: initial = 'mss', testId }: RoundTableProps) {
  const t = useTranslations('congestion');
  const [unit, setUnit] = useState<WindowUnit>(initial);
  const rows = displayRows(rounds, mss, unit);
  const cell = 'px-2 py-1 text-right tabular-nums';
  return (
    <div className="space-y-2" data-testid={testId ?? 'round-table'} data-unit={unit}>
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className="sr-only">{t('unit')}</legend>
        {(['mss', 'bytes'] as const).map((u) => (
          <label key={u} className="flex items-center gap-1">
            <input
              type="radio"
              name={`${testId ?? 'round-table'}-unit`}
              value={u}
              checked={unit === u}
              onChange={() => setUnit(u)}
            />
            {t(u === 'mss' ? 'unitMss' : 'unitBytes', { mss })}
          </label>
        ))}
      </fieldset>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="pb-1 text-left font-semibold">
            {t('tableCaption', { unit: unit === 'mss' ? 'MSS' : t('bytes') })}
          </caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="px-2 py-1 text-right">
                {t('round')}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                cwnd
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                ssthresh
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                rwnd
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t('swnd')}
              </th>
              <th scope="col" className="px-2 py-1 text-left">
                {t('phase')}
              </th>
              <th scope="col" className="px-2 py-1 text-left">
                {t('event')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.round}
                data-round={r.round}
                className={`border-b border-slate-200 dark:border-slate-800 ${
                  r.event ? 'bg-amber-50 dark:bg-amber-950/40' : ''
                }`}
              >
                <th scope="row" className={cell}>
                  {r.round}
                </th>
                <td className={cell} data-col="cwnd">
                  {r.cwnd}
                </td>
                <td className={cell}>{r.ssthresh}</td>
                <td className={cell}>{r.rwnd}</td>
                <td className={cell} data-col="swnd">
                  {r.swnd}
                </td>
                <td className="px-2 py-1">{t(`phases.${r.phase}`)}</td>
                <td className="px-2 py-1">{r.event ? t(`events.${r.event}`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
