'use client';
// The interactive ladder diagram: step (buttons, ← / →, Home / End), play, jump to an event
// from the list, relative or absolute sequence numbers, and an optional predict mode that
// asks for each segment before showing it. A new trace starts afresh (step, play, predict).
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Trace, TraceSegment } from '@/lib/engine';
import {
  formatTime,
  segmentLabel,
  sortedSegments,
  timeline,
  type Numbering,
} from '@/lib/trace-export';
import { EventList } from './event-list';
import { layoutLadder } from './layout';
import { LadderHeader, LadderSvg } from './ladder-svg';
import { useNumberingPreference } from './numbering';
import { PredictionForm } from './prediction-form';
import {
  clampStep,
  cutoffAt,
  flagChoices,
  gradeGuess,
  senderStateAfter,
  type Grade,
} from './steps';

export interface LadderPlayerProps {
  trace: Trace;
  /** Heading of the diagram (defaults to scenario · seed · profile). */
  title?: string;
  /** Start on the first step (lessons) or show the whole trace (playground). */
  start?: 'begin' | 'end';
  /** Open in predict mode. */
  predict?: boolean;
  /** Show the text list of events under the diagram (the diagram's text alternative). */
  showList?: boolean;
  testId?: string;
  /** Told the time up to which the diagram is shown (Infinity: all), e.g. to keep a state table in step. */
  onCutoffChange?: (cutoff: number) => void;
  /**
   * The numbering the text beside the diagram uses (a question's stem and key): the diagram
   * starts in it. Without it, the diagram starts in the reader's last choice.
   */
  numbering?: Numbering;
}

