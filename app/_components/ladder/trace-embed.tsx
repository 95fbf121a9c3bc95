'use client';
// A catalog scenario simulated in the browser and shown as a ladder diagram: what a lesson's
// `<div class="trace-embed" data-scenario data-seed data-profile data-compare>` mounts.
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { simulateNamed, type Profile, type Trace } from '@/lib/engine';
import { LadderPlayer } from './ladder-player';

export interface TraceEmbedProps {
  scenario: string;
  seed?: number | string;
  profile?: Profile;
  /** Show the other profile's run beside this one. */
  compare?: Profile | boolean;
  /** Ask for each segment before showing it. */
  predict?: boolean;
}

function run(scenario: string, seed: number | string, profile: Profile | undefined): Trace | Error {
  try {
    return simulateNamed(scenario, { seed, ...(profile ? { profile } : {}) });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function TraceEmbed({
  scenario,
  seed = 1,
  profile,
  compare,
  predict = false,
}: TraceEmbedProps) {
  const t = useTranslations('ladder');
  const main = useMemo(() => run(scenario, seed, profile), [scenario, seed, profile]);
  const otherProfile: Profile | null =
    compare === true ? (profile === 'rfc' ? 'linux' : 'rfc') : compare ? compare : null;
  const other = useMemo(
    () => (otherProfile ? run(scenario, seed, otherProfile) : null),
    [scenario, seed, otherProfile],
  );
  const traces = [main, ...(other ? [other] : [])];
  return (
    <div className={traces.length > 1 ? 'grid gap-4 lg:grid-cols-2' : ''}>
      {traces.map((trace, i) =>
        trace instanceof Error ? (
          <p
            key={i}
            role="alert"
            className="rounded bg-red-100 p-3 text-sm text-red-900 dark:bg-red-900/40 dark:text-red-100"
          >
            {t('embedError', { scenario, message: trace.message })}
          </p>
        ) : (
          <LadderPlayer
            key={`${trace.profile}-${i}`}
            trace={trace}
            start="begin"
            predict={predict && i === 0}
            testId={i === 0 ? 'ladder-player' : 'ladder-player-compare'}
          />
        ),
      )}
    </div>
  );
}
