'use client';
// Small forms over the run: sysctl overrides (the engine's --set) and a fault added to the
// scenario file.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SYSCTL_NAMES } from '@/lib/engine';
import type { Problem } from './page-client';

const field =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950';
const button = 'rounded border border-slate-300 px-2.5 py-1 text-sm dark:border-slate-600';

export function OverridesForm({
  endpoints,
  set,
  onChange,
  problem,
}: {
  endpoints: string[];
  set: string[];
  onChange: (set: string[]) => void;
  problem: Problem | null;
}) {
  const t = useTranslations('simulator');
  const [endpoint, setEndpoint] = useState('');
  const [name, setName] = useState<string>(SYSCTL_NAMES[0]);
  const [value, setValue] = useState('');
  const who = endpoint || endpoints[0] || '';
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 font-semibold">{t('sysctls')}</legend>
      <ul className="flex flex-wrap gap-2" data-testid="overrides">
        {set.map((entry, i) => (
          <li
            key={`${entry}${i}`}
            className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800"
          >
            {entry}
            <button
              type="button"
              aria-label={t('remove', { what: entry })}
              onClick={() => onChange(set.filter((_, j) => j !== i))}
              className="px-1"
            >
              ✕
            </button>
          </li>
        ))}
        {set.length === 0 ? (
          <li className="text-sm text-slate-500 dark:text-slate-400">{t('noOverrides')}</li>
        ) : null}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs">
          {t('endpoint')}
          <select
            className={field}
            value={who}
            onChange={(e) => setEndpoint(e.target.value)}
            data-testid="override-endpoint"
          >
            {endpoints.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs">
          {t('sysctl')}
          <select
            className={field}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="override-name"
          >
            {SYSCTL_NAMES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs">
          {t('value')}
          <input
            className={`${field} w-24`}
            value={value}
            inputMode="decimal"
            onChange={(e) => setValue(e.target.value)}
            data-testid="override-value"
          />
        </label>
        <button
          type="button"
          className={button}
          disabled={value.trim() === '' || who === ''}
          data-testid="override-add"
          onClick={() => {
            const k = `${who}.${name}`;
            onChange([...set.filter((s) => !s.startsWith(`${k}=`)), `${k}=${value.trim()}`]);
            setValue('');
          }}
        >
          {t('add')}
        </button>
      </div>
      {problem ? (
        <p
          role="alert"
          data-testid="set-problem"
          className="rounded bg-red-100 px-3 py-2 text-sm wrap-anywhere text-red-900 dark:bg-red-900/40 dark:text-red-100"
        >
          <code className="font-semibold">{problem.path.replace(/^--set /, '')}</code>:{' '}
          {problem.message}
        </p>
      ) : null}
    </fieldset>
  );
}

const MATCHES = ['pure_ack', 'data', 'flags', 'any'] as const;
const ACTIONS = ['drop', 'duplicate', 'delay'] as const;
type Match = (typeof MATCHES)[number];
type Action = (typeof ACTIONS)[number];

export function FaultForm({
  endpoints,
  onAdd,
}: {
  endpoints: string[];
  onAdd: (fault: Record<string, unknown>) => void;
}) {
  const t = useTranslations('simulator');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [match, setMatch] = useState<Match>('pure_ack');
  const [flags, setFlags] = useState('S');
  const [nth, setNth] = useState('1');
  const [action, setAction] = useState<Action>('drop');
  const [delay, setDelay] = useState('0.5');
  const src = from || endpoints[0] || '';
  const dst = to || endpoints.find((n) => n !== src) || '';
  const add = (): void => {
    const n = Number(nth);
    onAdd({
      from: src,
      to: dst,
      match: {
        ...(match === 'flags' ? { flags } : match === 'any' ? {} : { [match]: true }),
        ...(nth.trim() !== '' && Number.isInteger(n) && n >= 1 ? { nth: n } : {}),
      },
      action,
      ...(action === 'delay' ? { delay: Number(delay) } : {}),
    });
  };
  return (
    <fieldset
      className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      data-testid="fault-form"
    >
      <legend className="px-1 font-semibold">{t('addFault')}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs">
          {t('from')}
          <select
            className={field}
            value={src}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="fault-from"
          >
            {endpoints.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs">
          {t('to')}
          <select
            className={field}
            value={dst}
            onChange={(e) => setTo(e.target.value)}
            data-testid="fault-to"
          >
            {endpoints.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs">
          {t('match')}
          <select
            className={field}
            value={match}
            onChange={(e) => setMatch(MATCHES.find((m) => m === e.target.value) ?? 'any')}
            data-testid="fault-match"
          >
            <option value="pure_ack">{t('matchPureAck')}</option>
            <option value="data">{t('matchData')}</option>
            <option value="flags">{t('matchFlags')}</option>
            <option value="any">{t('matchAny')}</option>
          </select>
        </label>
        {match === 'flags' ? (
          <label className="flex flex-col gap-1 text-xs">
            {t('flags')}
            <input
              className={`${field} w-16 font-mono`}
              value={flags}
              onChange={(e) => setFlags(e.target.value)}
            />
          </label>
        ) : null}
        <label className="flex flex-col gap-1 text-xs">
          {t('nth')}
          <input
            className={`${field} w-16`}
            value={nth}
            inputMode="numeric"
            onChange={(e) => setNth(e.target.value)}
            data-testid="fault-nth"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs">
          {t('action')}
          <select
            className={field}
            value={action}
            onChange={(e) => setAction(ACTIONS.find((a) => a === e.target.value) ?? 'drop')}
            data-testid="fault-action"
          >
            <option value="drop">{t('actionDrop')}</option>
            <option value="duplicate">{t('actionDuplicate')}</option>
            <option value="delay">{t('actionDelay')}</option>
          </select>
        </label>
        {action === 'delay' ? (
          <label className="flex flex-col gap-1 text-xs">
            {t('delay')}
            <input
              className={`${field} w-20`}
              value={delay}
              inputMode="decimal"
              onChange={(e) => setDelay(e.target.value)}
            />
          </label>
        ) : null}
        <button
          type="button"
          className={button}
          onClick={add}
          disabled={!src || !dst}
          data-testid="fault-add"
        >
          {t('add')}
        </button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('faultHint')}</p>
    </fieldset>
  );
}
