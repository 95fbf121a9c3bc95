// Reading the session on each real database: the cookie decodes to its user only while the
// token is genuine, unexpired, of the user's current session version and of a live server-side
// session (not signed out, not past its absolute end); a day-old session in use is renewed
// where a cookie can be set. Pages, the quiz API and NextAuth's own routes agree.
import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, test, vi } from 'vitest';

const jar = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'session-test-secret-0123456789abcdef';
  return {
    value: undefined as string | undefined,
    set: [] as { name: string; value: string; expires?: Date }[],
  };
});

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      jar.value !== undefined && name === 'next-auth.session-token'
        ? { name, value: jar.value }
        : undefined,
    set: (name: string, value: string, options: { expires?: Date }) => {
      jar.set.push({ name, value, expires: options.expires });
    },
  }),
}));

import { buildAuthOptions } from '@/lib/auth/options';
import { sessionFromRequest } from '@/lib/auth/request-session';
import { getCurrentUser, SESSION_RENEW_AFTER_SEC } from '@/lib/auth/session';
import { SESSION_ABSOLUTE_SEC, startSession } from '@/lib/auth/session-token';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/db/users';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
  jar.value = undefined;
  jar.set = [];
  vi.useRealTimers();
});

const secret = process.env.NEXTAUTH_SECRET!;
const tokenFor = (uid: string, sv: number, sid: string, maxAge?: number) =>
  encode({ secret, token: { sub: uid, uid, sv, sid }, ...(maxAge ? { maxAge } : {}) });

/** A user with one live session, and a token of it. */
async function signedIn(email = 's@example.com') {
  const user = await createUser({ email, passwordHash: null });
  const sid = await startSession(user.id);
  return { user, sid, token: await tokenFor(user.id, 0, sid) };
}

const DAY_MS = 24 * 3600 * 1000;

