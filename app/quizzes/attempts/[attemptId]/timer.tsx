'use client';
// The countdown: a visible clock each second, and a polite live region that speaks only when
// the whole minutes change and once more just before the end. Calls onExpire once at zero.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { announcement, clock, remainingSec } from './countdown';

export function Timer({ deadlineMs, onExpire }: { deadlineMs: number; onExpire: () => void }) {
  const t = useTranslations('quizzes');
  const [now, setNow] = useState(() => performance.now());
  const expired = useRef(false);
  const left = remainingSec(deadlineMs, now);
  useEffect(() => {
    const id = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (left === 0 && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [left, onExpire]);
  const said = announcement(left);
  return (
    <div className="text-right">
      <p
        className="font-mono text-2xl tabular-nums"
        data-testid="timer"
        aria-hidden="true"
        // The server renders its own clock a moment earlier: the seconds may differ.
        suppressHydrationWarning
      >
        {clock(left)}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('attempt.timeLeft')}</p>
      <p className="sr-only" aria-live="polite" data-testid="timer-announcement">
        {said.key === 'final'
          ? t('attempt.finalWarning')
          : t('attempt.minutesLeft', { count: said.minutes })}
      </p>
    </div>
  );
}
