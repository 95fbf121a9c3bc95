'use client';
// One question's stem and the inputs for its kind, with a place for its diagram: practice
// passes a diagram that loads on first use, the quiz pages one that renders with the page.
// Options are numbered so the number keys can choose them.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { PublicQuestion } from '@/lib/questions';
import { type Draft } from './draft';

const OPTION =
  'flex cursor-pointer items-start gap-2 rounded border border-slate-300 px-3 py-2 dark:border-slate-700';
const OPTION_ON = 'border-brand-500 bg-brand-50 dark:bg-slate-800';
const INPUT =
  'rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900';

export type QuestionFormProps = {
  question: PublicQuestion;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  disabled: boolean;
};

export function QuestionForm({
  question,
  draft,
  onDraft,
  disabled,
  diagram,
}: QuestionFormProps & {
  /** Shown between the stem and the inputs (the question's trace, when it has one). */
  diagram: ReactNode;
}) {
  const t = useTranslations('practice');
  return (
    <div className="space-y-4">
      <p className="text-lg whitespace-pre-line" data-testid="practice-stem">
        {question.stem}
      </p>
      {diagram}
      <fieldset disabled={disabled} className="space-y-2" data-testid="practice-inputs">
        <legend className="sr-only">{t('yourAnswer')}</legend>
        {question.kind === 'choice'
          ? question.options.map((o, i) => (
              <label key={o.id} className={`${OPTION} ${draft.option === o.id ? OPTION_ON : ''}`}>
                <input
                  type="radio"
                  name="practice-option"
                  value={o.id}
                  checked={draft.option === o.id}
                  onChange={() => onDraft({ ...draft, option: o.id })}
                  className="mt-1"
                />
                <span>
                  <kbd className="mr-1 font-mono text-xs text-slate-500">{i + 1}</kbd>
                  {o.text}
                </span>
              </label>
            ))
          : null}
        {question.kind === 'multi'
          ? question.options.map((o, i) => {
              const on = draft.options.includes(o.id);
              return (
                <label key={o.id} className={`${OPTION} ${on ? OPTION_ON : ''}`}>
                  <input
                    type="checkbox"
                    value={o.id}
                    checked={on}
                    onChange={() =>
                      onDraft({
                        ...draft,
                        options: on
                          ? draft.options.filter((x) => x !== o.id)
                          : [...draft.options, o.id],
                      })
                    }
                    className="mt-1"
                  />
                  <span>
                    <kbd className="mr-1 font-mono text-xs text-slate-500">{i + 1}</kbd>
                    {o.text}
                  </span>
                </label>
              );
            })
          : null}
        {question.kind === 'numeric' ? (
          <label className="flex items-center gap-2">
            <span>{t('value')}</span>
            <input
              className={INPUT}
              inputMode="decimal"
              autoComplete="off"
              value={draft.value}
              onChange={(e) => onDraft({ ...draft, value: e.target.value })}
              data-testid="practice-value"
            />
            {question.unit ? <span>{question.unit}</span> : null}
          </label>
        ) : null}
        {question.kind === 'fields' ? (
          <div className="flex flex-wrap gap-3">
            {question.fields.map((f) => (
              <label key={f.id} className="flex items-center gap-2">
                <span>{f.label}</span>
                <input
                  className={`${INPUT} w-32`}
                  autoComplete="off"
                  value={draft.fields[f.id]}
                  onChange={(e) =>
                    onDraft({ ...draft, fields: { ...draft.fields, [f.id]: e.target.value } })
                  }
                  data-testid={`practice-field-${f.id}`}
                />
              </label>
            ))}
          </div>
        ) : null}
        {question.kind === 'order' ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('orderHint')}</p>
            <ol className="list-decimal space-y-1 pl-6" data-testid="practice-order">
              {draft.order.map((id) => (
                <li key={id}>{question.options.find((o) => o.id === id)?.text}</li>
              ))}
            </ol>
            <div className="flex flex-wrap gap-2">
              {question.options.map((o, i) =>
                draft.order.includes(o.id) ? null : (
                  <button
                    key={o.id}
                    type="button"
                    className={OPTION}
                    onClick={() => onDraft({ ...draft, order: [...draft.order, o.id] })}
                  >
                    <kbd className="mr-1 font-mono text-xs text-slate-500">{i + 1}</kbd>
                    {o.text}
                  </button>
                ),
              )}
            </div>
            {draft.order.length > 0 ? (
              <button
                type="button"
                className="text-sm underline"
                onClick={() => onDraft({ ...draft, order: [] })}
              >
                {t('orderReset')}
              </button>
            ) : null}
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
