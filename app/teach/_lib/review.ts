// An attempt with everything shown, for its quiz's instructor, with the class and quiz ids
// the page links back to (lib/classroom's reviewForInstructor returns the review alone).
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
