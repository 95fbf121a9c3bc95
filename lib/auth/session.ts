// Who is asking: the signed-in user, re-read from the database on every request so a
// role change applies at once and a password change ends older sessions.
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Role, UserDto } from '@/lib/db';
import { reissueSession } from './reissue-session';
import { roleAtLeast } from './roles';
import { sessionCookieName, userFromSessionToken, type LiveSession } from './session-token';

export { roleAtLeast } from './roles';
export { SESSION_RENEW_AFTER_SEC } from './session-token';

/**
 * The session cookie is decoded directly rather than through getServerSession: that call also
 * re-encrypts the cookie on every request, which cost as much as the rest of a page's
 * session work and cannot even be stored from a page render. Renewal happens instead where
 * a cookie can be set (route handlers, server actions), once a day.
 */
export const getCurrentSession = cache(async (): Promise<LiveSession | null> => {
  const name = sessionCookieName();
  const raw = name ? (await cookies()).get(name)?.value : undefined;
  const session = await userFromSessionToken(raw);
  if (!session) return null;
  if (session.renew) {
    // A page render may not set cookies; the next route handler or action will.
    await reissueSession(session.user, session.sid).catch(() => false);
  }
  return session;
});

export async function getCurrentUser(): Promise<UserDto | null> {
  return (await getCurrentSession())?.user ?? null;
}

export class AuthorizationError extends Error {
  override name = 'AuthorizationError';
  constructor(readonly code: 'unauthenticated' | 'forbidden') {
    super(code === 'unauthenticated' ? 'sign in first' : 'not allowed for this role');
  }
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
