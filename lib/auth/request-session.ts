// Who is asking, read from a Request's Cookie header: for handlers that run outside Next.js's
// request scope (the quiz API, lib/quiz-api). A day-old session comes back with the
// Set-Cookie header that renews it, for the handler to send with its answer.
import { parse, serialize } from 'cookie';
import type { UserDto } from '@/lib/db';
import { freshSessionCookie, sessionCookieName, userFromSessionToken } from './session-token';

export type RequestSession = { user: UserDto | null; setCookie: string | null };

export async function sessionFromRequest(
  request: Pick<Request, 'headers'>,
  nowMs: number = Date.now(),
): Promise<RequestSession> {
  const name = sessionCookieName();
  const header = request.headers.get('cookie');
  const raw = name && header ? parse(header)[name] : undefined;
  const session = await userFromSessionToken(raw, nowMs);
  if (!session) return { user: null, setCookie: null };
  if (!session.renew) return { user: session.user, setCookie: null };
  const cookie = await freshSessionCookie(session.user, session.sid, nowMs).catch(() => null);
  return {
    user: session.user,
    setCookie: cookie ? serialize(cookie.name, cookie.value, cookie.options) : null,
  };
}
