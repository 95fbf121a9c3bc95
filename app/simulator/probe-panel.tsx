'use client';
// "What does a socket in this state do with this segment?": choose a state and a segment, and
// the playground builds the scenario (a scripted peer drives a Linux socket there) and runs it.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  PROBE_ACK,
  PROBE_FLAGS,
  PROBE_SEQ,
  PROBE_STATES,
  probeScenario,
  type ProbeAck,
  type ProbeFlags,
  type ProbeSeq,
  type ProbeSpec,
  type ProbeState,
  type ScenarioFile,
} from '@/lib/engine';

const field =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950';

/** The option of `list` equal to `value` (a select's value is a plain string). */
function pick<T extends string>(list: readonly T[], value: string, fallback: T): T {
  return list.find((x) => x === value) ?? fallback;
}

const MAX_LEN = 1400;

export function ProbePanel({ onBuild }: { onBuild: (file: ScenarioFile) => void }) {
  const t = useTranslations('simulator');
  const [spec, setSpec] = useState<ProbeSpec>({
    state: 'ESTABLISHED',
    flags: 'R',
    seq: 'in_window',
    ack: 'snd_nxt',
    len: 0,
  });
  const carriesAck = spec.flags.endsWith('.');
  const carriesData = spec.flags === '.' || spec.flags === 'P.' || spec.flags === 'F.';
  return (
    <details
      className="rounded-md border border-slate-200 dark:border-slate-800"
      data-testid="probe"
    >
      <summary className="cursor-pointer px-3 py-2 font-semibold">{t('probeTitle')}</summary>
      <div className="space-y-3 p-3">
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('probeIntro')}</p>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs">
            {t('probeState')}
            <select
              className={field}
              data-testid="probe-state"
              value={spec.state}
              onChange={(e) =>
                setSpec({
                  ...spec,
                  state: pick<ProbeState>(PROBE_STATES, e.target.value, 'ESTABLISHED'),
                })
              }
            >
              {PROBE_STATES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs">
            {t('probeFlags')}
            <select
              className={`${field} font-mono`}
              data-testid="probe-flags"
              value={spec.flags}
              onChange={(e) =>
                setSpec({ ...spec, flags: pick<ProbeFlags>(PROBE_FLAGS, e.target.value, 'R') })
              }
            >
              {PROBE_FLAGS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs">
            {t('probeSeq')}
            <select
              className={field}
              data-testid="probe-seq"
              value={spec.seq}
              onChange={(e) =>
                setSpec({ ...spec, seq: pick<ProbeSeq>(PROBE_SEQ, e.target.value, 'exact') })
              }
            >
              {PROBE_SEQ.map((s) => (
                <option key={s} value={s}>
                  {t(`probeSeqChoice.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {carriesAck ? (
            <label className="flex flex-col gap-1 text-xs">
              {t('probeAck')}
              <select
                className={field}
                data-testid="probe-ack"
                value={spec.ack}
                onChange={(e) =>
                  setSpec({ ...spec, ack: pick<ProbeAck>(PROBE_ACK, e.target.value, 'snd_nxt') })
                }
              >
                {PROBE_ACK.map((a) => (
                  <option key={a} value={a}>
                    {t(`probeAckChoice.${a}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {carriesData ? (
            <label className="flex flex-col gap-1 text-xs">
              {t('probeLen')}
              <input
                type="number"
                min={0}
                max={MAX_LEN}
                className={`${field} w-24`}
                data-testid="probe-len"
                value={spec.len}
                onChange={(e) => {
                  const n = Math.trunc(Number(e.target.value));
                  setSpec({
                    ...spec,
                    len: Number.isFinite(n) ? Math.min(Math.max(n, 0), MAX_LEN) : 0,
                  });
                }}
              />
            </label>
          ) : null}
          <button
            type="button"
            data-testid="probe-run"
            className="bg-brand-700 rounded px-3 py-1.5 text-sm font-medium text-white"
            onClick={() => onBuild(probeScenario(carriesData ? spec : { ...spec, len: 0 }))}
          >
            {t('probeRun')}
          </button>
        </div>
      </div>
    </details>
  );
}
