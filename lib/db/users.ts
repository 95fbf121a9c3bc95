// Data access for users and roles. Returns plain DTOs; the password hash only leaves this
// module through `findCredentials`, which sign-in alone uses.
import { z } from 'zod';
import { db } from './client';

export const ROLES = ['student', 'instructor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type UserDto = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  locale: Locale | null;
  sessionVersion: number;
  createdAt: Date;
};

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  sessionVersion: true,
  createdAt: true,
} as const;

type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  locale: string | null;
  sessionVersion: number;
  createdAt: Date;
};

function toDto(row: UserRow): UserDto {
  // A role string the code does not know is treated as the least privileged one.
  const role = roleSchema.safeParse(row.role);
  const locale = row.locale === 'zh' || row.locale === 'en' ? row.locale : null;
  return { ...row, role: role.success ? role.data : 'student', locale };
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
}

export async function createUser(input: {
  email: string;
  name?: string | null;
  passwordHash: string | null;
  role?: Role;
  locale?: Locale | null;
}): Promise<UserDto> {
  const client = await db();
  const email = normalizeEmail(input.email);
  try {
    const row = await client.user.create({
      data: {
        email,
        name: input.name ?? null,
        passwordHash: input.passwordHash,
        role: input.role ?? 'student',
        locale: input.locale ?? null,
      },
      select: userSelect,
    });
    return toDto(row);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new DuplicateEmailError(`an account with ${email} exists already`);
    }
    throw error;
  }
}

export async function findUserById(id: string): Promise<UserDto | null> {
  const client = await db();
  const row = await client.user.findUnique({ where: { id }, select: userSelect });
  return row ? toDto(row) : null;
}

export async function findUserByEmail(email: string): Promise<UserDto | null> {
  const client = await db();
  const row = await client.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: userSelect,
  });
  return row ? toDto(row) : null;
}

/** For the credentials sign-in only. */
export async function findCredentials(
  email: string,
): Promise<{ user: UserDto; passwordHash: string | null } | null> {
  const client = await db();
  const row = await client.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...userSelect, passwordHash: true },
  });
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  return { user: toDto(rest), passwordHash };
}

export async function countUsers(): Promise<number> {
  const client = await db();
  return client.user.count();
}

export async function listUsers(limit = 200): Promise<UserDto[]> {
  const client = await db();
  const rows = await client.user.findMany({
    select: userSelect,
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  return rows.map(toDto);
}

export async function setUserLocale(id: string, locale: Locale): Promise<void> {
  const client = await db();
  await client.user.update({ where: { id }, data: { locale } });
}

/** The flashcard scheduler's desired retention of this user (0.9 unless they chose). */
export async function getDesiredRetention(id: string): Promise<number | null> {
  const client = await db();
  const row = await client.user.findUnique({ where: { id }, select: { desiredRetention: true } });
  return row?.desiredRetention ?? null;
}

/** Stores the user's choice; the caller validates the range (lib/srs desiredRetentionSchema). */
export async function setDesiredRetention(id: string, desiredRetention: number): Promise<void> {
  const client = await db();
  await client.user.update({ where: { id }, data: { desiredRetention } });
}

/**
 * Changes a role and records who did it, in one transaction. Sessions need no change:
 * every guard reads the role from the database, so the new role applies at once.
 */
export async function setUserRole(input: {
  userId: string;
  role: Role;
  actorId: string | null;
}): Promise<UserDto> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: userSelect });
    if (!before) throw new Error(`no user ${input.userId}`);
    const row = await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role },
      select: userSelect,
    });
    await tx.auditLog.create({
      data: {
        actorId: input.actorId,
        action: 'user.role.set',
        targetType: 'user',
        targetId: input.userId,
        detail: JSON.stringify({ from: before.role, to: input.role }),
      },
    });
    return toDto(row);
  });
}

/** The stored password hash of an account (null for OAuth-only accounts), for re-checks. */
export async function findPasswordHash(userId: string): Promise<string | null> {
  const client = await db();
  const row = await client.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true },
  });
  return row?.passwordHash ?? null;
}

/**
 * Stores a new password hash and bumps the session version in one transaction, so every
 * session issued before it is refused (lib/auth/session.ts), and audits it without the hash.
 * Returns the new session version.
 */
export async function changeUserPassword(input: {
  userId: string;
  passwordHash: string;
  actorId: string | null;
}): Promise<number> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const row = await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash: input.passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: input.actorId,
        action: 'user.password.change',
        targetType: 'user',
        targetId: input.userId,
        detail: JSON.stringify({ sessionVersion: row.sessionVersion }),
      },
    });
    return row.sessionVersion;
  });
}

/**
 * Starts a session of `userId` named `id` (a random id the caller drew), ending for good at
 * `expiresAt`. The user's sessions past their end are deleted on the way: the table holds
 * live sessions only.
 */
export async function createUserSession(input: {
  id: string;
  userId: string;
  expiresAt: Date;
  now: Date;
}): Promise<void> {
  const client = await db();
  await client.$transaction([
    client.userSession.deleteMany({
      where: { userId: input.userId, expiresAt: { lte: input.now } },
    }),
    client.userSession.create({
      data: {
        id: input.id,
        userId: input.userId,
        createdAt: input.now,
        expiresAt: input.expiresAt,
      },
    }),
  ]);
}

/**
 * The user of a live session: `userId` whose session `sessionId` exists and has not reached
 * its end at `now`. One query (the session is an EXISTS on its primary key beside the user's).
 */
export async function findUserBySession(
  userId: string,
  sessionId: string,
  now: Date,
): Promise<UserDto | null> {
  const client = await db();
  const row = await client.user.findFirst({
    where: { id: userId, sessions: { some: { id: sessionId, expiresAt: { gt: now } } } },
    select: userSelect,
  });
  return row ? toDto(row) : null;
}

/** When session `sessionId` ends for good, or null when it is not live. */
export async function findUserSessionEnd(sessionId: string): Promise<Date | null> {
  const client = await db();
  const row = await client.userSession.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true },
  });
  return row?.expiresAt ?? null;
}

/** Ends one session (signing out on one device leaves the others signed in). */
export async function deleteUserSession(sessionId: string): Promise<void> {
  const client = await db();
  await client.userSession.deleteMany({ where: { id: sessionId } });
}

/**
 * Links an OAuth identity to the account with `email`, creating a student account when there
 * is none. The caller has decided the provider may be trusted with that email
 * (lib/auth/oauth-linking.ts). Returns the user id.
 */
export async function linkOAuthIdentity(input: {
  provider: string;
  providerAccountId: string;
  /** Null when the provider did not vouch for an email: then only a known identity signs in. */
  email: string | null;
  name: string | null;
}): Promise<string> {
  const client = await db();
  const { provider, providerAccountId } = input;
  const linked = await client.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  if (linked) return linked.userId;
  if (input.email === null) throw new Error(`${provider} identity without a verified email`);
  const user =
    (await findUserByEmail(input.email)) ??
    (await createUser({ email: input.email, name: input.name, passwordHash: null }));
  await client.account.create({ data: { userId: user.id, provider, providerAccountId } });
  return user.id;
}

/** Whether an OAuth identity is linked already (to whichever account). */
export async function oauthIdentityLinked(
  provider: string,
  providerAccountId: string,
): Promise<boolean> {
  const client = await db();
  const linked = await client.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return linked !== null;
}

export type AuditEntryDto = {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: string;
  createdAt: Date;
};

export async function listAuditEntries(targetId: string): Promise<AuditEntryDto[]> {
  const client = await db();
  return client.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' } });
}
