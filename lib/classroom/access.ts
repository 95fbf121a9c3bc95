// Who may do what with classes and quizzes. Every service function goes through these, so
// the rules live in one place: instructors manage only their own classes (admins any),
// students see only classes they are on and only their own attempts, and only while the
// quiz is published (studentReach below).
import 'server-only';
import { roleAtLeast } from '@/lib/auth/roles';
import {
  findAttempt,
  findAttemptHeader,
  findClass,
  findQuiz,
  findQuizForMember,
  type QuizReachFacts,
  type AttemptDto,
  type AttemptWithAnswers,
  type ClassDto,
  type QuizDto,
  type UserDto,
} from '@/lib/db';
import { logSecurityEvent } from '@/lib/security/security-log';
import { ClassroomError } from './errors';

/**
 * The not_found answered for a resource that exists but is not this user's: logged as a
 * refused access (ASVS V7.2.2), answered like a missing one.
 */
function refused(what: string, user: UserDto): ClassroomError {
  logSecurityEvent({ event: 'access.denied', resource: what, userId: user.id });
  return new ClassroomError('not_found', `no such ${what}`);
}

export function requireSignedIn(user: UserDto | null): UserDto {
  if (!user) throw new ClassroomError('unauthenticated', 'sign in first');
  return user;
}

export function requireInstructor(user: UserDto | null): UserDto {
  const u = requireSignedIn(user);
  if (!roleAtLeast(u.role, 'instructor')) {
    logSecurityEvent({ event: 'access.denied', resource: 'instructor pages', userId: u.id });
    throw new ClassroomError('forbidden', 'instructors only');
  }
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
  if (!found) throw new ClassroomError('not_found', 'no such class');
  if (!ownsOrAdmin(u, found.ownerId)) throw refused('class', u);
  return found;
}

export async function managedQuiz(user: UserDto | null, quizId: string): Promise<QuizDto> {
  const u = requireInstructor(user);
  const quiz = await findQuiz(quizId);
  if (!quiz) throw new ClassroomError('not_found', 'no such quiz');
  if (!ownsOrAdmin(u, quiz.ownerId)) throw refused('quiz', u);
  return quiz;
}

/**
 * What a student may do with a quiz and their attempts at it:
 * - `take`: see the quiz, start or resume an attempt, load its questions, save, submit. Only
 *   while the quiz is published, its class is not archived and the student is on its roster.
 * - `review`: read a finished attempt (its score, and its answers as the review policy
 *   allows). An archived class is read-only: its students still see their results.
 * - `none`: the quiz and every attempt at it do not exist for this student (not_found, so
 *   nothing about them can be probed). A student removed from the roster, and everyone while
 *   the quiz is a draft, is here.
 *
 * An attempt in progress when its quiz goes back to draft, its class is archived or its
 * student is removed can no longer be loaded, saved or submitted by the student. What was
 * saved stays. It is graded from those saves when its deadline passes (on the next visit to
 * the quiz or its results), and an untimed one resumes if the quiz is published again, the
 * class restored or the student re-added.
 */
export type StudentReach = 'none' | 'review' | 'take';

export function studentReach(facts: QuizReachFacts): StudentReach {
  if (!facts.member || facts.status !== 'published') return 'none';
  return facts.archived ? 'review' : 'take';
}

/** Throws not_found unless the facts allow `need` (`take` includes `review`). */
export function requireReach(
  facts: QuizReachFacts,
  need: Exclude<StudentReach, 'none'>,
  what: 'quiz' | 'attempt',
): void {
  const reach = studentReach(facts);
  if (reach === 'take' || reach === need) return;
  throw new ClassroomError('not_found', `no such ${what}`);
}

/** A quiz the student may take (see studentReach). */
export async function takeableQuiz(
  user: UserDto | null,
  quizId: string,
): Promise<{ user: UserDto; quiz: QuizDto }> {
  const u = requireSignedIn(user);
  const found = await findQuizForMember(quizId, u.id);
  if (!found) throw new ClassroomError('not_found', 'no such quiz');
  requireReach({ ...found, status: found.quiz.status }, 'take', 'quiz');
  return { user: u, quiz: found.quiz };
}

/**
 * The student's own attempt (instructors go through instructorAttempt) with what they may
 * do with it now; `review` at least, or not_found. Callers that write require `take`.
 */
export async function ownAttempt(
  user: UserDto | null,
  attemptId: string,
): Promise<{ user: UserDto; attempt: AttemptWithAnswers; quiz: QuizDto; reach: StudentReach }> {
  const u = requireSignedIn(user);
  const attempt = await findAttempt(attemptId);
  if (!attempt) throw new ClassroomError('not_found', 'no such attempt');
  if (attempt.userId !== u.id) throw refused('attempt', u);
  const { quiz, reach } = await reachOfAttempt(attempt, u);
  return { user: u, attempt, quiz, reach };
}

/** The same rule without the answers, for the attempt page's shell. */
export async function ownAttemptHeader(
  user: UserDto | null,
  attemptId: string,
): Promise<{ user: UserDto; attempt: AttemptDto; quiz: QuizDto; reach: StudentReach }> {
  const u = requireSignedIn(user);
  const attempt = await findAttemptHeader(attemptId);
  if (!attempt) throw new ClassroomError('not_found', 'no such attempt');
  if (attempt.userId !== u.id) throw refused('attempt', u);
  const { quiz, reach } = await reachOfAttempt(attempt, u);
  return { user: u, attempt, quiz, reach };
}

async function reachOfAttempt(
  attempt: AttemptDto,
  user: UserDto,
): Promise<{ quiz: QuizDto; reach: StudentReach }> {
  const found = await findQuizForMember(attempt.quizId, user.id);
  if (!found) throw new ClassroomError('not_found', 'no such attempt');
  const facts = { ...found, status: found.quiz.status };
  requireReach(facts, 'review', 'attempt');
  return { quiz: found.quiz, reach: studentReach(facts) };
}

/**
 * An attempt still in progress may be worked on only by a student who may take the quiz;
 * a finished one only needs review. Checked after a timed-out attempt was finalized.
 */
export function requireAttemptReach(attempt: Pick<AttemptDto, 'status'>, reach: StudentReach) {
  if (attempt.status === 'in_progress' && reach !== 'take')
    throw new ClassroomError('not_found', 'no such attempt');
}

export async function instructorAttempt(
  user: UserDto | null,
  attemptId: string,
): Promise<{ attempt: AttemptWithAnswers; quiz: QuizDto }> {
  const u = requireInstructor(user);
  const attempt = await findAttempt(attemptId);
  const quiz = attempt ? await findQuiz(attempt.quizId) : null;
  if (!attempt || !quiz) throw new ClassroomError('not_found', 'no such attempt');
  if (!ownsOrAdmin(u, quiz.ownerId)) throw refused('attempt', u);
  return { attempt, quiz };
}
