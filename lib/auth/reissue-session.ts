// A session cookie re-issued where a cookie can be set: renewal of a day-old session, and,
// after a password change bumps the session version, the browser that made the change (its
// session id kept) so it alone stays signed in.
import { cookies } from 'next/headers';
import type { UserDto } from '@/lib/db';
import { freshSessionCookie } from './session-token';

/** False when no NEXTAUTH_SECRET is set or the session ended (the user signs in again). */
export async function reissueSession(user: UserDto, sid: string): Promise<boolean> {
  const cookie = await freshSessionCookie(user, sid);
  if (!cookie) return false;
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  return true;
}
