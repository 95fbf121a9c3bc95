// The foundation as a person meets it: language, sign-up, the demo accounts, roles, sign-out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

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

  test('signing up twice with one email says so and creates nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/signup');
    await page.getByLabel('Email').fill('student@ackademy.dev');
    await page.getByLabel('Password').fill('whatever123');
    await page.locator('form button[type=submit]').click();
    await page.getByText('An account with this email exists already').waitFor();
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
