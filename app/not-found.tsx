// 404 for any unknown path.
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t('notFound')}</h1>
      <Link href="/" className="text-brand-700 dark:text-brand-100 underline">
        {t('home')}
      </Link>
    </div>
  );
}
