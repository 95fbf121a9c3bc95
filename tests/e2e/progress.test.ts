// Progress as a learner meets it: a visitor practises and reviews, signs up, and finds all of
// it in the new account (/me and the flashcard queue); /me draws its charts and passes axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  answerPracticeQuestion,
  launchBrowser,
  newContext,
  screenshot,
  seriousViolations,
  signIn,
} from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DECK = '/flashcards?deck=four-way-close';

async function newCount(page: Page): Promise<number> {
  const counts = page.getByTestId('flashcards-counts');
  await counts.waitFor();
  return Number(/(\d+) new/.exec(await counts.innerText())?.[1]);
}

async function rateShownCard(page: Page): Promise<string> {
  const card = page.getByTestId('flashcard');
  await card.waitFor();
  const id = (await card.getAttribute('data-card')) ?? '';
  await page.keyboard.press(' ');
  await page.getByTestId('flashcard-back').waitFor();
  await page.keyboard.press('3');
  await page.waitForFunction(
    (previous) =>
      document.querySelector('[data-testid=flashcard]')?.getAttribute('data-card') !== previous,
    id,
  );
  return id;
}

async function totals(page: Page) {
  const el = page.getByTestId('me-totals');
  await el.waitFor();
  return {
    answers: Number(await el.getAttribute('data-answers')),
    reviews: Number(await el.getAttribute('data-reviews')),
  };
}

test('a visitor practises and reviews, signs up, and finds the progress in the account', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // Three answers as a visitor.
  await page.goto('/practice');
  // Hydrated first: a click before React listens would submit the form as a plain GET.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Start practising' }).click();
  for (let i = 0; i < 3; i++) {
    await answerPracticeQuestion(page);
    if (i < 2) {
      await page.keyboard.press('Enter');
      await page.getByTestId('practice-feedback').waitFor({ state: 'detached' });
    }
  }

  // Two new cards rated.
  await page.goto(DECK);
  const newAtStart = await newCount(page);
  const rated = [await rateShownCard(page), await rateShownCard(page)];
  expect(await newCount(page)).toBe(newAtStart - 2);

  // The visitor's own progress page shows this browser's records and invites a sign-up.
  await page.goto('/me');
  await page.getByTestId('me-visitor').waitFor();
  expect(await totals(page)).toEqual({ answers: 3, reviews: 2 });

  // Sign up: the progress moves into the account and the browser forgets its copy.
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`progress-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  const left = await page.evaluate(() =>
    ['ackademy.practice.answers.v2', 'ackademy.practice.v1', 'ackademy.flashcards.v1'].map((k) =>
      localStorage.getItem(k),
    ),
  );
  expect(left).toEqual([null, null, null]);

  // /me from the account: the three answers, mastery of their topics, the two reviews.
  await page.getByTestId('main-nav').getByRole('link', { name: 'Progress' }).click();
  await page.waitForURL('**/me');
  expect(await page.getByTestId('me-visitor').count()).toBe(0);
  expect(await totals(page)).toEqual({ answers: 3, reviews: 2 });
  expect(await page.getByTestId('me-recent-answers').locator('li').count()).toBe(3);
  expect(await page.getByTestId('me-recent-reviews').locator('li').count()).toBe(2);
  expect(await page.getByTestId('me-streak').getAttribute('data-current')).toBe('1');
  for (const chart of ['me-mastery-chart', 'me-activity-chart', 'me-forecast-chart']) {
    // recharts draws bars once it has measured its container.
    await page.getByTestId(chart).locator('.recharts-wrapper > svg.recharts-surface').waitFor();
  }
  expect(
    await page.getByTestId('me-mastery-chart').locator('.recharts-bar-rectangle').count(),
  ).toBeGreaterThan(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'me-en');

  // The reviewed cards are not new in the account: two fewer new cards, neither shown first.
  await page.goto(DECK);
  expect(await newCount(page)).toBe(newAtStart - 2);
  expect(rated).not.toContain(await page.getByTestId('flashcard').getAttribute('data-card'));

  // Signing in again later sends nothing twice: the totals stay the same.
  await page.goto('/me');
  expect(await totals(page)).toEqual({ answers: 3, reviews: 2 });
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test('/me in Chinese for a learner with no progress yet', async () => {
  const context = await newContext(browser, 'zh-CN');
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel(/邮箱/).fill(`progress-zh-${Date.now()}@example.com`);
  await page.getByLabel(/密码/).fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.goto('/me');
  expect(await page.locator('h1').innerText()).toBe('我的进度');
  expect(await totals(page)).toEqual({ answers: 0, reviews: 0 });
  expect(await page.getByTestId('me-streak').innerText()).toContain('还没有连续学习记录');
  await page
    .getByTestId('me-activity-chart')
    .locator('.recharts-wrapper > svg.recharts-surface')
    .waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('desired retention is a per-learner setting: in the account, or in the browser', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const setting = page.getByTestId('flashcards-retention-setting');

  // A visitor's choice stays in this browser.
  await page.goto(DECK);
  await page.getByTestId('flashcards-counts').waitFor();
  await setting.selectOption('0.75');
  const stored = await page.evaluate(() => localStorage.getItem('ackademy.flashcards.v1'));
  expect(JSON.parse(stored ?? '{}')).toMatchObject({ desiredRetention: 0.75 });
  await page.reload();
  await page.getByTestId('flashcards-counts').waitFor();
  expect(await setting.inputValue()).toBe('0.75');

  // A signed-in learner's is stored in the account and comes back on any device.
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`retention-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.goto(DECK);
  await page.getByTestId('flashcards-counts').waitFor();
  expect(await setting.inputValue()).toBe('0.9');
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.ok());
  await setting.selectOption('0.97');
  await saved;
  const elsewhere = await context.browser()?.newContext({ baseURL: page.url() });
  await elsewhere?.addCookies(await context.cookies());
  const other = await elsewhere?.newPage();
  await other?.goto(DECK);
  await other?.getByTestId('flashcards-counts').waitFor();
  expect(await other?.getByTestId('flashcards-retention-setting').inputValue()).toBe('0.97');
  await elsewhere?.close();
  await context.close();
});

test('signing in (not only signing up) brings the visitor progress along', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const email = `returning-${Date.now()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');

  // Signed out, one answer in this browser; then back into the account.
  await page.goto('/practice');
  // Hydrated first: a click before React listens would submit the form as a plain GET.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Start practising' }).click();
  await answerPracticeQuestion(page);
  await signIn(page, email, 'a good password');
  // The sign-in form itself moved it (before /me could).
  expect(
    await page.evaluate(() => localStorage.getItem('ackademy.practice.answers.v2')),
  ).toBeNull();
  await page.goto('/me');
  expect(await totals(page)).toEqual({ answers: 1, reviews: 0 });
  expect(await page.getByTestId('me-mastery-chart').count()).toBe(1);
  await context.close();
}, 120_000);
