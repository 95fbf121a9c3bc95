'use client';
// A form bound to a /teach server action, with its pending state and the action's message
// (success or the service's refusal) announced to screen readers.
import { useActionState, type ReactNode } from 'react';
import type { ActionState } from '../_lib/action-state';

export function ActionForm({
  action,
  children,
  className = 'flex flex-wrap items-center gap-2',
  testId,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, run, pending] = useActionState<ActionState, FormData>(action, { status: 'idle' });
  return (
    <form action={run} className={className} aria-busy={pending} data-testid={testId}>
      {children}
      <span
        aria-live="polite"
        className={
          state.status === 'error'
            ? 'text-sm text-rose-700 dark:text-rose-300'
            : 'text-sm text-slate-600 dark:text-slate-400'
        }
      >
        {state.message ?? ''}
      </span>
    </form>
  );
}
