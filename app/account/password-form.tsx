'use client';
// The change-password form: current password, the new one twice; clears itself on success.
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { TextField } from '../_components/text-field';
import { changePasswordAction, type ChangePasswordState } from './actions';

export function PasswordForm() {
  const t = useTranslations('account');
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(
    changePasswordAction,
    { status: 'idle' },
  );
  useEffect(() => {
    if (state.status === 'ok') formRef.current?.reset();
  }, [state]);

  const fieldError = (field: 'current' | 'next' | 'confirm') =>
    state.status === 'error' && state.field === field ? state.message : null;

  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      <TextField
        name="current"
        type="password"
        label={t('currentPassword')}
        autoComplete="current-password"
        required
        error={fieldError('current')}
      />
      <TextField
        name="next"
        type="password"
        label={t('newPassword')}
        autoComplete="new-password"
        required
        minLength={12}
        error={fieldError('next')}
      />
      <TextField
        name="confirm"
        type="password"
        label={t('confirmPassword')}
        autoComplete="new-password"
        required
        error={fieldError('confirm')}
      />
      {state.status === 'error' && state.field === null ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="form-error">
          {state.message}
        </p>
      ) : null}
      {state.status === 'ok' ? (
        <p
          role="status"
          className="text-sm text-green-700 dark:text-green-300"
          data-testid="password-changed"
        >
          {state.signedOut ? t('signedOut') : t('changed')}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-600 hover:bg-brand-700 w-full rounded-md px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? t('working') : t('submit')}
      </button>
    </form>
  );
}
