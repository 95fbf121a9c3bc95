// /signup – create a student account with email and password.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from './sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUpTitle') };
}

export default async function SignUpPage() {
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">{t('signUpTitle')}</h1>
      <SignUpForm />
      <p className="text-sm">
        {t('haveAccount')}{' '}
        <Link href="/signin" className="text-brand-700 dark:text-brand-100 underline">
          {t('submitSignIn')}
        </Link>
      </p>
    </div>
  );
}
