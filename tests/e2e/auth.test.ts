// The foundation as a person meets it: language, sign-up, the demo accounts, roles, sign-out;
// and as an attacker meets it: a copied cookie after sign-out, redirects after sign-in to
// another site, one client filling the sign-in limits for everyone.
import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { baseUrl, launchBrowser, newContext, screenshot, signIn } from './browser';
import { HttpClient } from './http-client';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the landing page', () => {
  test('speaks Chinese to a browser that prefers it and English otherwise', async () => {
    const zh = await newContext(browser, 'zh-CN');
    const zhPage = await zh.newPage();
    await zhPage.goto('/');
    expect(await zhPage.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await zhPage.locator('h1').innerText()).toContain('报文段');
    expect(await zhPage.getByTestId('main-nav').innerText()).toContain('课程');
    await screenshot(zhPage, 'landing-zh');
    await zh.close();

    const en = await newContext(browser, 'en-US');
    const enPage = await en.newPage();
    await enPage.goto('/');
    expect(await enPage.locator('html').getAttribute('lang')).toBe('en');
    expect(await enPage.locator('h1').innerText()).toContain('next segment');
    expect(await enPage.getByTestId('demo-accounts').innerText()).toContain('student@ackademy.dev');
    await screenshot(enPage, 'landing-en');
    await en.close();
  });

  test('a switched language is remembered across reloads', async () => {
    const context = await newContext(browser, 'en-US');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('language-switch').selectOption('zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.locator('h1').innerText()).toContain('报文段');
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('language-switch').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await context.close();
  });
});

