'use client';
// One user's role selector with its own pending and saved state.
import { useActionState } from 'react';
import { setRoleAction, type SetRoleState } from './actions';

export function RoleForm({
  userId,
  email,
  role,
  roles,
  labels,
}: {
  userId: string;
  email: string;
  role: string;
  roles: { value: string; label: string }[];
  labels: { save: string; saved: string; role: string };
}) {
  const [state, action, pending] = useActionState<SetRoleState, FormData>(setRoleAction, {
    status: 'idle',
  });
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={`${labels.role}: ${email}`}
        className="rounded-md border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
      >
        {roles.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {labels.save}
      </button>
      <span aria-live="polite" className="text-xs text-slate-500">
        {state.status === 'ok' ? labels.saved : state.status === 'error' ? state.message : ''}
      </span>
    </form>
  );
}