/** NextAuth's jwt callback as `/api/auth/session` calls it: a token, no sign-in. */
const jwtCallback = (token: Record<string, unknown>) =>
  buildAuthOptions().callbacks!.jwt!({ token } as never);

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('a genuine token of the current version is its user', async () => {
    current = await createTestDatabase(provider);
    const { user, token } = await signedIn();
    jar.value = token;
    expect((await getCurrentUser())?.id).toBe(user.id);
    // Fresh: nothing is re-issued.
    expect(jar.set).toEqual([]);
  });

  test.skipIf(!available)('no cookie, a tampered, foreign or expired token: nobody', async () => {
    current = await createTestDatabase(provider);
    const { user, sid, token: genuine } = await signedIn();
    expect(await getCurrentUser()).toBeNull();
    const cases = [
      `${genuine.slice(0, -4)}AAAA`,
      await encode({
        secret: 'another-secret-0123456789abcdef',
        token: { uid: user.id, sv: 0, sid },
      }),
      await tokenFor('no-such-user', 0, sid),
      // Tokens issued before sessions were kept on the server, and unknown sessions.
      await encode({ secret, token: { sub: user.id, uid: user.id, sv: 0 } }),
      await tokenFor(user.id, 0, 'no-such-session'),
      'not a token',
    ];
    for (const value of cases) {
      jar.value = value;
      expect(await getCurrentUser()).toBeNull();
    }
    jar.value = await tokenFor(user.id, 0, sid, 1);
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ['Date'] });
    expect(await getCurrentUser()).toBeNull();
  });

  test.skipIf(!available)('a password change (version bump) ends older sessions', async () => {
    current = await createTestDatabase(provider);
    const { user, sid, token } = await signedIn();
    jar.value = token;
    // What a password change does to the row (lib/auth/change-password.ts).
    await (
      await db()
    ).user.update({
      where: { id: user.id },
      data: { sessionVersion: { increment: 1 } },
    });
    expect(await getCurrentUser()).toBeNull();
    // NextAuth's /api/auth/session refuses it too.
    await expect(jwtCallback({ uid: user.id, sv: 0, sid })).rejects.toThrow();
    jar.value = await tokenFor(user.id, 1, sid);
    expect((await getCurrentUser())?.id).toBe(user.id);
  });

  test.skipIf(!available)('a session older than a day is renewed for 14 more days', async () => {
    current = await createTestDatabase(provider);
    const { user, token } = await signedIn();
    jar.value = token;
    const later = Date.now() + (SESSION_RENEW_AFTER_SEC + 60) * 1000;
    vi.useFakeTimers({ now: later, toFake: ['Date'] });
    expect((await getCurrentUser())?.id).toBe(user.id);
    expect(jar.set).toHaveLength(1);
    const renewed = jar.set[0]!;
    expect(renewed.name).toBe('next-auth.session-token');
    expect(renewed.expires!.getTime()).toBeGreaterThan(later + 13 * 24 * 3600 * 1000);
    jar.value = renewed.value;
    jar.set = [];
    expect((await getCurrentUser())?.id).toBe(user.id);
    expect(jar.set).toEqual([]);
  });

  // The quiz API reads the same session from the request's Cookie header (lib/quiz-api).
  const requestWith = (cookie: string | null) =>
    new Request('http://localhost/api/attempts/x', cookie ? { headers: { cookie } } : {});

  test.skipIf(!available)(
    'from a Cookie header: the same user, nobody for a bad token, a Set-Cookie when due',
    async () => {
      current = await createTestDatabase(provider);
      const { user, sid, token: genuine } = await signedIn();
      expect(await sessionFromRequest(requestWith(null))).toEqual({ user: null, setCookie: null });
      const fresh = await sessionFromRequest(
        requestWith(`theme=dark; next-auth.session-token=${genuine}; other=1`),
      );
      expect(fresh.user?.id).toBe(user.id);
      expect(fresh.setCookie).toBeNull();
      for (const value of [`${genuine.slice(0, -4)}AAAA`, await tokenFor(user.id, 1, sid), 'x']) {
        expect(
          (await sessionFromRequest(requestWith(`next-auth.session-token=${value}`))).user,
        ).toBeNull();
      }
      const later = Date.now() + (SESSION_RENEW_AFTER_SEC + 60) * 1000;
      const due = await sessionFromRequest(
        requestWith(`next-auth.session-token=${genuine}`),
        later,
      );
      expect(due.user?.id).toBe(user.id);
      const renewed = /^next-auth\.session-token=([^;]+);(.*)$/.exec(due.setCookie ?? '');
      expect(renewed).not.toBeNull();
      expect(renewed![2]).toMatch(/HttpOnly/);
      expect(renewed![2]).toMatch(/SameSite=Lax/);
      expect(renewed![2]).toMatch(/Path=\//);
      const expires = Date.parse(/Expires=([^;]+)/.exec(renewed![2]!)![1]!);
      expect(expires).toBeGreaterThan(later + 13 * 24 * 3600 * 1000);
      // The renewed token is a session of the same user.
      expect(
        (await sessionFromRequest(requestWith(`next-auth.session-token=${renewed![1]}`))).user?.id,
      ).toBe(user.id);
    },
  );
  test.skipIf(!available)(
    'signing out ends that session everywhere it is read, and only that one',
    async () => {
      current = await createTestDatabase(provider);
      const { user, sid, token } = await signedIn();
      // The same user on another device.
      const otherSid = await startSession(user.id);
      const other = await tokenFor(user.id, 0, otherSid);
      // A copy of the cookie works before the sign-out…
      jar.value = token;
      expect((await getCurrentUser())?.id).toBe(user.id);
      expect(await jwtCallback({ uid: user.id, sv: 0, sid })).toMatchObject({ sid });

      // …and not after: NextAuth's sign-out event ends the session on the server.
      await buildAuthOptions().events!.signOut!({ token: { uid: user.id, sv: 0, sid } } as never);
      expect(await getCurrentUser()).toBeNull();
      expect(
        (await sessionFromRequest(requestWith(`next-auth.session-token=${token}`))).user,
      ).toBeNull();
      await expect(jwtCallback({ uid: user.id, sv: 0, sid })).rejects.toThrow();

      // The other device is still signed in.
      jar.value = other;
      expect((await getCurrentUser())?.id).toBe(user.id);
      expect(await jwtCallback({ uid: user.id, sv: 0, sid: otherSid })).toMatchObject({
        sid: otherSid,
      });
    },
  );

  test.skipIf(!available)(
    'a session ends 30 days after sign-in however often it was renewed',
    async () => {
      current = await createTestDatabase(provider);
      const start = Date.now();
      const { user, sid, token } = await signedIn();
      // Renewed every 13 days, each renewal valid for 14 idle days…
      let cookie = token;
      for (const day of [13, 26]) {
        const at = start + day * DAY_MS;
        vi.useFakeTimers({ now: at, toFake: ['Date'] });
        const renewed = await sessionFromRequest(
          requestWith(`next-auth.session-token=${cookie}`),
          at,
        );
        expect(renewed.user?.id).toBe(user.id);
        const value = /^next-auth\.session-token=([^;]+);/.exec(renewed.setCookie ?? '')?.[1];
        expect(value).toBeDefined();
        cookie = value!;
        // The renewed cookie never outlives the session's absolute end.
        const expires = Date.parse(/Expires=([^;]+)/.exec(renewed.setCookie!)![1]!);
        expect(expires).toBeLessThanOrEqual(start + SESSION_ABSOLUTE_SEC * 1000 + 1000);
      }
      // …the session still ends at day 30, in every reader.
      vi.useFakeTimers({ now: start + SESSION_ABSOLUTE_SEC * 1000 - 60_000, toFake: ['Date'] });
      jar.value = cookie;
      expect((await getCurrentUser())?.id).toBe(user.id);
      vi.useFakeTimers({ now: start + SESSION_ABSOLUTE_SEC * 1000 + 60_000, toFake: ['Date'] });
      expect(await getCurrentUser()).toBeNull();
      expect(
        (await sessionFromRequest(requestWith(`next-auth.session-token=${cookie}`))).user,
      ).toBeNull();
      await expect(jwtCallback({ uid: user.id, sv: 0, sid })).rejects.toThrow();
    },
  );
});
