// /signin – email + password, and any OAuth provider the deployment configured.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { enabledOAuthProviders, safeCallbackUrl } from '@/lib/auth';

import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signInTitle') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">{t('signInTitle')}</h1>
      <SignInForm
        callbackUrl={safeCallbackUrl(params.callbackUrl)}
        providers={enabledOAuthProviders()}
        initialError={typeof params.error === 'string' ? params.error : null}
      />
      <p className="text-sm">
        {t('noAccount')}{' '}
        <Link href="/signup" className="text-brand-700 dark:text-brand-100 underline">
          {t('submitSignUp')}
        </Link>
      </p>
    </div>
  );
}
