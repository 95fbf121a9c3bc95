'use client';
// The practice session: choose topics and a difficulty, then an endless run of questions,
// each graded (and, when signed in, stored) on the server before the next one appears.
// Number keys choose options; Enter submits and then continues.
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useEffectEvent, useRef, useState, useTransition } from 'react';
import {
  answerAction,
  nextQuestionAction,
  type AnswerResult,
  type NextQuestionResult,
} from './actions';
import { chooseByNumber, EMPTY_DRAFT, toResponse, type Draft } from './draft';
import { FeedbackView } from './feedback-view';
import { LazyQuestionTrace, loadQuestionTrace } from './lazy-question-trace';
import { QuestionForm } from './question-form';
import type { VisitorProgress } from './schema';

type DifficultyChoice = 1 | 2 | 3 | 'adaptive';
type Current = Extract<NextQuestionResult, { ok: true }>;
type Graded = Extract<AnswerResult, { ok: true }>;

type Props = {
  signedIn: boolean;
  /** Topics a template covers, in vocabulary order. */
  topics: string[];
  topicNames: Record<string, string>;
  initialTopics: string[];
  /** Start at once (a lesson link named its topics). */
  autoStart: boolean;
};

function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement)
    return target.type !== 'radio' && target.type !== 'checkbox';
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function PracticeClient({ signedIn, topics, topicNames, initialTopics, autoStart }: Props) {
  const t = useTranslations('practice');
  const [chosen, setChosen] = useState<string[]>(initialTopics);
  const [difficulty, setDifficulty] = useState<DifficultyChoice>('adaptive');
  const [phase, setPhase] = useState<'setup' | 'question' | 'feedback'>('setup');
  const [current, setCurrent] = useState<Current | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [graded, setGraded] = useState<Graded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [session, setSession] = useState({ answered: 0, correct: 0 });
  const [pending, startTransition] = useTransition();
  const visitor = useRef<VisitorProgress | null>(null);
  const focusTarget = useRef<HTMLDivElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  const topicName = useCallback((topic: string) => topicNames[topic] ?? topic, [topicNames]);

  const loadNext = useCallback(() => {
    startTransition(async () => {
      // The diagram's code loads beside the question (once per page), not before the page.
      const diagram = loadQuestionTrace().catch(() => null);
      if (!signedIn && !visitor.current) {
        // A visitor's stored progress (and the schema that checks it) loads on first use,
        // outside the JavaScript the page needs to appear.
        const { loadVisitorProgress } = await import('./local-progress');
        visitor.current ??= loadVisitorProgress();
      }
      const result = await nextQuestionAction({
        topics: chosen,
        difficulty,
        ...(signedIn || !visitor.current ? {} : { visitor: visitor.current }),
      });
      // A question with a trace appears with its diagram, not above a space that fills later.
      if (result.ok && result.question.trace) await diagram;
      // Updates after an await belong to the transition only when wrapped again; wrapped, the
      // question appears in the same render that ends `pending`, so no key pressed once it is
      // on screen meets a pending session and is ignored.
      startTransition(() => {
        if (!result.ok) {
          setError(result.error === 'limited' ? result.message : t(`error.${result.error}`));
          return;
        }
        setError(null);
        setCurrent(result);
        setDraft(EMPTY_DRAFT);
        setGraded(null);
        setPhase('question');
      });
    });
  }, [chosen, difficulty, signedIn, t]);

  const submit = useCallback(() => {
    if (!current || pending) return;
    const response = toResponse(current.question, draft);
    if (response === null) {
      setError(t('incomplete'));
      return;
    }
    startTransition(async () => {
      const result = await answerAction({
        ticket: current.ticket,
        response,
        ...(signedIn || !visitor.current
          ? {}
          : { visitorMastery: visitor.current.mastery, visitorKey: visitor.current.key }),
      });
      if (!result.ok) {
        startTransition(() =>
          setError(result.error === 'invalid' ? t('error.invalid') : result.message),
        );
        return;
      }
      if (!signedIn && visitor.current) {
        const [{ recordVisitorAnswer }, { recordLocalAnswer }] = await Promise.all([
          import('./local-progress'),
          import('./local-answers'),
        ]);
        const visitorKey = visitor.current.key;
        visitor.current = recordVisitorAnswer(
          visitor.current,
          result.question,
          result.correct,
          result.mastery,
        );
        // Kept as given, so that signing in can move it into the account (graded again).
        recordLocalAnswer(current.ticket, visitorKey, response, new Date(), {
          correct: result.correct,
          topics: result.mastery.map((m) => m.topic),
          template: result.question.template,
        });
      }
      // As in loadNext: the feedback (and its Enter for the next question) appears as
      // `pending` ends.
      startTransition(() => {
        setError(null);
        setGraded(result);
        setSession((s) => ({
          answered: s.answered + 1,
          correct: s.correct + (result.correct ? 1 : 0),
        }));
        setPhase('feedback');
      });
    });
  }, [current, draft, pending, signedIn, t]);

  // A lesson link (?topics=…) starts the session straight away.
  const started = useRef(false);
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      loadNext();
    }
  }, [autoStart, loadNext]);

  // Focus follows the session so the keyboard always acts on what is shown.
  useEffect(() => {
    if (phase === 'question') focusTarget.current?.focus();
    if (phase === 'feedback') nextButton.current?.focus();
  }, [phase, current]);

  // One listener for the page's life; the effect event reads the state of the latest
  // render, so a key pressed right after a new question or card appears is not lost to a
  // listener still holding the previous render's state.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || pending) return;
    if (event.key === 'Enter') {
      // A focused button handles Enter itself (a click); in a typed answer Enter submits.
      if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLSelectElement)
        return;
      if (phase === 'question') {
        event.preventDefault();
        submit();
      } else if (phase === 'feedback') {
        event.preventDefault();
        loadNext();
      }
      return;
    }
    if (phase === 'question' && current && /^[1-9]$/.test(event.key) && !isTyping(event.target)) {
      event.preventDefault();
      setDraft((d) => chooseByNumber(current.question, d, Number(event.key)));
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (phase === 'setup') {
    return (
      <form
        className="max-w-3xl space-y-4"
        data-testid="practice-setup"
        onSubmit={(e) => {
          e.preventDefault();
          loadNext();
        }}
      >
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t('topics')}</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={chosen.length === 0}
              onChange={() => setChosen([])}
              data-testid="practice-mixed"
            />
            {t('mixed')}
          </label>
          <div className="grid grid-cols-1 gap-1 sm:grid-cols-2 md:grid-cols-3">
            {topics.map((topic) => (
              <label key={topic} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  value={topic}
                  checked={chosen.includes(topic)}
                  onChange={() =>
                    setChosen((c) =>
                      c.includes(topic) ? c.filter((x) => x !== topic) : [...c, topic],
                    )
                  }
                />
                {topicName(topic)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2">
          <span className="font-semibold">{t('difficulty')}</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            value={String(difficulty)}
            onChange={(e) => {
              const v = e.target.value;
              setDifficulty(v === '1' ? 1 : v === '2' ? 2 : v === '3' ? 3 : 'adaptive');
            }}
            data-testid="practice-difficulty"
          >
            {(['adaptive', 1, 2, 3] as const).map((d) => (
              <option key={d} value={String(d)}>
                {t('difficultyOption', { level: String(d) })}
              </option>
            ))}
          </select>
        </label>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {signedIn ? t('savedNote') : t('visitorNote')}
        </p>
        {error ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="bg-brand-600 rounded px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {t('start')}
        </button>
      </form>
    );
  }

  return (
    <div className="max-w-4xl space-y-4" data-testid="practice-session">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
        <span>{signedIn ? t('savedNote') : t('visitorNote')}</span>
        <span data-testid="practice-score">
          {t('sessionScore', { correct: session.correct, total: session.answered })}
        </span>
        <button type="button" className="underline" onClick={() => setPhase('setup')}>
          {t('changeTopics')}
        </button>
      </div>
      {current ? (
        <div
          ref={focusTarget}
          tabIndex={-1}
          className="space-y-4 outline-none"
          data-testid="practice-question"
          data-template={current.question.template}
          data-kind={current.question.kind}
          // How many answers the learner had stored before this question: tells two
          // questions apart even when their texts happen to be the same.
          data-position={current.position}
        >
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {current.reason === 'retry'
              ? t('reasonRetry')
              : t('reasonWeakest', { topic: topicName(current.topic) })}
          </p>
          <QuestionForm
            question={current.question}
            draft={draft}
            onDraft={setDraft}
            disabled={phase !== 'question' || pending}
            diagram={
              current.question.trace ? (
                // Keyed by the question (its ticket): each question's diagram starts afresh
                // on its own trace, never on the step the previous one was left at.
                <LazyQuestionTrace
                  key={current.ticket}
                  trace={current.question.trace}
                  title={t('traceTitle')}
                  numbering={current.question.numbering}
                />
              ) : null
            }
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : null}
      {phase === 'question' ? (
        <div>
          <button
            type="button"
            disabled={pending}
            onClick={submit}
            className="bg-brand-600 rounded px-4 py-2 font-semibold text-white disabled:opacity-60"
            data-testid="practice-submit"
          >
            {t('submit')}
          </button>
          <span className="ml-3 text-sm text-slate-500">{t('keyboardHint')}</span>
        </div>
      ) : null}
      {phase === 'feedback' && current && graded ? (
        <>
          <FeedbackView question={current.question} result={graded} topicName={topicName} />
          <button
            ref={nextButton}
            type="button"
            disabled={pending}
            onClick={loadNext}
            className="bg-brand-600 rounded px-4 py-2 font-semibold text-white disabled:opacity-60"
            data-testid="practice-next"
          >
            {t('next')}
          </button>
        </>
      ) : null}
    </div>
  );
}
