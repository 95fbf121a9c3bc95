'use client';
// A question with its diagram rendered together, as the quiz attempt and review pages show
// it (server-rendered with the page). Practice composes QuestionForm with a diagram that
// loads on first use instead (lazy-question-trace.tsx).
import { useTranslations } from 'next-intl';
import { QuestionForm, type QuestionFormProps } from './question-form';
import { QuestionTrace } from './question-trace';

export function QuestionView(props: QuestionFormProps) {
  const t = useTranslations('practice');
  const trace = props.question.trace;
  return (
    <QuestionForm
      {...props}
      diagram={
        trace ? (
          <QuestionTrace
            trace={trace}
            title={t('traceTitle')}
            numbering={props.question.numbering}
          />
        ) : null
      }
    />
  );
}
