// Data access for classes and their rosters. Authorization is the caller's job (lib/quiz
// access rules in the server actions); these functions only read and write rows.
import 'server-only';
import { db } from './client';

export type ClassDto = {
  id: string;
  ownerId: string;
  name: string;
  joinCode: string;
  archived: boolean;
  createdAt: Date;
};

export type ClassSummaryDto = ClassDto & { members: number; quizzes: number };

export type MemberDto = {
  userId: string;
  name: string | null;
  email: string;
  joinedAt: Date;
};

export class DuplicateJoinCodeError extends Error {
  override name = 'DuplicateJoinCodeError';
}

const classSelect = {
  id: true,
  ownerId: true,
  name: true,
  joinCode: true,
  archived: true,
  createdAt: true,
} as const;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

export async function createClass(input: {
  ownerId: string;
  name: string;
  joinCode: string;
}): Promise<ClassDto> {
  const client = await db();
  try {
    return await client.class.create({ data: input, select: classSelect });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateJoinCodeError('join code taken');
    throw error;
  }
}

export async function findClass(id: string): Promise<ClassDto | null> {
  const client = await db();
  return client.class.findUnique({ where: { id }, select: classSelect });
}

export async function findClassByJoinCode(joinCode: string): Promise<ClassDto | null> {
  const client = await db();
  return client.class.findUnique({ where: { joinCode }, select: classSelect });
}

export async function listClassesOwned(ownerId: string): Promise<ClassSummaryDto[]> {
  const client = await db();
  const rows = await client.class.findMany({
    where: { ownerId },
    orderBy: { createdAt: 'desc' },
    select: { ...classSelect, _count: { select: { members: true, quizzes: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...row,
    members: _count.members,
    quizzes: _count.quizzes,
  }));
}

export async function listClassesJoined(userId: string): Promise<ClassDto[]> {
  const client = await db();
  const rows = await client.classMember.findMany({
    where: { userId, class: { archived: false } },
    orderBy: { joinedAt: 'desc' },
    select: { class: { select: classSelect } },
  });
  return rows.map((r) => r.class);
}

export async function renameClass(id: string, name: string): Promise<void> {
  const client = await db();
  await client.class.update({ where: { id }, data: { name } });
}

export async function setClassArchived(id: string, archived: boolean): Promise<void> {
  const client = await db();
  await client.class.update({ where: { id }, data: { archived } });
}

export async function setJoinCode(id: string, joinCode: string): Promise<void> {
  const client = await db();
  try {
    await client.class.update({ where: { id }, data: { joinCode } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateJoinCodeError('join code taken');
    throw error;
  }
}

/** Adds the student to the roster; joining twice is a no-op. */
export async function addMember(classId: string, userId: string): Promise<void> {
  const client = await db();
  try {
    await client.classMember.create({ data: { classId, userId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function removeMember(classId: string, userId: string): Promise<boolean> {
  const client = await db();
  const { count } = await client.classMember.deleteMany({ where: { classId, userId } });
  return count > 0;
}

export async function isMember(classId: string, userId: string): Promise<boolean> {
  const client = await db();
  const row = await client.classMember.findUnique({
    where: { classId_userId: { classId, userId } },
    select: { id: true },
  });
  return row !== null;
}

export async function listMembers(classId: string): Promise<MemberDto[]> {
  const client = await db();
  const rows = await client.classMember.findMany({
    where: { classId },
    // The user id breaks ties, so students who joined in the same millisecond keep one order.
    orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
    select: { userId: true, joinedAt: true, user: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    userId: r.userId,
    name: r.user.name,
    email: r.user.email,
    joinedAt: r.joinedAt,
  }));
}
