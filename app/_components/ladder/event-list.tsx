'use client';
// The diagram's text alternative: everything revealed so far, in order; each entry jumps
// the diagram to the step where it happened.
import { useTranslations } from 'next-intl';
import type { TraceSegment } from '@/lib/engine';
import {
  eventLabel,
  formatTime,
  segmentLabel,
  type Numbering,
  type TimelineItem,
} from '@/lib/trace-export';
import { isRevealed, stepOf } from './steps';

/** The words of the event list that are not protocol notation, in the reader's language. */
export type EventWords = { listener: string; timer: (name: string) => string };

export function describeItem(
  item: TimelineItem,
  words: EventWords,
  numbering: Numbering = 'relative',
): string {
  switch (item.kind) {
    case 'segment': {
      const s = item.segment;
      return `${s.from} → ${s.to}  ${segmentLabel(s, numbering)}${s.why ? `  [${s.why}]` : ''}${s.dropped ? '  ✗' : ''}`;
    }
    case 'state': {
      const st = item.state;
      return `${st.endpoint}: ${st.state}${st.socket === 'listener' ? ` (${words.listener})` : st.cport !== null ? ` :${st.cport}` : ''}`;
    }
    case 'event':
      return `${item.endpoint}: ${eventLabel(item.event)}`;
    case 'timer':
      return `${item.endpoint}: ◷ ${words.timer(item.timer.timer)}`;
  }
}

export function EventList({
  items,
  segments,
  step,
  numbering,
  onJump,
}: {
  items: TimelineItem[];
  segments: TraceSegment[];
  step: number;
  numbering: Numbering;
  onJump: (step: number) => void;
}) {
  const t = useTranslations('ladder');
  const shown = items.filter((item) => isRevealed(item, segments, step));
  const words: EventWords = {
    listener: t('listener'),
    timer: (name) => t('timerName', { name }),
  };
  return (
    <details open className="rounded-md border border-slate-200 text-sm dark:border-slate-800">
      <summary className="cursor-pointer px-3 py-2 font-medium">
        {t('eventList', { count: shown.length, total: items.length })}
      </summary>
      <ol data-testid="event-list" className="max-h-72 overflow-auto px-1 pb-2 font-mono text-xs">
        {shown.map((item, i) => {
          const k = stepOf(item, segments);
          const current = item.kind === 'segment' && item.index === step - 1;
          return (
            <li key={i} data-kind={item.kind}>
              <button
                type="button"
                onClick={() => onJump(k)}
                title={t('jump')}
                className={`flex w-full gap-3 rounded px-2 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${
                  current ? 'bg-brand-50 font-bold dark:bg-slate-800' : ''
                } ${item.kind === 'segment' ? '' : 'text-slate-600 dark:text-slate-400'}`}
              >
                <span className="w-24 shrink-0 text-right tabular-nums">{formatTime(item.t)}</span>
                <span className="whitespace-pre-wrap">{describeItem(item, words, numbering)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
