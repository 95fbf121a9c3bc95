// The quiz API served from Node's http server (lib/quiz-api/node.ts), on a real socket: the
// Request a handler receives, the headers every answer carries, oversized bodies, failures;
// and the refusals made before a request may wait for an admission slot.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { sessionCookieName } from '@/lib/auth/session-token';
import type { UserDto } from '@/lib/db';
import { saveAnswer } from '@/lib/quiz-api';
import { refusedEarly, serveQuizApi, type QuizApiRoute } from '@/lib/quiz-api/node';
import { API_HEADERS, SECURITY_HEADERS } from '@/lib/security/static-headers.mjs';

/** Handlers for the test, chosen by the request's path. */
const handlers: Record<string, QuizApiRoute['handler']> = {
  // Says back what it was given.
  '/echo': async (request, id) =>
    Response.json(
      {
        id,
        method: request.method,
        url: request.url,
        cookie: request.headers.get('cookie'),
        body: request.body ? await request.text() : null,
      },
      { status: 201, headers: { 'x-handler': 'echo' } },
    ),
  '/cookies': async () => {
    const response = Response.json({ ok: true });
    response.headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
    response.headers.append('set-cookie', 'b=2; Path=/');
    return response;
  },
  '/throws': async () => {
    throw new Error('the handler failed');
  },
  // The real autosave handler: it refuses an oversized body before it looks for a session.
  '/save': saveAnswer,
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    void serveQuizApi(req, res, { handler: handlers[path]!, id: 'id-1' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('serveQuizApi', () => {
  test('the handler gets the method, URL, headers and body; its status and headers come back', async () => {
    const response = await fetch(`${base}/echo?locale=zh`, {
      method: 'POST',
      headers: { cookie: 'k=v', 'content-type': 'application/json' },
      body: '{"position":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-handler')).toBe('echo');
    expect(await response.json()).toEqual({
      id: 'id-1',
      method: 'POST',
      url: `${base}/echo?locale=zh`,
      cookie: 'k=v',
      body: '{"position":1}',
    });
  });

  test('a GET carries no body', async () => {
    const body = (await (await fetch(`${base}/echo`)).json()) as { body: unknown };
    expect(body.body).toBeNull();
  });

  test('every answer carries the headers Next.js puts on /api responses', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const path of ['/echo', '/throws']) {
      const response = await fetch(`${base}${path}`);
      for (const { key, value } of [...SECURITY_HEADERS, ...API_HEADERS]) {
        expect(response.headers.get(key), `${path} ${key}`).toBe(value);
      }
    }
    logged.mockRestore();
  });

  test('several Set-Cookie headers stay separate', async () => {
    const response = await fetch(`${base}/cookies`);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
  });

  test('a handler that throws is a 500 with a JSON error, and the server goes on', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = await fetch(`${base}/throws`);
    expect(logged).toHaveBeenCalledWith(new Error('the handler failed'));
    logged.mockRestore();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'internal', message: 'internal error' });
    expect((await fetch(`${base}/echo`)).status).toBe(201);
  });

  test('an oversized body is refused unread with 413, and the connection is closed', async () => {
    for (const chunked of [false, true]) {
      const big = 'x'.repeat(200_000);
      const response = await fetch(`${base}/save`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A stream has no declared length: the limit must hold while reading.
        body: chunked ? new Blob([big]).stream() : big,
        ...(chunked ? { duplex: 'half' } : {}),
      } as RequestInit);
      expect(response.status).toBe(413);
      expect((await response.json()) as { error: string }).toMatchObject({ error: 'too_large' });
    }
    expect((await fetch(`${base}/echo`)).status).toBe(201);
  });
});

describe('refusedEarly', () => {
  let early: Server;
  let earlyBase: string;
  const secret = 'unit-test-secret-0123456789-0123456789';

  beforeAll(async () => {
    process.env.NEXTAUTH_SECRET = secret;
    early = createServer((req, res) => {
      void refusedEarly(req, res).then((answered) => {
        if (!answered) res.end('admitted');
      });
    });
    await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve));
    earlyBase = `http://127.0.0.1:${(early.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    early.closeAllConnections();
    await new Promise((resolve) => early.close(resolve));
  });

  const user = { id: 'u1', name: 'A', email: 'a@example.test', sessionVersion: 0 } as UserDto;
  // A token as NextAuth issues it; the early refusal only decrypts it (the handler, not
  // tested here, then checks the session in the database).
  const sessionCookie = async () => ({
    name: sessionCookieName()!,
    value: await encode({
      secret: process.env.NEXTAUTH_SECRET!,
      maxAge: 3600,
      token: { sub: user.id, uid: user.id, sv: user.sessionVersion, sid: 'session-1' },
    }),
  });

  test.each([
    ['a cross-site POST', 'POST', { origin: 'https://evil.example' }, 403],
    ['a POST without a session', 'POST', {}, 401],
    ['a GET without a session', 'GET', {}, 401],
    ['a session cookie of garbage', 'GET', { cookie: `${sessionCookieName()}=a.b.c.d.e` }, 401],
  ])('%s is answered %i without a handler', async (_, method, headers, status) => {
    const response = await fetch(`${earlyBase}/api/attempts/a1`, { method, headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(API_HEADERS[0]!.value);
  });

  test('a request with a session that decrypts goes on to the handler', async () => {
    const cookie = await sessionCookie();
    const response = await fetch(`${earlyBase}/api/attempts/a1`, {
      method: 'POST',
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(await response.text()).toBe('admitted');
  });

  test('a session signed with another secret is refused', async () => {
    const cookie = await sessionCookie();
    process.env.NEXTAUTH_SECRET = `${secret}-rotated`;
    try {
      const response = await fetch(`${earlyBase}/api/attempts/a1`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      expect(response.status).toBe(401);
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });
});
