'use client';
// The "new class" form: a name, then the class appears in the list with its join code.
import { useActionState } from 'react';
import { createClassAction } from './actions';
import type { ActionState } from './_lib/action-state';
import { FIELD, PRIMARY } from './_components/styles';

export function CreateClassForm({
  labels,
}: {
  labels: { heading: string; name: string; create: string };
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createClassAction, {
    status: 'idle',
  });
  return (
    <form action={action} className="space-y-2" aria-labelledby="new-class-heading">
      <h2 id="new-class-heading" className="text-lg font-semibold">
        {labels.heading}
      </h2>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{labels.name}</span>
          <input name="name" required maxLength={80} className={`${FIELD} w-72`} />
        </label>
        <button type="submit" disabled={pending} className={PRIMARY}>
          {labels.create}
        </button>
      </div>
      <p
        aria-live="polite"
        className={
          state.status === 'error' ? 'text-sm text-rose-700 dark:text-rose-300' : 'text-sm'
        }
      >
        {state.message ?? ''}
      </p>
    </form>
  );
}
