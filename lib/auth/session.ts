// Who is asking: the signed-in user, re-read from the database on every request so a
// role change applies at once and a password change ends older sessions.
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { findUserById, type Role, type UserDto } from '@/lib/db';
import { buildAuthOptions } from './options';

export const getCurrentUser = cache(async (): Promise<UserDto | null> => {
  const session = await getServerSession(buildAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(id);
  if (!user || user.sessionVersion !== (session.user?.sv ?? 0)) return null;
  return user;
});

export class AuthorizationError extends Error {
  override name = 'AuthorizationError';
  constructor(readonly code: 'unauthenticated' | 'forbidden') {
    super(code === 'unauthenticated' ? 'sign in first' : 'not allowed for this role');
  }
}

const RANK: Record<Role, number> = { student: 0, instructor: 1, admin: 2 };

/** True when `role` includes the rights of `needed` (admin ⊃ instructor ⊃ student). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export async function requireUser(): Promise<UserDto> {
  const user = await getCurrentUser();
  if (!user) throw new AuthorizationError('unauthenticated');
  return user;
}

export async function requireRole(needed: Role): Promise<UserDto> {
  const user = await requireUser();
  if (!roleAtLeast(user.role, needed)) throw new AuthorizationError('forbidden');
  return user;
}
