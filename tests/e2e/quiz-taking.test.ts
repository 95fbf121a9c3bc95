// Taking an instructor's quiz as a student: join by code, start, answers saved as they are
// entered and found again after a reload, submit with confirmation, review per the policy;
// a timed-out attempt submitted with its saved answers; no answer key reaches the browser
// before submission, nor the seeds, scenario or parameters it could be recomputed from; the
// answer routes refuse bad input with clear 4xx errors; a quiz back in draft and a student
// removed from the class lose the attempt on every route; joining is rate-limited.
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  baseUrl,
  launchBrowser,
  newContext,
  screenshot,
  seriousViolations,
  signIn,
} from './browser';
import {
  asInstructor,
  attemptKeys,
  attemptLayout,
  attemptQuestions,
  closeFixtures,
  createClassWithQuiz,
  storedAttempt,
} from './quiz-fixtures';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtures();
});

/** Every HTML, JSON and RSC body the page receives while `recording` is on. */
function recordBodies(page: Page) {
  const bodies: string[] = [];
  const state = { recording: true };
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (!state.recording) return;
    const type = response.headers()['content-type'] ?? '';
    if (!/html|json|x-component|text\/plain/.test(type)) return;
    pending.push(
      response
        .text()
        .then((text) => void bodies.push(text))
        .catch(() => undefined),
    );
  });
  return {
    stop: async () => {
      state.recording = false;
      await Promise.all(pending);
      return bodies;
    },
  };
}

/** A plain run of words from an explanation: the same in HTML, JSON and RSC payloads. */
function plainSlice(text: string): string | null {
  return text.match(/[A-Za-z0-9 ,.]{24}/)?.[0] ?? null;
}

/**
 * Where a 32-bit seed could hide in a payload: decimal, as a signed 32-bit integer, and in
 * hexadecimal, each standing alone (not inside a longer run of digits, such as a build hash).
 */
function seedPatterns(seed: number): RegExp[] {
  const forms = [String(seed), String(seed | 0), seed.toString(16), seed.toString(36)];
  return [...new Set(forms)].map(
    (form) => new RegExp(`(?<![0-9A-Za-z])(0x)?${form.replace('-', '\\-')}(?![0-9A-Za-z])`, 'i'),
  );
}

