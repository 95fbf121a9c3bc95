// The session cookie's token, read and renewed without Next.js's request APIs: pages and
// actions reach it through next/headers (./session.ts), the quiz API's handlers through the
// request itself (./request-session.ts). Both see the same user and the same renewal rule.
import { encode } from 'next-auth/jwt';
import { findUserById, type UserDto } from '@/lib/db';
import { sessionCookies } from './cookies';
import { decodeSessionJwt } from './session-jwt';

/** How long a session cookie lives (NextAuth's maxAge for the JWT). */
export const SESSION_MAX_AGE_SEC = 14 * 24 * 60 * 60;

/** A session in use is renewed (its 14 days start again) once it is this old. */
export const SESSION_RENEW_AFTER_SEC = 24 * 60 * 60;

/** The session cookie's name under the current configuration (it depends on HTTPS). */
export function sessionCookieName(): string | undefined {
  return sessionCookies().sessionToken?.name;
}

/**
 * The user a session token stands for, or null when the token is missing, expired, tampered
 * with, signed by another secret, or of an older session version (a password change ended
 * it). `renew` says the token is old enough to be re-issued where a cookie can be set.
 */
export async function userFromSessionToken(
  raw: string | undefined,
  nowMs: number = Date.now(),
): Promise<{ user: UserDto; renew: boolean } | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  const token = await decodeSessionJwt(raw, secret).catch(() => null);
  if (!token || typeof token.uid !== 'string') return null;
  const user = await findUserById(token.uid);
  if (!user || user.sessionVersion !== (typeof token.sv === 'number' ? token.sv : 0)) return null;
  const issuedAt = typeof token.iat === 'number' ? token.iat : 0;
  return { user, renew: nowMs / 1000 - issuedAt > SESSION_RENEW_AFTER_SEC };
}

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: boolean; sameSite: 'lax'; path: string; secure: boolean; expires: Date };
};

/** A fresh session cookie for `user`, or null when no NEXTAUTH_SECRET is set. */
export async function freshSessionCookie(
  user: UserDto,
  nowMs: number = Date.now(),
): Promise<SessionCookie | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  const cookie = sessionCookies().sessionToken;
  if (!secret || !cookie) return null;
  const value = await encode({
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
  return {
    name: cookie.name,
    value,
    options: { ...cookie.options, expires: new Date(nowMs + SESSION_MAX_AGE_SEC * 1000) },
  };
}
