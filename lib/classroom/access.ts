// Who may do what with classes and quizzes. Every service function goes through these, so
// the rules live in one place: instructors manage only their own classes (admins any),
// students see only classes they are on and only their own attempts.
import 'server-only';
import { roleAtLeast } from '@/lib/auth/roles';
import {
  findAttempt,
  findAttemptHeader,
  findClass,
  findQuiz,
  findQuizForMember,
  type AttemptDto,
  type AttemptWithAnswers,
  type ClassDto,
  type QuizDto,
  type UserDto,
} from '@/lib/db';
import { ClassroomError } from './errors';

export function requireSignedIn(user: UserDto | null): UserDto {
  if (!user) throw new ClassroomError('unauthenticated', 'sign in first');
  return user;
}

export function requireInstructor(user: UserDto | null): UserDto {
  const u = requireSignedIn(user);
  if (!roleAtLeast(u.role, 'instructor')) throw new ClassroomError('forbidden', 'instructors only');
  return u;
}

function ownsOrAdmin(user: UserDto, ownerId: string): boolean {
  return user.id === ownerId || user.role === 'admin';
}

/**
 * A class its owner (or an admin) manages. Someone else's class answers not_found rather
 * than forbidden, so ids cannot be probed for existence.
 */
export async function managedClass(user: UserDto | null, classId: string): Promise<ClassDto> {
  const u = requireInstructor(user);
  const found = await findClass(classId);
  if (!found || !ownsOrAdmin(u, found.ownerId))
    throw new ClassroomError('not_found', 'no such class');
  return found;
}

export async function managedQuiz(user: UserDto | null, quizId: string): Promise<QuizDto> {
  const u = requireInstructor(user);
  const quiz = await findQuiz(quizId);
  if (!quiz || !ownsOrAdmin(u, quiz.ownerId)) throw new ClassroomError('not_found', 'no such quiz');
  return quiz;
}

/** A published quiz of a class the student is on. */
export async function takeableQuiz(
  user: UserDto | null,
  quizId: string,
): Promise<{ user: UserDto; quiz: QuizDto }> {
  const u = requireSignedIn(user);
  const found = await findQuizForMember(quizId, u.id);
  // An archived class's quizzes are no longer listed or joinable, so not takeable either.
  if (!found || found.quiz.status !== 'published' || !found.member || found.archived) {
    throw new ClassroomError('not_found', 'no such quiz');
  }
  return { user: u, quiz: found.quiz };
}

/** An attempt its own student reads or writes (instructors go through instructorAttempt). */
export async function ownAttempt(
  user: UserDto | null,
  attemptId: string,
): Promise<{ user: UserDto; attempt: AttemptWithAnswers; quiz: QuizDto }> {
  const u = requireSignedIn(user);
  const attempt = await findAttempt(attemptId);
  if (!attempt || attempt.userId !== u.id) throw new ClassroomError('not_found', 'no such attempt');
  const quiz = await findQuiz(attempt.quizId);
  if (!quiz) throw new ClassroomError('not_found', 'no such attempt');
  return { user: u, attempt, quiz };
}

/** The same rule for the autosave path, which needs neither the answers nor the quiz. */
export async function ownAttemptHeader(
  user: UserDto | null,
  attemptId: string,
): Promise<{ user: UserDto; attempt: AttemptDto }> {
  const u = requireSignedIn(user);
  const attempt = await findAttemptHeader(attemptId);
  if (!attempt || attempt.userId !== u.id) throw new ClassroomError('not_found', 'no such attempt');
  return { user: u, attempt };
}

export async function instructorAttempt(
  user: UserDto | null,
  attemptId: string,
): Promise<{ attempt: AttemptWithAnswers; quiz: QuizDto }> {
  const u = requireInstructor(user);
  const attempt = await findAttempt(attemptId);
  const quiz = attempt ? await findQuiz(attempt.quizId) : null;
  if (!attempt || !quiz || !ownsOrAdmin(u, quiz.ownerId))
    throw new ClassroomError('not_found', 'no such attempt');
  return { attempt, quiz };
}
