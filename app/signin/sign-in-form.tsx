'use client';
// The sign-in form: posts the credentials to NextAuth and shows a clear error on failure.
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { TextField } from '../_components/text-field';
import { rateLimitedSeconds, rateLimitedText } from './rate-limited';

export function SignInForm({
  callbackUrl,
  providers,
  initialError,
}: {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError: string | null;
}) {
  const t = useTranslations('auth');
  const tSecurity = useTranslations('security');
  const router = useRouter();
  // NextAuth reports a refused sign-in as an error code: a rate limit (with the seconds to
  // wait: "too many attempts", whether or not the password was right), a wrong password, an
  // OAuth email the provider did not verify (our signIn callback's `false`), or anything else.
  const describe = (code: string | null | undefined): string => {
    const wait = rateLimitedSeconds(code);
    if (wait !== null) return rateLimitedText(tSecurity, wait);
    if (code === 'CredentialsSignin') return t('errorCredentials');
    if (code === 'AccessDenied') return t('errorOAuthUnverified');
    return t('errorGeneric');
  };
  const [error, setError] = useState<string | null>(initialError ? describe(initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(describe(result?.error));
      return;
    }
    // What this browser practised and reviewed signed out now belongs to the account; a
    // failure keeps the local copies, and /me tries again.
    // Loaded only now: the merge code (schemas, scheduler) is not needed to show the form.
    await import('../me/merge/local').then((m) => m.mergeLocalProgress()).catch(() => false);
    setPending(false);
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField name="email" type="email" label={t('email')} autoComplete="email" required />
        <TextField
          name="password"
          type="password"
          label={t('password')}
          autoComplete="current-password"
          required
        />
        {error ? (
          <p
            role="alert"
            className="text-sm text-red-700 dark:text-red-300"
            data-testid="form-error"
          >
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="bg-brand-600 hover:bg-brand-700 w-full rounded-md px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {pending ? t('working') : t('submitSignIn')}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-sm text-slate-500">{t('or')}</p>
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              onClick={() => void signIn(provider.id, { callbackUrl })}
              className="w-full rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {t('continueWith', { provider: provider.name })}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
