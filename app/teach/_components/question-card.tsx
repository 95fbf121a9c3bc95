// One question as the instructor sees it: stem, trace, options with the key marked, and when
// given the student's response, its score, the misconception and the explanation. Used by
// the builder's preview (in the browser) and the preview and review pages (on the server).
import { useTranslations } from 'next-intl';
import type { Answer, PublicQuestion } from '@/lib/questions';
import { answerText, keyOptions, responseText } from './answer-text';
import { TraceView } from './trace-view';

export type CardProps = {
  heading: string;
  question: PublicQuestion;
  answer: Answer | null;
  explanation: string | null;
  /** Present on an attempt's review: what the student answered and how it scored. */
  graded?: { response: unknown; fraction: number | null; points: number };
  misconception?: string | null;
  testId?: string;
};

export function QuestionCard({
  heading,
  question,
  answer,
  explanation,
  graded,
  misconception,
  testId,
}: CardProps) {
  const t = useTranslations('teach.question');
  const key = keyOptions(answer);
  const response = graded ? responseText(question, graded.response) : null;
  return (
    <article
      className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800"
      data-testid={testId}
      data-kind={question.kind}
    >
      <h3 className="font-semibold">{heading}</h3>
      <p className="whitespace-pre-line">{question.stem}</p>
      {question.trace ? (
        <TraceView trace={question.trace} title={t('trace')} numbering={question.numbering} />
      ) : null}
      {'options' in question ? (
        <ol className="list-inside list-[upper-alpha] space-y-1">
          {question.options.map((o) => (
            <li
              key={o.id}
              className={
                key.has(o.id) ? 'font-semibold text-emerald-800 dark:text-emerald-300' : ''
              }
            >
              {o.text}
              {key.has(o.id) ? <span className="ml-2 text-sm">✓ {t('correct')}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {graded ? (
        <p>
          <span className="font-semibold">{t('response')}</span>{' '}
          <span className="font-mono">{response ?? t('unanswered')}</span>{' '}
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {t('score', {
              score: Math.round((graded.fraction ?? 0) * graded.points * 100) / 100,
              points: graded.points,
            })}
          </span>
        </p>
      ) : null}
      {answer ? (
        <p>
          <span className="font-semibold">{t('answer')}</span>{' '}
          <span className="font-mono">{answerText(question, answer)}</span>
        </p>
      ) : null}
      {misconception ? (
        <p>
          <span className="font-semibold">{t('misconception')}</span> {misconception}
        </p>
      ) : null}
      {explanation ? (
        <details>
          <summary className="cursor-pointer font-semibold">{t('explanation')}</summary>
          <p className="mt-2 whitespace-pre-line">{explanation}</p>
        </details>
      ) : null}
    </article>
  );
}
