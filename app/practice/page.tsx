// /practice: a placeholder until its issue lands.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ComingSoon } from '../_components/coming-soon';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('practice') };
}

export default async function PracticePage() {
  const t = await getTranslations('nav');
  return <ComingSoon area="practice" title={t('practice')} />;
}
