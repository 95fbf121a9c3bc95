'use client';
// Each endpoint's sockets and the states they went through, with the time of each change.
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { Trace } from '@/lib/engine';
import { STATE_CHIP } from '@/app/_components/ladder';
import { formatTime, orderEndpoints } from '@/lib/trace-export';

export function StateTimeline({ trace, until = Infinity }: { trace: Trace; until?: number }) {
  const t = useTranslations('simulator');
  const headingId = useId();
  const tracks = orderEndpoints(trace).flatMap((endpoint) => {
    const own = trace.states.filter((s) => s.endpoint === endpoint && s.t < until);
    const keys = [
      ...new Set(own.map((s) => (s.socket === 'listener' ? 'listener' : String(s.cport)))),
    ];
    return keys.map((k) => ({
      endpoint,
      socket: k === 'listener' ? t('listener') : `:${k}`,
      states: own.filter((s) => (s.socket === 'listener' ? 'listener' : String(s.cport)) === k),
    }));
  });
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="font-semibold">
        {t('stateTimeline')}
      </h3>
      <ul data-testid="state-timeline" className="space-y-2 text-xs">
        {tracks.slice(0, 24).map((track) => (
          <li
            key={`${track.endpoint}${track.socket}`}
            className="flex flex-wrap items-center gap-1"
          >
            <span className="w-28 shrink-0 font-medium">
              {track.endpoint}{' '}
              <span className="text-slate-500 dark:text-slate-400">{track.socket}</span>
            </span>
            {track.states.map((s, i) => (
              <span key={i} className="flex items-center gap-1">
                {i > 0 ? <span aria-hidden="true">→</span> : null}
                <span className={`rounded px-1.5 py-0.5 font-mono ${STATE_CHIP[s.state]}`}>
                  {s.state} <span className="font-normal">{formatTime(s.t)}</span>
                </span>
              </span>
            ))}
          </li>
        ))}
      </ul>
      {tracks.length > 24 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {t('moreSockets', { count: tracks.length - 24 })}
        </p>
      ) : null}
    </section>
  );
}