describe('accounts', () => {
  test('a newcomer signs up, is signed in as a student, and signs out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = `new-${Date.now()}@example.com`;
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a good password');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toContain(email);
    expect(await page.getByTestId('main-nav').innerText()).not.toContain('Teach');
    await screenshot(page, 'signed-up');

    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await context.close();
  });

  test('signing up with a taken email reveals nothing and signs nobody in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/signup');
    await page.getByLabel('Email').fill('student@ackademy.dev');
    await page.getByLabel('Password').fill('not the demo password');
    // The server action accepts it as it would a new email (tests/integration/users.test.ts
    // compares the two answers); the sign-in that follows fails, in words that do not say why.
    await page.locator('form button[type=submit]').click();
    expect(await page.getByTestId('form-error').innerText()).toContain(
      'If you already have an account with this email',
    );
    expect(await page.locator('main').innerText()).not.toMatch(/exists already|taken/i);
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    // The account is unchanged: its own password still signs in.
    await signIn(page, 'student@ackademy.dev', 'ackademy-student');
    await context.close();
  });

  test('a common password is refused at sign-up, in words', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/signup');
    await page.getByLabel('Email').fill(`common-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('password1234');
    await page.locator('form button[type=submit]').click();
    await page.getByText('one of the most common').waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await context.close();
  });

  test('a wrong password gets a clear error and no session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel('Email').fill('student@ackademy.dev');
    await page.getByLabel('Password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    expect(await page.getByTestId('form-error').innerText()).toContain(
      'Email or password is wrong',
    );
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await context.close();
  });
});

describe('roles', () => {
  test('the demo student sees no Teach and is refused at /teach', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'student@ackademy.dev', 'ackademy-student');
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('Student');
    expect(await page.getByTestId('main-nav').innerText()).not.toContain('Teach');
    await page.goto('/teach');
    expect(await page.getByTestId('forbidden').innerText()).toContain('for instructors');
    await context.close();
  });

  test('the demo instructor sees Teach and can open it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'teacher@ackademy.dev', 'ackademy-teacher');
    expect(await page.getByTestId('main-nav').innerText()).toContain('Teach');
    await page.getByRole('link', { name: 'Teach' }).click();
    await page.getByRole('heading', { name: 'Teach' }).waitFor();
    expect(await page.getByTestId('forbidden').count()).toBe(0);
    await screenshot(page, 'teach');
    await context.close();
  });

  test('an anonymous visitor at /teach is sent to sign in and comes back after', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/teach');
    await page.waitForURL(/\/signin\?callbackUrl=%2Fteach|\/signin\?callbackUrl=\/teach/);
    await page.getByLabel('Email').fill('teacher@ackademy.dev');
    await page.getByLabel('Password').fill('ackademy-teacher');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/teach$/);
    await page.getByRole('heading', { name: 'Teach' }).waitFor();
    await context.close();
  });
});

/** The session cookie a signed-in browser context holds. */
async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) =>
    c.name.endsWith('next-auth.session-token'),
  );
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** What each reader of the session says to a bare copy of a session cookie. */
async function readersSay(cookie: string) {
  const copy = new HttpClient();
  const [name, ...value] = cookie.split('=');
  copy.cookies.set(name!, value.join('='));
  const options = { keepCookies: false } as const;
  const page = await copy.get('/account', options);
  const session = await copy.get('/api/auth/session', options);
  const quizApi = await copy.get('/api/attempts/no-such-attempt', options);
  return {
    page: page.status === 200 ? 'signed in' : `${page.status} ${page.location ?? ''}`,
    session: (JSON.parse(session.body || '{}') as { user?: unknown }).user ? 'user' : 'none',
    quizApi: quizApi.status,
  };
}

describe('sessions end on the server', () => {
  test('after sign-out a copied cookie is refused by pages, actions, the quiz API and NextAuth', async () => {
    const email = `copy-${Date.now()}@example.com`;
    const here = await newContext(browser);
    const page = await here.newPage();
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a good password');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('signed-in-as').waitFor();
    const copied = await sessionCookieOf(page);

    // The thief's browser, with the copy, has the account page (and its form) open.
    const thief = await newContext(browser);
    const [name, ...value] = copied.split('=');
    await thief.addCookies([{ name: name!, value: value.join('='), url: baseUrl() }]);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/account');
    expect(await thiefPage.locator('h1').innerText()).toBe('Account');
    expect(await readersSay(copied)).toEqual({ page: 'signed in', session: 'user', quizApi: 404 });

    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();

    expect(await readersSay(copied)).toEqual({
      page: '307 /signin?callbackUrl=/account',
      session: 'none',
      quizApi: 401,
    });
    // A server action with the copy: the password form's action finds nobody signed in.
    await thiefPage.getByLabel('Current password').fill('a good password');
    await thiefPage.getByLabel('New password', { exact: true }).fill('stolen new password');
    await thiefPage.getByLabel('Repeat the new password').fill('stolen new password');
    await thiefPage.getByRole('button', { name: 'Change password' }).click();
    expect(await thiefPage.getByTestId('form-error').innerText()).toContain('signed out');
    // The password did not change.
    const again = await newContext(browser);
    await signIn(await again.newPage(), email, 'a good password');
    await Promise.all([here.close(), thief.close(), again.close()]);
  });

  test('signing out on one device leaves the other signed in', async () => {
    const one = new HttpClient();
    const two = new HttpClient();
    await one.signIn('teacher@ackademy.dev', 'ackademy-teacher');
    await two.signIn('teacher@ackademy.dev', 'ackademy-teacher');
    const csrfToken = await one.csrfToken();
    await one.post('/api/auth/signout', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, json: 'true' }).toString(),
    });
    const session = (c: HttpClient) =>
      c
        .get('/api/auth/session')
        .then((r) => (JSON.parse(r.body || '{}') as { user?: unknown }).user);
    expect(await session(one)).toBeUndefined();
    expect(await session(two)).toBeDefined();
  });

  test('a session past its absolute end is refused, even with a just-renewed cookie', async () => {
    process.env.DATABASE_URL = inject('databaseUrl');
    const { db, findUserByEmail } = await import('@/lib/db');
    const client = new HttpClient();
    await client.signIn('student@ackademy.dev', 'ackademy-student');
    // NextAuth renews the cookie on every session read; this one is fresh.
    const renewed = await client.get('/api/auth/session');
    expect((JSON.parse(renewed.body) as { user?: unknown }).user).toBeDefined();
    const cookie = [...client.cookies].find(([n]) => n.endsWith('next-auth.session-token'))!;
    // Thirty days pass for this session (its end is kept on the server, not in the cookie).
    const user = (await findUserByEmail('student@ackademy.dev'))!;
    const sessions = await (await db()).userSession.findMany({ where: { userId: user.id } });
    const newest = sessions.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!;
    await (
      await db()
    ).userSession.update({
      where: { id: newest.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await readersSay(cookie.join('='))).toEqual({
      page: '307 /signin?callbackUrl=/account',
      session: 'none',
      quizApi: 401,
    });
  });
});

describe('redirects after sign-in', () => {
  test.each([
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0d/evil.example',
    '/%5Cevil.example',
    '//evil.example',
    '/%2F%2Fevil.example',
    'https://evil.example/',
    'javascript:alert(1)',
  ])('callbackUrl=%s keeps the visitor on this site', async (callbackUrl) => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const left: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).hostname.includes('evil')) left.push(r.url());
    });
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    await page.getByLabel('Email').fill('student@ackademy.dev');
    await page.getByLabel('Password').fill('ackademy-student');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
    expect(left).toEqual([]);
    await context.close();
  });
});

/**
 * One request to the app from a given local address (127.0.0.2 is another client as far as
 * the server's socket can tell), with its own cookie jar.
 */
class OtherAddressClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly localAddress: string) {}

  send(path: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
    const url = new URL(path, baseUrl());
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          localAddress: this.localAddress,
          headers: {
            host: url.host,
            origin: url.origin,
            cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const eq = pair!.indexOf('=');
            this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A sign-in attempt; the error code NextAuth answers with ('' when it signed in). */
  async signIn(email: string, password: string, csrfToken: string): Promise<string> {
    const answer = await this.send(
      '/api/auth/callback/credentials',
      'POST',
      new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    );
    const url = (JSON.parse(answer.body || '{}') as { url?: string }).url ?? '';
    return new URL(url, baseUrl()).searchParams.get('error') ?? '';
  }
}

describe('sign-in limits', () => {
  test('hundreds of failed sign-ins from one client do not stop another client', async () => {
    const attacker = new OtherAddressClient('127.0.0.2');
    const csrf = await attacker.send('/api/auth/csrf');
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const answers: string[] = [];
    // More than the old shared bucket for "unknown" addresses held (300), spread over
    // accounts as a password sprayer would.
    for (let round = 0; round < 62; round++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            attacker.signIn(`spray-${round}-${i}@example.com`, 'guess', csrfToken),
          ),
        )),
      );
    }
    expect(answers.slice(0, 40).every((a) => a === 'CredentialsSignin')).toBe(true);
    // The attacker's address is told to wait, in words that say so.
    expect(answers.at(-1)).toMatch(/^rate-limited:\d+$/);
    // Everyone else signs in with the right password at once.
    const other = new HttpClient();
    await other.signIn('teacher@ackademy.dev', 'ackademy-teacher');
    // The attacker's address is refused before any password is looked at, even the right one:
    // "too many attempts", not "wrong password" (the form words it: tests/e2e/account.test.ts).
    expect(await attacker.signIn('teacher@ackademy.dev', 'ackademy-teacher', csrfToken)).toMatch(
      /^rate-limited:\d+$/,
    );
  });
});