function attemptIdOf(page: Page): string {
  const match = /\/quizzes\/attempts\/([^/?#]+)$/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on an attempt page: ${page.url()}`);
  return match[1]!;
}

const question = (page: Page, position: number) =>
  page.locator(`[data-testid="attempt-question"][data-position="${position}"]`);

const savedMark = (page: Page, position: number) =>
  question(page, position).locator('[data-testid="save-status"][data-status="saved"]');

test('the demo student joins by code, answers with autosave, reloads, submits and reviews', async () => {
  const fixture = await createClassWithQuiz({
    title: `Handshake quiz ${Date.now()}`,
    timeLimitSec: 600,
    slots: 'random',
  });
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // A visitor is asked to sign in and comes back to the quizzes.
  await page.goto('/quizzes');
  const signInLink = page.getByTestId('quizzes-signin');
  expect(await signInLink.getAttribute('href')).toBe('/signin?callbackUrl=%2Fquizzes');

  await signIn(page, 'student@ackademy.dev', 'ackademy-student');
  await page.goto('/quizzes');
  expect(await seriousViolations(page)).toEqual([]);
  // A wrong code is explained; the right one (typed loosely) joins.
  await page.getByLabel('Join a class with its code').fill('NOPE-NOPE');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByTestId('join-error').waitFor();
  expect(await page.getByTestId('join-error').innerText()).toMatch(/No class has this code/);
  await page.getByLabel('Join a class with its code').fill(fixture.joinCode.toLowerCase());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByTestId('join-ok').waitFor();
  expect(await page.getByTestId('join-ok').innerText()).toContain(fixture.className);

  await page.goto('/quizzes');
  const item = page
    .getByTestId('quiz-item')
    .filter({ hasText: fixture.className.replace(' class', '') });
  expect(await item.getByTestId('quiz-state').innerText()).toBe('Open');
  expect(await item.innerText()).toMatch(/10 minutes/);
  expect(await item.innerText()).toMatch(/0 of 2 used/);
  await item.getByRole('link').click();
  await page.waitForURL(`**/quizzes/${fixture.quizId}`);

  // From the start of the attempt until submission, everything the browser receives is kept.
  const recorder = recordBodies(page);
  await page.getByTestId('start-attempt').click();
  await page.waitForURL(/\/quizzes\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page);
  const keys = await attemptKeys(attemptId);
  expect(keys.map((k) => k.kind)).toEqual(['choice', 'numeric', 'fields']);
  await question(page, 0).waitFor();
  expect(await page.getByTestId('timer').innerText()).toMatch(/^(10:00|09:\d\d)$/);
  expect(await seriousViolations(page)).toEqual([]);

  // The choice is saved at once; the typed number after a pause.
  const choiceKey = (keys[0]!.answer as { option: string }).option;
  await question(page, 0).locator(`input[type=radio][value="${choiceKey}"]`).check();
  await savedMark(page, 0).waitFor();
  const numericKey = String((keys[1]!.answer as { value: number }).value);
  const wrongNumber = numericKey === '99999' ? '99998' : '99999';
  await question(page, 1).getByTestId('practice-value').fill(wrongNumber);
  await savedMark(page, 1).waitFor();
  await screenshot(page, 'quiz-attempt-en');

  // A save that arrives late with an older revision does not replace the newer answer.
  const saveUrl = `${baseUrl()}/api/attempts/${attemptId}/answers`;
  const json = { origin: baseUrl(), 'content-type': 'application/json' };
  const otherOption = choiceKey === 'a' ? 'b' : 'a';
  const rev = Date.now() + 60_000;
  const newer = await page.request.post(saveUrl, {
    headers: json,
    data: Buffer.from(
      JSON.stringify({ position: 0, response: { option: choiceKey }, clientRev: rev }),
    ),
  });
  expect(((await newer.json()) as { status: string }).status).toBe('saved');
  const older = await page.request.post(saveUrl, {
    headers: json,
    data: Buffer.from(
      JSON.stringify({ position: 0, response: { option: otherOption }, clientRev: rev - 1 }),
    ),
  });
  expect(((await older.json()) as { status: string }).status).toBe('superseded');

  // A reload resumes with the saved answers.
  await page.reload();
  await question(page, 0).waitFor();
  expect(await question(page, 0).locator(`input[value="${choiceKey}"]`).isChecked()).toBe(true);
  expect(await question(page, 1).getByTestId('practice-value').inputValue()).toBe(wrongNumber);
  expect(await savedMark(page, 0).count()).toBe(1);

  // Submitting asks first and names the unanswered question.
  await page.getByTestId('submit-attempt').click();
  const dialog = page.getByTestId('submit-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toMatch(/Question 3 is unanswered/);
  expect(await seriousViolations(page)).toEqual([]);
  const bodies = await recorder.stop();
  await page.getByTestId('submit-confirm').click();
  await page.waitForURL(`**/quizzes/attempts/${attemptId}/review`);

  // Nothing received before submission carried a key, an explanation or a misconception map.
  expect(bodies.length).toBeGreaterThan(3);
  const all = bodies.join('\n');
  for (const key of keys) {
    const slice = plainSlice(key.explanation);
    if (slice) expect(all).not.toContain(slice);
    for (const [option, misconception] of Object.entries(key.misconceptions)) {
      expect(all).not.toContain(`"${option}":"${misconception}"`);
      expect(all).not.toContain(`\\"${option}\\":\\"${misconception}\\"`);
    }
  }
  expect(all).not.toMatch(
    new RegExp(`answer\\\\?"\\s*:\\s*\\{\\\\?"option\\\\?"\\s*:\\s*\\\\?"${choiceKey}`),
  );
  // (The interface strings have a "misconceptions" label; a map of them would be an object.)
  expect(all).not.toMatch(/misconceptions\\?"\s*:\s*\{/);
  // Nor anything to recompute the key from: the seeds (the server's keyed choice, in any
  // form), the scenario's name or its resolved parameters.
  const layout = await attemptLayout(attemptId);
  expect(layout.every((item) => item.seed > 0xffff)).toBe(true);
  for (const item of layout) {
    for (const pattern of seedPatterns(item.seed)) expect(all).not.toMatch(pattern);
  }
  for (const full of await attemptQuestions(attemptId)) {
    const scenario = full.trace?.scenario;
    if (scenario) expect(all).not.toMatch(new RegExp(`scenario\\\\?"\\s*:\\s*\\\\?"${scenario}`));
  }
  expect(all).not.toMatch(/params\\?"\s*:\s*\{\s*\\?"/);

  // The review: the score, each response marked, the key and the explanation (policy: all).
  expect(await page.getByTestId('review-score').innerText()).toBe('Score: 2 / 4');
  const verdicts = await page
    .getByTestId('review-question')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-verdict')));
  expect(verdicts).toEqual(['right', 'wrong', 'wrong']);
  expect(await page.getByTestId('review-key').count()).toBe(3);
  expect(await page.getByTestId('review-explanation').first().innerText()).toContain(
    plainSlice(keys[0]!.explanation) ?? '',
  );
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'quiz-review-en');

  // The quiz page now lists the attempt with its score and a review link.
  await page.goto(`/quizzes/${fixture.quizId}`);
  expect(await page.getByTestId('attempt-row').first().innerText()).toMatch(/Score: 2 \/ 4/);
  expect(await page.getByTestId('start-attempt').innerText()).toBe('Start the quiz');

  // The save route: bad JSON, an oversized body, another site, a submitted attempt.
  const url = `${baseUrl()}/api/attempts/${attemptId}/answers`;
  const origin = { origin: baseUrl(), 'content-type': 'application/json' };
  // Raw bytes: Playwright would serialize a string again.
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));
  const badJson = await page.request.post(url, {
    headers: origin,
    data: Buffer.from('{"position":'),
  });
  expect(badJson.status()).toBe(400);
  expect(((await badJson.json()) as { error: string }).error).toBe('invalid_json');
  const badShape = await page.request.post(url, {
    headers: origin,
    data: body({ position: -1, response: {}, clientRev: 'x' }),
  });
  expect(badShape.status()).toBe(400);
  const huge = await page.request.post(url, {
    headers: origin,
    data: body({ position: 0, response: { option: 'x'.repeat(20_000) }, clientRev: 1 }),
  });
  expect(huge.status()).toBe(413);
  const crossSite = await page.request.post(url, {
    headers: { ...origin, origin: 'https://evil.example' },
    data: body({ position: 0, response: { option: choiceKey }, clientRev: 1 }),
  });
  expect(crossSite.status()).toBe(403);
  const late = await page.request.post(url, {
    headers: origin,
    data: body({
      position: 0,
      response: { option: choiceKey },
      clientRev: Date.now() * 10,
    }),
  });
  expect(late.status()).toBe(409);
  expect(((await late.json()) as { error: string }).error).toBe('closed');
  const stranger = await page.request.post(`${baseUrl()}/api/attempts/nope/answers`, {
    headers: origin,
    data: body({ position: 0, response: { option: choiceKey }, clientRev: 1 }),
  });
  expect(stranger.status()).toBe(404);

  // The same pages speak Chinese to a Chinese browser.
  const zh = await newContext(browser, 'zh-CN');
  const zhPage = await zh.newPage();
  await signIn(zhPage, 'student@ackademy.dev', 'ackademy-student');
  await zhPage.goto('/quizzes');
  expect(await zhPage.locator('h1').innerText()).toBe('测验');
  expect(await zhPage.getByTestId('quiz-item').first().innerText()).toMatch(/已用 1 \/ 2 次/);
  expect(await seriousViolations(zhPage)).toEqual([]);
  await zh.close();

  // A second attempt in progress: while the quiz is back in draft, and once the student is
  // removed from the class, every route answers 404 and nothing is saved.
  await page.goto(`/quizzes/${fixture.quizId}`);
  await page.getByTestId('start-attempt').click();
  await page.waitForURL(/\/quizzes\/attempts\/[^/]+$/);
  const second = attemptIdOf(page);
  await question(page, 0).waitFor();
  const routes = (id: string) => ({
    load: () => page.request.get(`${baseUrl()}/api/attempts/${id}?locale=en`),
    save: () =>
      page.request.post(`${baseUrl()}/api/attempts/${id}/answers`, {
        headers: origin,
        data: body({ position: 0, response: { option: choiceKey }, clientRev: Date.now() }),
      }),
    submit: () =>
      page.request.post(`${baseUrl()}/api/attempts/${id}/submit`, {
        headers: origin,
        data: body({}),
      }),
    page: () => page.request.get(`${baseUrl()}/quizzes/attempts/${id}`),
    review: () => page.request.get(`${baseUrl()}/quizzes/attempts/${id}/review`),
    quiz: () => page.request.get(`${baseUrl()}/quizzes/${fixture.quizId}`),
  });
  const statuses = async (id: string, names: (keyof ReturnType<typeof routes>)[]) =>
    Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, (await routes(id)[n]()).status()] as const)),
    );
  await asInstructor({ quizId: fixture.quizId, status: 'draft' });
  expect(await statuses(second, ['load', 'save', 'submit', 'page', 'quiz'])).toEqual({
    load: 404,
    save: 404,
    submit: 404,
    page: 404,
    quiz: 404,
  });
  await asInstructor({ quizId: fixture.quizId, status: 'published' });
  expect((await routes(second).load()).status()).toBe(200);
  await asInstructor({ removeStudent: 'student@ackademy.dev', classId: fixture.classId });
  expect(await statuses(second, ['load', 'save', 'submit', 'page', 'quiz'])).toEqual({
    load: 404,
    save: 404,
    submit: 404,
    page: 404,
    quiz: 404,
  });
  expect(await statuses(attemptId, ['review', 'load'])).toEqual({ review: 404, load: 404 });
  expect((await storedAttempt(second))?.status).toBe('in_progress');
  expect((await storedAttempt(second))?.answers).toEqual([]);

  expect(errors).toEqual([]);
  await context.close();
});

