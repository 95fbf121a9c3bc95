'use client';
// Loads the attempt's questions and saved answers as JSON once the page shell is shown, then
// hands them to the attempt view; a failed load can be retried without leaving the page.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { BUTTON, NOTICE } from '../../_lib/styles';
import { loadAttempt, type LoadedAttempt } from './api';
import { AttemptClient } from './attempt-client';

export function AttemptLoader({
  attemptId,
  title,
  locale,
}: {
  attemptId: string;
  title: string;
  locale: string;
}) {
  const t = useTranslations('quizzes');
  const router = useRouter();
  const [loaded, setLoaded] = useState<LoadedAttempt | null>(null);
  // Each press of "try again" is a new load.
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void loadAttempt(attemptId, locale).then((result) => {
      if (!cancelled) setLoaded(result);
    });
    return () => {
      cancelled = true;
    };
  }, [attemptId, locale, tries]);
  const reload = () => {
    setLoaded(null);
    setTries((n) => n + 1);
  };
  useEffect(() => {
    if (loaded?.kind === 'ended') router.replace(`/quizzes/attempts/${attemptId}/review`);
  }, [loaded, attemptId, router]);

  if (loaded?.kind === 'taking') {
    return (
      <AttemptClient
        attemptId={attemptId}
        title={loaded.title}
        number={loaded.number}
        secondsLeft={loaded.secondsLeft}
        questions={loaded.questions}
      />
    );
  }
  const heading = <h1 className="text-2xl font-bold">{title}</h1>;
  if (loaded?.kind === 'failed' || loaded?.kind === 'unauthenticated') {
    return (
      <div className="space-y-3" role="alert">
        {heading}
        <p className={NOTICE}>
          {loaded.kind === 'failed' ? t('attempt.loadFailed') : t('attempt.notice.signedOut')}
        </p>
        <button type="button" className={BUTTON} onClick={reload} data-testid="attempt-reload">
          {t('attempt.reload')}
        </button>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {heading}
      <p role="status" aria-busy="true" className="text-slate-600 dark:text-slate-400">
        {t('attempt.loading')}
      </p>
    </div>
  );
}
