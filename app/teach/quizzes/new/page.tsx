// /teach/quizzes/new?class=… – the builder for a new quiz in one of the instructor's classes.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { managedClass } from '@/lib/classroom';
import { LINK } from '../../_components/styles';
import { load } from '../../_lib/load';
import { builderOptions } from '../builder-options';
import { NEW_SETTINGS } from '../draft';
import { QuizBuilder } from '../quiz-builder';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.builder'))('newTitle') };
}

export default async function NewQuizPage({ searchParams }: Props) {
  const classId = (await searchParams).class;
  if (typeof classId !== 'string' || classId.length === 0) notFound();
  const user = await getCurrentUser();
  const cls = await load(
    () => managedClass(user, classId),
    `/teach/quizzes/new?class=${encodeURIComponent(classId)}`,
  );
  const t = await getTranslations('teach.builder');
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/classes/${cls.id}`} className={LINK}>
            {cls.name}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('newTitle')}</h1>
      </div>
      <QuizBuilder
        target={{ classId: cls.id }}
        initialSettings={NEW_SETTINGS}
        initialSlots={[]}
        options={await builderOptions()}
      />
    </div>
  );
}
