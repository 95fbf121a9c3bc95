// After a password change bumps the session version, the browser that made the change gets
// a fresh session cookie carrying the new version, so it alone stays signed in.
import { cookies } from 'next/headers';
import { encode } from 'next-auth/jwt';
import type { UserDto } from '@/lib/db';
import { sessionCookies } from './cookies';
import { SESSION_MAX_AGE_SEC } from './options';

/** False when no NEXTAUTH_SECRET is set (the caller then asks the user to sign in again). */
export async function reissueSession(user: UserDto): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET;
  const cookie = sessionCookies().sessionToken;
  if (!secret || !cookie) return false;
  const token = await encode({
    secret,
    maxAge: SESSION_MAX_AGE_SEC,
    // The same claims NextAuth's jwt callback puts in (lib/auth/options.ts).
    token: {
      sub: user.id,
      name: user.name,
      email: user.email,
      uid: user.id,
      sv: user.sessionVersion,
    },
  });
  (await cookies()).set(cookie.name, token, {
    ...cookie.options,
    expires: new Date(Date.now() + SESSION_MAX_AGE_SEC * 1000),
  });
  return true;
}
