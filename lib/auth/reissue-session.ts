// After a password change bumps the session version, the browser that made the change gets
// a fresh session cookie carrying the new version, so it alone stays signed in.
import { cookies } from 'next/headers';
import type { UserDto } from '@/lib/db';
import { freshSessionCookie } from './session-token';

/** False when no NEXTAUTH_SECRET is set (the caller then asks the user to sign in again). */
export async function reissueSession(user: UserDto): Promise<boolean> {
  const cookie = await freshSessionCookie(user);
  if (!cookie) return false;
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  return true;
}
