// The session cookie's token, read and renewed without Next.js's request APIs: pages and
// actions reach it through next/headers (./session.ts), the quiz API's handlers through the
// request itself (./request-session.ts), NextAuth's own routes through the jwt callback
// (./options.ts). All of them accept a token by the same rule, `liveSessionUser`.
import { randomBytes } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { createUserSession, findUserBySession, findUserSessionEnd, type UserDto } from '@/lib/db';
import { sessionCookies } from './cookies';
import { decodeSessionJwt } from './session-jwt';

/** How long an unused session cookie lives (NextAuth's maxAge for the JWT): the idle limit. */
export const SESSION_MAX_AGE_SEC = 14 * 24 * 60 * 60;

/** A session ends this long after sign-in, however often it was renewed: the absolute limit. */
export const SESSION_ABSOLUTE_SEC = 30 * 24 * 60 * 60;

/** A session in use is renewed (its 14 days start again) once it is this old. */
export const SESSION_RENEW_AFTER_SEC = 24 * 60 * 60;

/** The session cookie's name under the current configuration (it depends on HTTPS). */
export function sessionCookieName(): string | undefined {
  return sessionCookies().sessionToken?.name;
}

/** The claims that tie a token to a session: user id, session version, session id. */
type SessionClaims = { uid?: unknown; sv?: unknown; sid?: unknown; [claim: string]: unknown };

/**
 * The user a token's claims stand for, or null when the session was ended (signed out, past
 * its absolute end, unknown) or is of an older session version (a password change ended it).
 * One query: the user's row, with the session's as an EXISTS beside it.
 */
export async function liveSessionUser(
  claims: SessionClaims,
  nowMs: number = Date.now(),
): Promise<UserDto | null> {
  const { uid, sid } = claims;
  if (typeof uid !== 'string' || typeof sid !== 'string' || sid === '') return null;
  const user = await findUserBySession(uid, sid, new Date(nowMs));
  if (!user || user.sessionVersion !== (typeof claims.sv === 'number' ? claims.sv : 0)) {
    return null;
  }
  return user;
}

export type LiveSession = { user: UserDto; sid: string; renew: boolean };

/**
 * The session a token stands for, or null when the token is missing, expired, tampered with,
 * signed by another secret, or its session is no longer live (`liveSessionUser`). `renew`
 * says the token is old enough to be re-issued where a cookie can be set.
 */
export async function userFromSessionToken(
  raw: string | undefined,
  nowMs: number = Date.now(),
): Promise<LiveSession | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  const token = await decodeSessionJwt(raw, secret).catch(() => null);
  if (!token) return null;
  const user = await liveSessionUser(token, nowMs);
  if (!user) return null;
  const issuedAt = typeof token.iat === 'number' ? token.iat : 0;
  return {
    user,
    sid: token.sid as string,
    renew: nowMs / 1000 - issuedAt > SESSION_RENEW_AFTER_SEC,
  };
}

/** Starts a server-side session for a user who just signed in; returns its id (`sid`). */
export async function startSession(userId: string, nowMs: number = Date.now()): Promise<string> {
  const sid = randomBytes(24).toString('base64url');
  await createUserSession({
    id: sid,
    userId,
    expiresAt: new Date(nowMs + SESSION_ABSOLUTE_SEC * 1000),
    now: new Date(nowMs),
  });
  return sid;
}

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: boolean; sameSite: 'lax'; path: string; secure: boolean; expires: Date };
};

/**
 * A renewed session cookie for `user` in session `sid`, expiring after the idle limit or at
 * the session's absolute end, whichever is first. Null when no NEXTAUTH_SECRET is set or the
 * session is no longer live.
 */
export async function freshSessionCookie(
  user: UserDto,
  sid: string,
  nowMs: number = Date.now(),
): Promise<SessionCookie | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  const cookie = sessionCookies().sessionToken;
  if (!secret || !cookie) return null;
  const end = await findUserSessionEnd(sid);
  if (!end || end.getTime() <= nowMs) return null;
  const maxAge = Math.min(SESSION_MAX_AGE_SEC, Math.floor((end.getTime() - nowMs) / 1000));
  const value = await encode({
    secret,
    maxAge,
    // The same claims NextAuth's jwt callback puts in (lib/auth/options.ts).
    token: {
      sub: user.id,
      name: user.name,
      email: user.email,
      uid: user.id,
      sv: user.sessionVersion,
      sid,
    },
  });
  return {
    name: cookie.name,
    value,
    options: { ...cookie.options, expires: new Date(nowMs + maxAge * 1000) },
  };
}

/**
 * Signs `user` in without a password form: a new session and its cookie. For tests and
 * tools that need a genuine session of a user they created.
 */
export async function newSessionCookie(
  user: UserDto,
  nowMs: number = Date.now(),
): Promise<SessionCookie | null> {
  return freshSessionCookie(user, await startSession(user.id, nowMs), nowMs);
}