test('a new student joins by link, lets the time run out and finds the saved answers graded', async () => {
  // The schema's shortest time limit is a minute; a close time 30 s away makes the deadline near.
  const fixture = await createClassWithQuiz({
    title: `Timed quiz ${Date.now()}`,
    closesAt: new Date(Date.now() + 30_000),
    reviewWhen: 'after_close',
  });
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A visitor following the join link is sent to sign in and brought back to it.
  await page.goto(`/quizzes/join?code=${fixture.joinCode}`);
  await page.waitForURL('**/signin?**');
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(
    `/quizzes/join?code=${fixture.joinCode}`,
  );
  const email = `timed-${Date.now()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('timed student password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();

  await page.goto('/quizzes/join?code=NOT-A-CODE');
  expect(await page.getByTestId('join-error').innerText()).toMatch(/No class has this code/);
  await page.goto(`/quizzes/join?code=${fixture.joinCode}`);
  await page.getByTestId('join-ok').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`/quizzes/${fixture.quizId}`);
  await page.getByTestId('start-attempt').click();
  await page.waitForURL(/\/quizzes\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page);
  const keys = await attemptKeys(attemptId);
  const choiceKey = (keys[0]!.answer as { option: string }).option;
  await question(page, 0).locator(`input[type=radio][value="${choiceKey}"]`).check();
  await savedMark(page, 0).waitFor();

  // The live region warns once near the end; at zero the page submits and shows the result.
  await page
    .getByTestId('timer-announcement')
    .filter({ hasText: /A few seconds left/ })
    .waitFor({ timeout: 40_000 });
  await page.waitForURL(`**/quizzes/attempts/${attemptId}/review`, { timeout: 40_000 });
  expect(await page.locator('main').innerText()).toMatch(/submitted when time ran out/);
  expect(await page.getByTestId('review-score').innerText()).toBe('Score: 2 / 4');
  expect(await page.getByTestId('review-question').first().getAttribute('data-verdict')).toBe(
    'right',
  );

  const stored = await storedAttempt(attemptId);
  expect(stored?.status).toBe('submitted');
  expect(stored?.submitKind).toBe('auto');
  expect(stored?.answers.find((a) => a.position === 0)?.fraction).toBe(1);

  // The attempt page itself now leads to the review; the quiz is closed.
  await page.goto(`/quizzes/attempts/${attemptId}`);
  await page.waitForURL(`**/quizzes/attempts/${attemptId}/review`);
  await page.goto(`/quizzes/${fixture.quizId}`);
  expect(await page.getByTestId('refusal').innerText()).toMatch(/closed/);

  // Join codes cannot be guessed at speed: after the account's limit of tries (right or
  // wrong), even the right code is refused with "too many attempts", in either language.
  let tries = 2; // the wrong code and the right one above
  for (; tries < 20; tries++) {
    await page.request.get(`${baseUrl()}/quizzes/join?code=WRONG${tries}`);
  }
  await page.goto(`/quizzes/join?code=${fixture.joinCode}`);
  expect(await page.getByTestId('join-error').innerText()).toMatch(/^Too many attempts\./);
  const zh = await newContext(browser, 'zh-CN');
  // The same session, with Chinese chosen (the account's saved language is English).
  await zh.addCookies([
    ...(await context.cookies()).filter((c) => c.name !== 'NEXT_LOCALE'),
    { name: 'NEXT_LOCALE', value: 'zh', url: baseUrl() },
  ]);
  const zhPage = await zh.newPage();
  await zhPage.goto(`/quizzes/join?code=${fixture.joinCode}`);
  expect(await zhPage.getByTestId('join-error').innerText()).toMatch(/^尝试次数过多/);
  await zh.close();

  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
