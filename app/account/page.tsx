// /account – who is signed in, and changing the password (which signs out other sessions).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { findPasswordHash } from '@/lib/db';
import { PasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?callbackUrl=/account');
  const t = await getTranslations('account');
  const hasPassword = (await findPasswordHash(user.id)) !== null;
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700 dark:text-slate-300">{t('signedInAs', { email: user.email })}</p>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t('passwordTitle')}
        </h2>
        {hasPassword ? (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('passwordIntro')}</p>
            <PasswordForm />
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('noPassword')}</p>
        )}
      </section>
    </div>
  );
}
