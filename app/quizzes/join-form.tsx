'use client';
// The "join a class" form: a code typed by the student, the class joined or why not.
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { joinAction, type JoinState } from './actions';
import { BUTTON, ERROR_TEXT } from './_lib/styles';

const IDLE: JoinState = { status: 'idle' };

export function JoinForm({ defaultCode = '' }: { defaultCode?: string }) {
  const t = useTranslations('quizzes');
  const [state, action, pending] = useActionState(joinAction, IDLE);
  return (
    <form action={action} className="space-y-2" data-testid="join-form">
      <label htmlFor="join-code" className="block font-medium">
        {t('join.label')}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="join-code"
          name="code"
          required
          defaultValue={defaultCode}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="join-result"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 font-mono uppercase dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" className={BUTTON} disabled={pending}>
          {t('join.submit')}
        </button>
      </div>
      <p id="join-result" role="status" className="min-h-6 text-sm">
        {state.status === 'joined' ? (
          <span data-testid="join-ok">{t('join.joined', { name: state.className })}</span>
        ) : state.status === 'limited' ? (
          <span className={ERROR_TEXT} data-testid="join-error">
            {state.message}
          </span>
        ) : state.status === 'error' ? (
          <span className={ERROR_TEXT} data-testid="join-error">
            {t(`join.error.${state.code}`)}
          </span>
        ) : null}
      </p>
    </form>
  );
}
