'use client';
// Asks the learner for the next segment before it is revealed: its flags (required), its
// ack number and the sender's state afterwards (both optional).
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { TCP_STATES, type TcpState } from '@/lib/engine';
import type { Guess } from './steps';

export function PredictionForm({
  choices,
  from,
  to,
  onGuess,
  onSkip,
}: {
  choices: string[];
  from: string;
  to: string;
  onGuess: (guess: Guess) => void;
  onSkip: () => void;
}) {
  const t = useTranslations('ladder');
  const id = useId();
  const [flags, setFlags] = useState<string | null>(null);
  const [ack, setAck] = useState('');
  const [state, setState] = useState<TcpState | ''>('');
  return (
    <form
      data-testid="prediction"
      className="border-brand-500/40 bg-brand-50 space-y-3 rounded-md border p-3 text-sm dark:bg-slate-900"
      onSubmit={(event) => {
        event.preventDefault();
        if (flags === null) return;
        onGuess({
          flags,
          ack: ack.trim() === '' ? null : Number(ack),
          state: state === '' ? null : state,
        });
      }}
    >
      <p className="font-medium">{t('predictQuestion', { from, to })}</p>
      <fieldset>
        <legend className="mb-1">{t('flags')}</legend>
        <div className="flex flex-wrap gap-1.5">
          {choices.map((c) => (
            <label
              key={c}
              className={`has-[:focus-visible]:outline-brand-500 cursor-pointer rounded border px-2 py-1 font-mono has-[:focus-visible]:outline-2 ${
                flags === c
                  ? 'border-brand-600 bg-brand-600 text-white'
                  : 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-950'
              }`}
            >
              <input
                type="radio"
                name={`${id}-flags`}
                value={c}
                checked={flags === c}
                onChange={() => setFlags(c)}
                className="sr-only"
              />
              {c}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <label className="flex items-center gap-2">
          {t('ackOptional')}
          <input
            type="number"
            inputMode="numeric"
            value={ack}
            onChange={(e) => setAck(e.target.value)}
            className="w-24 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
          />
        </label>
        <label className="flex items-center gap-2">
          {t('stateOptional', { endpoint: from })}
          <select
            value={state}
            onChange={(e) => setState(TCP_STATES.find((s) => s === e.target.value) ?? '')}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
          >
            <option value="">—</option>
            {TCP_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={flags === null}
          className="bg-brand-600 rounded px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {t('check')}
        </button>
        <button
          type="button"
          onClick={onSkip}
          className="rounded border border-slate-300 px-3 py-1.5 dark:border-slate-600"
        >
          {t('reveal')}
        </button>
      </div>
    </form>
  );
}
