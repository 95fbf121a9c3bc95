// /quizzes/attempts/[attemptId]: the attempt in progress. The page checks the attempt is the
// student's and still open (a submitted or just expired one goes to its review); the questions,
// saved answers and the server's time left load as JSON (GET /api/attempts/[attemptId]).
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { attemptStatusForStudent } from '@/lib/classroom';
import { questionLocale, signInPath, tryClassroom } from '../../_lib/server';
import { AttemptLoader } from './attempt-loader';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('quizzes'))('attempt.title') };
}

type Props = { params: Promise<{ attemptId: string }> };

export default async function AttemptPage({ params }: Props) {
  const { attemptId } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(`/quizzes/attempts/${encodeURIComponent(attemptId)}`));
  const found = await tryClassroom(() => attemptStatusForStudent(user, attemptId, new Date()));
  if (!found.ok) notFound();
  if (found.value.status !== 'in_progress') redirect(`/quizzes/attempts/${attemptId}/review`);
  return (
    // A new mount per attempt: its drafts and queue belong to this attempt only.
    <AttemptLoader
      key={attemptId}
      attemptId={attemptId}
      title={found.value.title}
      locale={await questionLocale()}
    />
  );
}
