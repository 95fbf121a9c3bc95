'use client';
// The round table and cwnd chart under a graded congestion question's explanation. Rendered
// only after grading; the question generator is fetched then, as its own chunk.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { QuestionIdentity } from '@/lib/questions';
import type { ExplainedRounds } from './explained-rounds';
import { LazyCwndChart } from './lazy-chart';
import { RoundTable } from './round-table';
import { ROUND_TEMPLATES } from './round-templates';

export function ExplanationRounds({ question }: { question: QuestionIdentity }) {
  const t = useTranslations('congestion');
  const [data, setData] = useState<{ for: QuestionIdentity; value: ExplainedRounds | null } | null>(
    null,
  );
  const wanted = ROUND_TEMPLATES.has(question.template);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void import('./explained-rounds')
      .then((m) => m.explainedRounds(question))
      .catch(() => null) // the text explanation stands on its own
      .then((value) => {
        if (live) setData({ for: question, value });
      });
    return () => {
      live = false;
    };
  }, [question, wanted]);
  const value = data?.for === question ? data.value : null;
  if (!wanted || value === null) return null;
  return (
    <details className="space-y-2" data-testid="explanation-rounds">
      <summary className="cursor-pointer font-semibold">{t('explanationRounds')}</summary>
      <LazyCwndChart rounds={value.rounds} mss={value.mss} testId="explanation-cwnd-chart" />
      <RoundTable rounds={value.rounds} mss={value.mss} testId="explanation-round-table" />
    </details>
  );
}
