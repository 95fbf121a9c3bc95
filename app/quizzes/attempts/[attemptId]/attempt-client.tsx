'use client';
// Taking an attempt: the questions (practice's question view), each answer saved as it is
// entered with its own saved/saving/error mark, the server's countdown, and submit with a
// confirmation. When time runs out the page sends what is waiting and submits.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { toResponse, type Draft } from '@/app/practice/draft';
import { QuestionView } from '@/app/practice/question-view';
import type { PublicQuestion } from '@/lib/questions';
import { BUTTON, NOTICE } from '../../_lib/styles';
import { saveAnswer, submitAttempt } from './api';
import { Autosave, type SaveStatus } from './autosave';
import { deadlineFrom } from './countdown';
import { draftFrom, isTyped } from './draft-response';
import { SubmitDialog } from './submit-dialog';
import { Timer } from './timer';

export type AttemptQuestionProps = {
  position: number;
  points: number;
  question: PublicQuestion;
  response: unknown;
};

type Phase = 'taking' | 'confirm' | 'submitting';

const STATUS_TONE: Record<SaveStatus, string> = {
  idle: 'text-slate-600 dark:text-slate-400',
  incomplete: 'text-slate-600 dark:text-slate-400',
  pending: 'text-slate-600 dark:text-slate-400',
  saving: 'text-slate-600 dark:text-slate-400',
  saved: 'text-emerald-800 dark:text-emerald-300',
  retrying: 'text-red-700 dark:text-red-300',
  rejected: 'text-red-700 dark:text-red-300',
};

export function AttemptClient({
  attemptId,
  title,
  number,
  secondsLeft,
  questions,
}: {
  attemptId: string;
  title: string;
  number: number;
  secondsLeft: number | null;
  questions: AttemptQuestionProps[];
}) {
  const t = useTranslations('quizzes');
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    questions.map((q) => draftFrom(q.question, q.response)),
  );
  const [deadlineMs, setDeadlineMs] = useState<number | null>(() =>
    secondsLeft === null ? null : deadlineFrom(secondsLeft, performance.now()),
  );
  const [phase, setPhase] = useState<Phase>('taking');
  const [notice, setNotice] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const reviewUrl = `/quizzes/attempts/${attemptId}/review`;

  // The attempt ends from the page when the timer reaches zero or a save finds it closed.
  const [ended, setEnded] = useState(false);
  const [autosave] = useState(
    () =>
      new Autosave(
        (position, response, rev) => saveAnswer(attemptId, position, response, rev),
        {
          onChange: () => setVersion((v) => v + 1),
          onSecondsLeft: (s) =>
            setDeadlineMs(s === null ? null : deadlineFrom(s, performance.now())),
          onClosed: () => setEnded(true),
          onUnauthenticated: () => setNotice('signedOut'),
        },
        questions.filter((q) => q.response !== null).map((q) => q.position),
      ),
  );
  const onExpire = useCallback(() => setEnded(true), []);
  useEffect(() => {
    if (!ended) return;
    // Send what waits (the server accepts saves for a few seconds past the deadline),
    // submit, and show the result; the server would submit on the next visit anyway.
    let cancelled = false;
    void (async () => {
      await autosave.flush(4000);
      autosave.stop();
      const done = await submitAttempt(attemptId);
      if (!cancelled) router.replace(done.ok ? done.reviewUrl : reviewUrl);
    })();
    return () => {
      cancelled = true;
    };
  }, [ended, autosave, attemptId, router, reviewUrl]);

  useEffect(() => {
    // Leaving with unsaved answers asks first; saved ones are on the server already.
    const warn = (event: BeforeUnloadEvent) => {
      if (autosave.unsaved().length > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [autosave]);

  const onDraft = (index: number, draft: Draft) => {
    const q = questions[index]!;
    setDrafts((all) => all.map((d, i) => (i === index ? draft : d)));
    const response = toResponse(q.question, draft);
    if (response === null) autosave.incomplete(q.position);
    else autosave.change(q.position, response, isTyped(q.question));
  };

  const unanswered = questions
    .map((q, i) => (toResponse(q.question, drafts[i]!) === null ? i + 1 : null))
    .filter((n): n is number => n !== null);
  const unsavedPositions = new Set(autosave.unsaved());
  const unsaved = questions
    .map((q, i) => (unsavedPositions.has(q.position) ? i + 1 : null))
    .filter((n): n is number => n !== null);
  const failing = questions.some((q) => autosave.status(q.position) === 'retrying');

  const confirm = async () => {
    setPhase('submitting');
    await autosave.flush(5000);
    const done = await submitAttempt(attemptId);
    if (done.ok) {
      autosave.stop();
      router.replace(done.reviewUrl);
      return;
    }
    setNotice('submitFailed');
    setPhase('confirm');
  };

  const busy = phase === 'submitting' || ended;
  return (
    <section className="space-y-6">
      <header className="sticky top-0 z-10 flex items-start justify-between gap-4 border-b border-slate-200 bg-white/95 py-3 dark:border-slate-700 dark:bg-slate-950/95">
        <div>
          <h1 className="text-2xl font-bold">{title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t('quiz.attemptNumber', { number })}
          </p>
        </div>
        {deadlineMs !== null ? <Timer deadlineMs={deadlineMs} onExpire={onExpire} /> : null}
      </header>
      <div role="status" aria-live="polite">
        {ended ? (
          <p className={NOTICE} data-testid="time-up">
            {t('attempt.timeUp')}
          </p>
        ) : failing ? (
          <p className={NOTICE} data-testid="unsaved-banner">
            {t('attempt.unsavedBanner')}
          </p>
        ) : notice ? (
          <p className={NOTICE}>{t(`attempt.notice.${notice}`)}</p>
        ) : null}
      </div>
      <ol className="space-y-8">
        {questions.map((q, i) => {
          const status = autosave.status(q.position);
          const message = autosave.message(q.position);
          return (
            <li
              key={q.position}
              className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700"
              data-testid="attempt-question"
              data-kind={q.question.kind}
              data-position={q.position}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`question-${q.position}-title`} className="font-semibold">
                  {t('attempt.questionTitle', { number: i + 1, points: q.points })}
                </h2>
                <p
                  className={`text-sm ${STATUS_TONE[status]}`}
                  data-testid="save-status"
                  data-status={status}
                >
                  {t(`save.${status}`)}
                  {message ? `: ${message}` : ''}
                </p>
              </div>
              {/* Its own form, so each question's radio buttons form their own group. */}
              <form
                onSubmit={(e) => e.preventDefault()}
                aria-labelledby={`question-${q.position}-title`}
              >
                <QuestionView
                  question={q.question}
                  draft={drafts[i]!}
                  onDraft={(d) => onDraft(i, d)}
                  disabled={busy}
                />
              </form>
            </li>
          );
        })}
      </ol>
      <div className="flex items-center gap-4">
        <button
          type="button"
          className={BUTTON}
          disabled={busy}
          onClick={() => setPhase('confirm')}
          data-testid="submit-attempt"
        >
          {t('attempt.submit')}
        </button>
        {unsaved.length > 0 ? (
          <span className="text-sm">{t('attempt.unsavedCount', { count: unsaved.length })}</span>
        ) : null}
      </div>
      <SubmitDialog
        open={phase === 'confirm' || phase === 'submitting'}
        unanswered={unanswered}
        unsaved={unsaved}
        busy={phase === 'submitting'}
        onConfirm={() => void confirm()}
        onCancel={() => setPhase('taking')}
      />
    </section>
  );
}
