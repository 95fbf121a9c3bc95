// An attempt with everything shown, for its quiz's instructor. lib/classroom has
// reviewForInstructor in results.ts but its index does not export it, so this composes the
// two exported pieces it is made of (the same authorization, the same review).
import 'server-only';
import { instructorAttempt, reviewOf, type AttemptReview } from '@/lib/classroom';
import type { UserDto } from '@/lib/db';
import type { Locale } from '@/lib/questions';

export async function reviewForInstructor(
  user: UserDto | null,
  attemptId: string,
  locale: Locale,
): Promise<AttemptReview & { classId: string; quizId: string }> {
  const { attempt, quiz } = await instructorAttempt(user, attemptId);
  const review = reviewOf(
    attempt,
    quiz,
    { responses: true, answers: true, explanations: true },
    locale,
  );
  return { ...review, classId: quiz.classId, quizId: quiz.id };
}
