// /teach – instructors only; classes and quizzes arrive with the quiz issue.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser, roleAtLeast } from '@/lib/auth';
import { ComingSoon } from '../_components/coming-soon';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach'))('title') };
}

export default async function TeachPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?callbackUrl=/teach');
  const t = await getTranslations('teach');
  if (!roleAtLeast(user.role, 'instructor')) {
    return (
      <p role="alert" data-testid="forbidden">
        {t('forbidden')}
      </p>
    );
  }
  return <ComingSoon area="teach" title={t('title')} />;
}
