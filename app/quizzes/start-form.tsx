'use client';
// Start or resume an attempt; a refusal (the quiz closed a moment ago, …) is shown in place.
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { startAction, type StartState } from './actions';
import { BUTTON, ERROR_TEXT } from './_lib/styles';

const IDLE: StartState = { status: 'idle' };

export function StartForm({ quizId, resume }: { quizId: string; resume: boolean }) {
  const t = useTranslations('quizzes');
  const [state, action, pending] = useActionState(startAction, IDLE);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="quizId" value={quizId} />
      <button type="submit" className={BUTTON} disabled={pending} data-testid="start-attempt">
        {resume ? t('quiz.resume') : t('quiz.start')}
      </button>
      {state.status === 'error' ? (
        <p role="alert" className={ERROR_TEXT}>
          {t.has(`refusal.${state.code}`) ? t(`refusal.${state.code}`) : t('error.generic')}
        </p>
      ) : null}
    </form>
  );
}
