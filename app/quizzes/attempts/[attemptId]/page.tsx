// /quizzes/attempts/[attemptId]: the attempt in progress, with the answers saved so far and
// the server's time left. A submitted (or just expired) attempt goes to its review.
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { attemptForStudent } from '@/lib/classroom';
import { questionLocale, signInPath, tryClassroom } from '../../_lib/server';
import { AttemptClient } from './attempt-client';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('quizzes'))('attempt.title') };
}

type Props = { params: Promise<{ attemptId: string }> };

export default async function AttemptPage({ params }: Props) {
  const { attemptId } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(`/quizzes/attempts/${encodeURIComponent(attemptId)}`));
  const found = await tryClassroom(async () =>
    attemptForStudent(user, attemptId, await questionLocale(), new Date()),
  );
  if (!found.ok) notFound();
  const view = found.value;
  if (view.status !== 'in_progress') redirect(`/quizzes/attempts/${view.attemptId}/review`);
  return (
    <AttemptClient
      // A new mount per attempt: its drafts and queue belong to this attempt only.
      key={view.attemptId}
      attemptId={view.attemptId}
      title={view.title}
      number={view.number}
      secondsLeft={view.secondsLeft}
      questions={view.questions}
    />
  );
}
