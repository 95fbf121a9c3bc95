'use client';
// Sign-up: the server action validates and creates the account, then we sign in with it. The
// action says "accepted" for a taken email too (no account enumeration); the sign-in decides.
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { TextField } from '../_components/text-field';
import { rateLimitedSeconds, rateLimitedText } from '../signin/rate-limited';
import { signUpAction, type SignUpState } from './actions';

export function SignUpForm() {
  const t = useTranslations('auth');
  const tSecurity = useTranslations('security');
  const router = useRouter();
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUpAction, {
    status: 'idle',
  });
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== 'ok' || !credentials.current) return;
    const { email, password } = credentials.current;
    void signIn('credentials', { email, password, redirect: false }).then(async (result) => {
      if (!result || result.error) {
        // Sign-up answers the same whether or not the email had an account; this sign-in is
        // where someone else's email fails, with words that do not say which case it was.
        const wait = rateLimitedSeconds(result?.error);
        setSignInError(wait === null ? t('errorSignUpSignIn') : rateLimitedText(tSecurity, wait));
        return;
      }
      // The visitor's local practice and reviews move into the new account before we leave.
      // Loaded only now: the merge code (schemas, scheduler) is not needed to show the form.
      await import('../me/merge/local').then((m) => m.mergeLocalProgress()).catch(() => false);
      router.replace('/');
      router.refresh();
    });
  }, [state, router, t, tSecurity]);

  const fieldError = (field: 'email' | 'password' | 'name') =>
    state.status === 'error' && state.field === field ? t(state.code as 'invalid') : null;

  return (
    <form
      action={action}
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        credentials.current = {
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
        };
      }}
      className="space-y-4"
      noValidate
    >
      <TextField name="name" label={t('name')} autoComplete="nickname" error={fieldError('name')} />
      <TextField
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        required
        error={fieldError('email')}
      />
      <TextField
        name="password"
        type="password"
        label={t('password')}
        autoComplete="new-password"
        required
        minLength={12}
        error={fieldError('password')}
      />
      {state.status === 'limited' ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="form-error">
          {state.message}
        </p>
      ) : null}
      {signInError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="form-error">
          {signInError}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || state.status === 'ok'}
        className="bg-brand-600 hover:bg-brand-700 w-full rounded-md px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending || state.status === 'ok' ? t('working') : t('submitSignUp')}
      </button>
    </form>
  );
}
