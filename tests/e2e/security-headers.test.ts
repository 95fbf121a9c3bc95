// The security headers as a browser meets them: every main page renders and hydrates under
// the nonce-based CSP with no violation, an injected inline script is refused, the static
// headers are on pages and assets, session cookies are httpOnly/Lax, and a cross-site POST
// to a route handler is refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  '/',
  '/lessons',
  '/lessons/three-way-handshake',
  '/simulator',
  '/practice',
  '/flashcards',
  '/signin',
  '/signup',
];

type Watch = { violations: () => Promise<string[]>; consoleErrors: string[] };

/** Collects CSP reports from the console and from `securitypolicyviolation` events. */
async function watchCsp(page: Page): Promise<Watch> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/content[- ]security[- ]policy|refused to (execute|load|apply)/i.test(text)) {
      consoleErrors.push(text);
    }
  });
  // Runs through the DevTools protocol, before any page script, and is not itself subject
  // to the page's CSP.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return {
    consoleErrors,
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
  };
}

/** True once React has hydrated the page (it tags the DOM nodes it owns). */
function hydrated(page: Page) {
  return page.waitForFunction(
    () => {
      const node = document.querySelector('main') ?? document.body;
      return Object.keys(node).some((key) => key.startsWith('__reactFiber'));
    },
    undefined,
    { timeout: 20_000 },
  );
}

async function visitAll(page: Page, watch: Watch) {
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    await hydrated(page);
    expect(await watch.violations(), path).toEqual([]);
  }
  expect(watch.consoleErrors).toEqual([]);
}

describe('content security policy', () => {
  test('every main page renders and hydrates with no violation (visitor)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await visitAll(page, await watchCsp(page));
    await context.close();
  });

  test('every main page renders and hydrates with no violation (signed in)', async () => {
    const context = await newContext(browser, 'zh-CN');
    const page = await context.newPage();
    const watch = await watchCsp(page);
    await signIn(page, 'student@ackademy.dev', 'ackademy-student');
    await visitAll(page, watch);
    await context.close();
  });

  test('a fresh nonce per response, and an injected inline script is refused', async () => {
    const first = await fetch(`${baseUrl()}/`);
    const second = await fetch(`${baseUrl()}/`);
    const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
    const nonce = nonceOf(first.headers.get('content-security-policy'));
    expect(nonce).toBeTruthy();
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);
    // Next stamps its own scripts with the request's nonce.
    expect(await first.text()).toContain(`nonce="${nonce}"`);

    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchCsp(page);
    // What a stored-XSS bug would produce: a parser-inserted script without the nonce.
    await page.route('**/lessons', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        '</body>',
        '<script>window.__injected = true</script></body>',
      );
      await route.fulfill({ response, body });
    });
    await page.goto('/lessons');
    await hydrated(page);
    expect(await page.evaluate(() => '__injected' in window)).toBe(false);
    const violations = await watch.violations();
    expect(violations.length).toBe(1);
    expect(violations[0]).toMatch(/^script-src/);
    await context.close();
  });
});

describe('headers', () => {
  test('pages, JSON routes and static files carry the security headers; no HSTS over plain HTTP', async () => {
    const page = await fetch(`${baseUrl()}/lessons`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    expect(page.headers.get('strict-transport-security')).toBeNull();

    // X-Forwarded-Proto is ignored unless TRUST_PROXY is set (it is not here).
    const spoofed = await fetch(`${baseUrl()}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();

    const html = await (await fetch(`${baseUrl()}/`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const script = await fetch(`${baseUrl()}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');

    // JSON routes skip the per-request nonce and get a policy that allows nothing.
    const json = await fetch(`${baseUrl()}/api/auth/csrf`);
    expect(json.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');

    // The quiz API, which the server answers without Next.js, carries the same headers.
    const quizApi = [
      await fetch(`${baseUrl()}/api/attempts/no-such-attempt`),
      await fetch(`${baseUrl()}/api/attempts/no-such-attempt/answers`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      }),
    ];
    expect(quizApi.map((r) => r.status)).toEqual([401, 403]);
    for (const response of quizApi) {
      for (const name of [
        'content-security-policy',
        'x-content-type-options',
        'referrer-policy',
        'x-frame-options',
        'cross-origin-opener-policy',
        'permissions-policy',
      ]) {
        expect(response.headers.get(name), name).toBe(json.headers.get(name));
      }
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  test('the session cookie is httpOnly and SameSite=Lax', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'student@ackademy.dev', 'ackademy-student');
    const session = (await context.cookies()).find((c) => c.name.endsWith('session-token'));
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Served over plain HTTP here, so not Secure (a Secure cookie would never come back).
    expect(session?.secure).toBe(false);
    await context.close();
  });

  test('a cross-site POST to a route handler is refused with 403', async () => {
    const evil = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(evil.status).toBe(403);
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
    expect(csrf.status).toBe(200);
  });

  test('a server action posted from another origin is refused by Next.js and does not run', async () => {
    const html = await (await fetch(`${baseUrl()}/signup`)).text();
    const id = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const call = (origin: string) =>
      fetch(`${baseUrl()}/signup`, {
        method: 'POST',
        headers: { origin, 'next-action': id!, 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify([{ status: 'idle' }, '$K1']),
      });
    // Same origin: the action runs (and refuses the empty form with its own answer).
    const same = await call(baseUrl());
    expect(same.status).toBe(200);
    expect(await same.text()).toContain('"status":"error"');
    const evil = await call('https://evil.example');
    expect(evil.status).toBeGreaterThanOrEqual(400);
    expect(await evil.text()).not.toContain('"status"');
  });
});
