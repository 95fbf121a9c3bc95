// Who is asking: the signed-in user, re-read from the database on every request so a
// role change applies at once and a password change ends older sessions.
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { findUserById, type Role, type UserDto } from '@/lib/db';
import { sessionCookies } from './cookies';
import { reissueSession } from './reissue-session';

/** A session in use is renewed (its 14 days start again) once it is this old. */
export const SESSION_RENEW_AFTER_SEC = 24 * 60 * 60;

/**
 * The session cookie is decoded directly rather than through getServerSession: that call also
 * re-encrypts the cookie on every request, which cost as much as the rest of a page's
 * session work and cannot even be stored from a page render. Renewal happens instead where
 * a cookie can be set (route handlers, server actions), once a day.
 */
export const getCurrentUser = cache(async (): Promise<UserDto | null> => {
  const name = sessionCookies().sessionToken?.name;
  const raw = name ? (await cookies()).get(name)?.value : undefined;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  // An expired, tampered or foreign token decodes to nothing.
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token || typeof token.uid !== 'string') return null;
  const user = await findUserById(token.uid);
  if (!user || user.sessionVersion !== (typeof token.sv === 'number' ? token.sv : 0)) return null;
  const issuedAt = typeof token.iat === 'number' ? token.iat : 0;
  if (Date.now() / 1000 - issuedAt > SESSION_RENEW_AFTER_SEC) {
    // A page render may not set cookies; the next route handler or action will.
    await reissueSession(user).catch(() => false);
  }
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
