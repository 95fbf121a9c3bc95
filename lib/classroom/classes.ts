// Classes: an instructor creates them and manages the roster; students join with the code.
import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  DuplicateJoinCodeError,
  addMember,
  createClass,
  findClassByJoinCode,
  listClassesJoined,
  listClassesOwned,
  listQuizzesForStudent,
  listMembers,
  removeMember,
  renameClass,
  setClassArchived,
  setJoinCode,
  type ClassDto,
  type ClassSummaryDto,
  type QuizDto,
  type MemberDto,
  type UserDto,
} from '@/lib/db';
import { JOIN_CODE_LENGTH, LIMITS, NO_NUL, joinCodeFrom, normalizeJoinCode } from '@/lib/quiz';
// Not the module index: it brings next-intl/server, which the quiz API's bundle must not load.
import { checkRateLimit } from '@/lib/security/rate-limit';
import { z } from 'zod';
import { managedClass, requireInstructor, requireSignedIn } from './access';
import { ClassroomError } from './errors';

export const classNameSchema = z.string().trim().min(1).max(LIMITS.classNameLength).regex(NO_NUL);

function newJoinCode(): string {
  return joinCodeFrom(randomBytes(JOIN_CODE_LENGTH));
}

/** Retries on the (rare) collision of a fresh code with an existing one. */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      if (!(error instanceof DuplicateJoinCodeError) || i >= 4) throw error;
    }
  }
}

export async function createOwnClass(user: UserDto | null, name: unknown): Promise<ClassDto> {
  const u = requireInstructor(user);
  const parsed = classNameSchema.safeParse(name);
  if (!parsed.success)
    throw new ClassroomError('invalid', 'a class needs a name of at most 80 characters');
  return withFreshCode((joinCode) => createClass({ ownerId: u.id, name: parsed.data, joinCode }));
}

export async function renameOwnClass(
  user: UserDto | null,
  classId: string,
  name: unknown,
): Promise<void> {
  await managedClass(user, classId);
  const parsed = classNameSchema.safeParse(name);
  if (!parsed.success)
    throw new ClassroomError('invalid', 'a class needs a name of at most 80 characters');
  await renameClass(classId, parsed.data);
}

export async function archiveOwnClass(
  user: UserDto | null,
  classId: string,
  archived: boolean,
): Promise<void> {
  await managedClass(user, classId);
  await setClassArchived(classId, archived);
}

/** A new code; links with the old one stop working. */
export async function rotateJoinCode(user: UserDto | null, classId: string): Promise<void> {
  await managedClass(user, classId);
  await withFreshCode((code) => setJoinCode(classId, code));
}

export async function roster(
  user: UserDto | null,
  classId: string,
): Promise<{ cls: ClassDto; members: MemberDto[] }> {
  const cls = await managedClass(user, classId);
  return { cls, members: await listMembers(classId) };
}

export async function removeFromRoster(
  user: UserDto | null,
  classId: string,
  userId: string,
): Promise<void> {
  await managedClass(user, classId);
  if (!(await removeMember(classId, userId)))
    throw new ClassroomError('not_found', 'not on the roster');
}

/**
 * Joins with a code as typed (case, spaces and dashes do not matter). Every try counts
 * against the account's and the client address's join limits before the code is looked up,
 * so codes cannot be guessed at speed. `client.address` is the request's (lib/security's
 * clientIp); when it is unknown (null), or a caller without a request (a script) leaves
 * `client` out, only the account's limit applies.
 */
export async function joinWithCode(
  user: UserDto | null,
  code: unknown,
  client?: { address: string | null },
  now: Date = new Date(),
): Promise<ClassDto> {
  const u = requireSignedIn(user);
  const verdicts = [await checkRateLimit('join-account', u.id, now)];
  // An unknown address is not pooled with every other unknown one: a shared bucket would let
  // one guesser lock the whole site out of joining. The account's limit still holds.
  if (verdicts[0]!.ok && client?.address)
    verdicts.push(await checkRateLimit('join-ip', client.address, now));
  const refused = verdicts.find((v) => !v.ok);
  if (refused)
    throw new ClassroomError('rate_limited', 'too many attempts', null, refused.retryAfterSec);
  const normalized = typeof code === 'string' ? normalizeJoinCode(code) : null;
  const cls = normalized ? await findClassByJoinCode(normalized) : null;
  if (!cls || cls.archived) throw new ClassroomError('not_found', 'no class has this code');
  if (cls.ownerId === u.id) throw new ClassroomError('refused', 'you teach this class');
  await addMember(cls.id, u.id);
  return cls;
}

export async function ownClasses(user: UserDto | null): Promise<ClassSummaryDto[]> {
  const u = requireInstructor(user);
  return listClassesOwned(u.id);
}

/** A student's classes and the published quizzes in them. */
export async function studentClasses(
  user: UserDto | null,
): Promise<{ classes: ClassDto[]; quizzes: (QuizDto & { className: string })[] }> {
  const u = requireSignedIn(user);
  const [classes, quizzes] = await Promise.all([
    listClassesJoined(u.id),
    listQuizzesForStudent(u.id),
  ]);
  return { classes, quizzes };
}
