// Lessons as a reader meets them: the list, a lesson with its table of contents, a live
// diagram computed in the browser, and the way on to practice — in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadLessons } from '@/lib/content/load';
import {
  answerPracticeQuestion,
  launchBrowser,
  newContext,
  screenshot,
  seriousViolations,
} from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the lesson list shows the whole curriculum in order', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/lessons');
  const items = page.getByTestId('lesson-list').locator('li');
  expect(await items.count()).toBeGreaterThanOrEqual(22);
  expect(await items.first().innerText()).toContain('Lesson 1');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'lessons-en');
  await context.close();
});

test('a page does not prefetch the pages it links to; a click still navigates', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const prefetches: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetches.push(r.url());
  });
  await page.goto('/lessons', { waitUntil: 'networkidle' });
  // Every page is rendered per request: a prefetch would be a server render per link.
  expect(prefetches).toEqual([]);
  await page.getByTestId('lesson-list').locator('a').first().click();
  await page.waitForURL(/\/lessons\/[a-z-]+$/);
  await page.locator('h1').waitFor();
  expect(prefetches).toEqual([]);
  await context.close();
});

test('a lesson renders its text, contents, a live diagram and a practice link', async () => {
  const context = await newContext(browser, 'zh-CN');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/lessons/three-way-handshake');
  expect(await page.locator('h1').innerText()).toBe('三次握手');
  expect(await page.getByTestId('lesson-toc').locator('li').count()).toBeGreaterThan(3);
  // Diagrams are drawn as they come near the screen.
  await page
    .getByTestId('lesson-trace')
    .first()
    .evaluate((e) => e.scrollIntoView());
  await page.getByTestId('lesson-trace').first().locator('svg').first().waitFor();
  // The diagram's event list speaks the reader's language too (End shows everything).
  const compare = page.getByTestId('lesson-trace').first().getByTestId('ladder-player-compare');
  await compare.getByTestId('ladder-scroll').focus();
  await page.keyboard.press('End');
  expect(await compare.getByTestId('event-list').innerText()).toContain('监听套接字');
  expect(await page.locator('a[href^="/practice?topics="]').count()).toBeGreaterThan(0);
  // A table-of-contents entry jumps to its section.
  const firstEntry = page.getByTestId('lesson-toc').locator('a').first();
  const target = (await firstEntry.getAttribute('href')) ?? '';
  await firstEntry.click();
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(decodeURIComponent(target));
  expect(errors).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'lesson-three-way-handshake-zh');
  await context.close();
});

test('a diagram far down a lesson is simulated only when the reader comes near it', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/lessons/handshake-loss-and-retransmission');
  const traces = page.getByTestId('lesson-trace');
  await traces.first().waitFor({ state: 'attached' });
  expect(await traces.count()).toBeGreaterThanOrEqual(3);
  const last = traces.last();
  // Far below the first screen: nothing drawn there yet.
  const below = await last.evaluate((e) => e.getBoundingClientRect().top - window.innerHeight);
  expect(below).toBeGreaterThan(1000);
  await page.waitForTimeout(500);
  expect(await last.locator('svg').count()).toBe(0);
  await last.evaluate((e) => e.scrollIntoView());
  await last.getByTestId('ladder-player').first().waitFor();
  expect(await last.locator('svg').count()).toBeGreaterThan(0);
  await context.close();
});

test("a lesson's diagram asks for the next segment, grades it, and steps with the keyboard", async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/lessons/three-way-handshake');
  const trace = page.getByTestId('lesson-trace').first();
  await trace.evaluate((e) => e.scrollIntoView());
  const player = trace.getByTestId('ladder-player');
  await player.waitFor();
  expect(await player.getAttribute('data-step')).toBe('0');
  // The first diagram of a lesson is in prediction mode: the client's first segment is a SYN.
  const form = trace.getByTestId('prediction');
  await form.getByText('S', { exact: true }).click();
  await form.getByRole('button', { name: 'Check' }).click();
  const feedback = trace.getByTestId('prediction-feedback');
  expect(await feedback.getAttribute('data-correct')).toBe('true');
  expect(await player.getAttribute('data-step')).toBe('1');
  // A wrong guess is told so, and the right segment is shown.
  await form.getByText('R', { exact: true }).click();
  await form.getByRole('button', { name: 'Check' }).click();
  expect(await feedback.getAttribute('data-correct')).toBe('false');
  expect(await player.getAttribute('data-step')).toBe('2');
  // The comparison diagram beside it is a plain player: → and ← step through it.
  const other = trace.getByTestId('ladder-player-compare');
  const before = Number(await other.getAttribute('data-step'));
  await other.getByTestId('ladder-scroll').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(Number(await other.getAttribute('data-step'))).toBe(before + 2);
  await page.keyboard.press('ArrowLeft');
  expect(Number(await other.getAttribute('data-step'))).toBe(before + 1);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'lesson-three-way-handshake-en');
  await context.close();
});

test('an unknown lesson is a 404 page', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const response = await page.goto('/lessons/no-such-lesson');
  expect(response?.status()).toBe(404);
  await context.close();
});

test("a signed-in learner's lesson list shows progress from practice", async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`progress-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();

  await page.goto('/lessons');
  const handshake = page.locator('li[data-slug="three-way-handshake"]');
  expect(await handshake.getByTestId('lesson-progress').innerText()).toBe('Not practised yet');

  // A lesson's practice link starts the session on its topics at once.
  await page.goto('/practice?topics=handshake');
  await answerPracticeQuestion(page);
  const practised = await page
    .getByTestId('practice-mastery')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-topic')));
  expect(practised).toContain('handshake');

  await page.goto('/lessons');
  expect(await handshake.getByTestId('lesson-progress').innerText()).toMatch(
    /^\d+% mastered · [1-3] of 3 topics practised$/,
  );
  // A lesson none of whose topics the answer touched is still untouched.
  const untouched = loadLessons().find(
    (lesson) =>
      lesson.locale === 'en' && lesson.topics.every((topic) => !practised.includes(topic)),
  );
  expect(untouched).toBeDefined();
  expect(
    await page
      .locator(`li[data-slug="${untouched!.slug}"]`)
      .getByTestId('lesson-progress')
      .innerText(),
  ).toBe('Not practised yet');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
