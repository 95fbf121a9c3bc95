// Reading the session on each real database: the cookie decodes to its user only while the
// token is genuine, unexpired and of the user's current session version; a day-old session in
// use is renewed where a cookie can be set.
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

import { sessionFromRequest } from '@/lib/auth/request-session';
import { getCurrentUser, SESSION_RENEW_AFTER_SEC } from '@/lib/auth/session';
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
const tokenFor = (uid: string, sv: number, maxAge?: number) =>
  encode({ secret, token: { sub: uid, uid, sv }, ...(maxAge ? { maxAge } : {}) });

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('a genuine token of the current version is its user', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 's@example.com', passwordHash: null });
    jar.value = await tokenFor(user.id, 0);
    expect((await getCurrentUser())?.id).toBe(user.id);
    // Fresh: nothing is re-issued.
    expect(jar.set).toEqual([]);
  });

  test.skipIf(!available)('no cookie, a tampered, foreign or expired token: nobody', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 's@example.com', passwordHash: null });
    expect(await getCurrentUser()).toBeNull();
    const genuine = await tokenFor(user.id, 0);
    const cases = [
      `${genuine.slice(0, -4)}AAAA`,
      await encode({ secret: 'another-secret-0123456789abcdef', token: { uid: user.id, sv: 0 } }),
      await tokenFor('no-such-user', 0),
      'not a token',
    ];
    for (const value of cases) {
      jar.value = value;
      expect(await getCurrentUser()).toBeNull();
    }
    jar.value = await tokenFor(user.id, 0, 1);
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ['Date'] });
    expect(await getCurrentUser()).toBeNull();
  });

  test.skipIf(!available)('a password change (version bump) ends older sessions', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 's@example.com', passwordHash: null });
    jar.value = await tokenFor(user.id, 0);
    // What a password change does to the row (lib/auth/change-password.ts).
    await (
      await db()
    ).user.update({
      where: { id: user.id },
      data: { sessionVersion: { increment: 1 } },
    });
    expect(await getCurrentUser()).toBeNull();
    jar.value = await tokenFor(user.id, 1);
    expect((await getCurrentUser())?.id).toBe(user.id);
  });

  test.skipIf(!available)('a session older than a day is renewed for 14 more days', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 's@example.com', passwordHash: null });
    jar.value = await tokenFor(user.id, 0);
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
      const user = await createUser({ email: 's@example.com', passwordHash: null });
      const genuine = await tokenFor(user.id, 0);
      expect(await sessionFromRequest(requestWith(null))).toEqual({ user: null, setCookie: null });
      const fresh = await sessionFromRequest(
        requestWith(`theme=dark; next-auth.session-token=${genuine}; other=1`),
      );
      expect(fresh.user?.id).toBe(user.id);
      expect(fresh.setCookie).toBeNull();
      for (const value of [`${genuine.slice(0, -4)}AAAA`, await tokenFor(user.id, 1), 'x']) {
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
});