const PLAY_MS = 800;

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function LadderPlayer({
  trace,
  title,
  start = 'end',
  predict: predictInitially = false,
  showList = true,
  testId = 'ladder-player',
  onCutoffChange,
  numbering: textNumbering,
}: LadderPlayerProps) {
  const t = useTranslations('ladder');
  const segments = useMemo(() => sortedSegments(trace), [trace]);
  const items = useMemo(() => timeline(trace), [trace]);
  const total = segments.length;
  const firstStep = start === 'begin' || predictInitially ? 0 : total;
  const [rawStep, setStep] = useState(firstStep);
  // Never past the end, whatever a previous trace or a late timer left behind.
  const step = clampStep(rawStep, total);
  const [playing, setPlaying] = useState(false);
  const [predict, setPredict] = useState(predictInitially);
  const [feedback, setFeedback] = useState<{ step: number; grade: Grade; actual: string } | null>(
    null,
  );
  const [preferred, setPreferred] = useNumberingPreference();
  // This view's own toggle, once used; until then the text's numbering, else the reader's.
  const [toggled, setToggled] = useState<Numbering | null>(null);
  const numbering = toggled ?? textNumbering ?? preferred;

  // A new trace (the next question, another preview, a new run) starts afresh: what the
  // previous one's step, play, prediction or numbering left must not show beside it.
  const [shownTrace, setShownTrace] = useState(trace);
  if (shownTrace !== trace) {
    setShownTrace(trace);
    setStep(firstStep);
    setPlaying(false);
    setPredict(predictInitially);
    setFeedback(null);
    setToggled(null);
  }

  const [scrollRef, width] = useWidth<HTMLDivElement>();
  const sectionRef = useRef<HTMLElement>(null);
  const layout = useMemo(() => layoutLadder(trace, width, numbering), [trace, width, numbering]);
  const cutoff = cutoffAt(segments, step);
  const next = step < total ? segments[step] : undefined;
  const asking = predict && next !== undefined && !playing;

  useEffect(() => {
    onCutoffChange?.(cutoff);
  }, [cutoff, onCutoffChange]);

  const go = (k: number): void => setStep(clampStep(k, total));

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setStep((k) => {
        if (k >= total) {
          setPlaying(false);
          return k;
        }
        return k + 1;
      });
    }, PLAY_MS);
    return () => clearInterval(timer);
  }, [playing, total]);

  // Keep the newest step in view inside the scrolling diagram (the first view starts at the top).
  const shownStep = useRef(step);
  const scrolledTrace = useRef(trace);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || scrolledTrace.current === trace) return;
    // A new trace's first view starts at the top, like the first trace's.
    scrolledTrace.current = trace;
    shownStep.current = step;
    el.scrollTop = 0;
  }, [scrollRef, step, trace]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || shownStep.current === step) return;
    shownStep.current = step;
    const y = Number.isFinite(cutoff) ? layout.yAt(cutoff) : layout.height;
    if (y > el.scrollTop + el.clientHeight - 40 || y < el.scrollTop)
      el.scrollTop = Math.max(0, y - el.clientHeight / 2);
  }, [cutoff, layout, scrollRef, step]);

  const multiConn = useMemo(() => new Set(segments.map((s) => s.cport)).size > 1, [segments]);
  const describe = (s: TraceSegment): string =>
    [
      t('segmentDescription', {
        from: s.from,
        to: s.to,
        label: segmentLabel(s, numbering),
        time: formatTime(s.t),
      }),
      ...(multiConn ? [t('connection', { port: s.cport })] : []),
      ...(s.dropped ? [t('lost')] : []),
      ...(s.why !== undefined ? [t('retransmission', { why: s.why })] : []),
    ].join(' — ');

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowRight: step + 1,
      ArrowLeft: step - 1,
      Home: 0,
      End: total,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    setPlaying(false);
    if (asking && target > step) {
      // Answer (or reveal) first: take the learner to the question.
      sectionRef.current
        ?.querySelector<HTMLInputElement>('[data-testid=prediction] input')
        ?.focus();
      return;
    }
    go(target);
  };

  const latest = step > 0 ? segments[step - 1] : undefined;
  const heading =
    title ??
    t('title', { scenario: trace.scenario, seed: String(trace.seed), profile: trace.profile });
  const button =
    'rounded border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800';

  return (
    <section
      ref={sectionRef}
      data-testid={testId}
      data-step={step}
      data-total={total}
      data-numbering={numbering}
      className="space-y-3"
    >
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={button}
          onClick={() => go(0)}
          disabled={step === 0}
          aria-label={t('first')}
        >
          ⇤
        </button>
        <button
          type="button"
          className={button}
          onClick={() => go(step - 1)}
          disabled={step === 0}
          aria-label={t('previous')}
        >
          ←
        </button>
        <button
          type="button"
          className={button}
          data-testid="play"
          onClick={() => {
            if (!playing && step >= total) setStep(0);
            setPlaying(!playing);
          }}
          aria-label={playing ? t('pause') : t('play')}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button
          type="button"
          className={button}
          data-testid="next"
          onClick={() => go(step + 1)}
          disabled={step >= total || asking}
          aria-label={t('next')}
        >
          →
        </button>
        <button
          type="button"
          className={button}
          onClick={() => go(total)}
          disabled={step >= total || asking}
          aria-label={t('last')}
        >
          ⇥
        </button>
        <span
          data-testid="step-counter"
          className="text-sm text-slate-600 tabular-nums dark:text-slate-300"
        >
          {t('step', { step, total })}
        </span>
        <label className="ml-auto flex items-center gap-1.5 text-sm" title={t('numberingHint')}>
          <input
            type="checkbox"
            data-testid="numbering-toggle"
            checked={numbering === 'absolute'}
            onChange={(e) => {
              const next = e.target.checked ? 'absolute' : 'relative';
              setToggled(next);
              setPreferred(next);
            }}
          />
          {t('absoluteNumbers')}
        </label>
        <label className="flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            data-testid="predict-toggle"
            checked={predict}
            onChange={(e) => {
              setPredict(e.target.checked);
              setFeedback(null);
              setPlaying(false);
              if (e.target.checked && step >= total) setStep(0);
            }}
          />
          {t('predictMode')}
        </label>
      </div>

      <div
        ref={scrollRef}
        tabIndex={0}
        role="group"
        aria-roledescription={t('diagramRole')}
        aria-label={`${heading}. ${t('keys')}`}
        onKeyDown={onKeyDown}
        data-testid="ladder-scroll"
        className="max-h-[70vh] overflow-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
      >
        <div
          className="sticky top-0 z-10 bg-white/95 dark:bg-slate-950/95"
          style={{ width: layout.width }}
        >
          <LadderHeader layout={layout} />
        </div>
        <LadderSvg
          layout={layout}
          revealed={step}
          cutoff={cutoff}
          title={heading}
          describeSegment={describe}
        />
      </div>
      <p aria-live="polite" className="sr-only">
        {latest ? `${t('step', { step, total })}: ${describe(latest)}` : t('step', { step, total })}
      </p>

      {feedback && feedback.step === step ? (
        <p
          data-testid="prediction-feedback"
          data-correct={feedback.grade.correct ? 'true' : 'false'}
          role="status"
          className={`rounded-md px-3 py-2 text-sm ${
            feedback.grade.correct
              ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100'
              : 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-100'
          }`}
        >
          {feedback.grade.correct ? t('right') : t('wrong')}{' '}
          {t('actual', { label: feedback.actual })}
          {feedback.grade.ack === false ? ` ${t('ackWrong')}` : ''}
          {feedback.grade.state === false ? ` ${t('stateWrong')}` : ''}
        </p>
      ) : null}

      {asking && next ? (
        <PredictionForm
          key={step}
          choices={flagChoices(trace)}
          from={next.from}
          to={next.to}
          onGuess={(guess) => {
            const grade = gradeGuess(trace, next, guess, numbering);
            const state = senderStateAfter(trace, next);
            setFeedback({
              step: step + 1,
              grade,
              actual: `${next.from} → ${next.to}: ${segmentLabel(next, numbering)}${state ? ` (${next.from}: ${state})` : ''}`,
            });
            go(step + 1);
          }}
          onSkip={() => {
            setFeedback(null);
            go(step + 1);
          }}
        />
      ) : null}

      {showList ? (
        <EventList
          items={items}
          segments={segments}
          step={step}
          numbering={numbering}
          onJump={(k) => {
            setPlaying(false);
            go(k);
          }}
        />
      ) : null}
    </section>
  );
}
