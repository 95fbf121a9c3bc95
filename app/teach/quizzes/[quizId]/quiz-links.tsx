// The links every quiz page offers: preview as a student, results, and the exports.
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { LINK } from '../../_components/styles';

export async function QuizLinks({ quizId }: { quizId: string }) {
  const t = await getTranslations('teach.quiz');
  const base = `/teach/quizzes/${quizId}`;
  return (
    <nav aria-label={t('linksLabel')}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <li>
          <Link href={`${base}/edit`} className={LINK}>
            {t('edit')}
          </Link>
        </li>
        <li>
          <Link href={`${base}/preview`} className={LINK}>
            {t('preview')}
          </Link>
        </li>
        <li>
          <Link href={`${base}/results`} className={LINK}>
            {t('results')}
          </Link>
        </li>
        <li>
          <a href={`${base}/export/moodle.xml`} className={LINK} download>
            {t('exportMoodle')}
          </a>
        </li>
        <li>
          <a href={`${base}/export/gift.txt`} className={LINK} download>
            {t('exportGift')}
          </a>
        </li>
        <li>
          <Link href={`${base}/print?students=all`} className={LINK}>
            {t('print')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
