// Passwords and sessions as a person meets them: changing the password in one browser
// signs the other out on its next navigation and keeps this one signed in; repeated wrong
// passwords are met with a clear wait.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signUp(page: Page, email: string, password: string) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
}

async function tryPassword(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  // Wait for NextAuth's answer, so the next attempt does not overtake this one.
  const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
  await page.locator('form button[type=submit]').click();
  await answered;
}

describe('changing the password', () => {
  test('signs out every other session and keeps this one', async () => {
    const email = `pw-${Date.now()}@example.com`;
    const here = await newContext(browser);
    const there = await newContext(browser);
    const a = await here.newPage();
    const b = await there.newPage();
    await signUp(a, email, 'first password');
    await signIn(b, email, 'first password');

    await a.goto('/account');
    await a.getByLabel('Current password').fill('first password');
    await a.getByLabel('New password', { exact: true }).fill('second password');
    await a.getByLabel('Repeat the new password').fill('second password');
    await a.getByRole('button', { name: 'Change password' }).click();
    expect(await a.getByTestId('password-changed').innerText()).toContain('Password changed');

    // This browser got a fresh session and stays signed in.
    await a.goto('/');
    await a.getByTestId('signed-in-as').waitFor();
    await a.goto('/account');
    expect(await a.locator('h1').innerText()).toBe('Account');

    // The other one is signed out on its next navigation.
    await b.goto('/');
    await b.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(await b.getByTestId('signed-in-as').count()).toBe(0);
    await b.goto('/account');
    await b.waitForURL(/\/signin\?callbackUrl=/);

    // The old password no longer works; the new one does.
    await tryPassword(b, email, 'first password');
    expect(await b.getByTestId('form-error').innerText()).toContain('Email or password is wrong');
    await tryPassword(b, email, 'second password');
    await b.waitForURL(/\/account$/);
    await here.close();
    await there.close();
  });

  test('a wrong current password is refused and changes nothing', async () => {
    const email = `pw-wrong-${Date.now()}@example.com`;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, email, 'first password');
    await page.goto('/account');
    await page.getByLabel('Current password').fill('not it');
    await page.getByLabel('New password', { exact: true }).fill('second password');
    await page.getByLabel('Repeat the new password').fill('second password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is wrong.').waitFor();
    await page.goto('/');
    await page.getByTestId('signed-in-as').waitFor();
    await context.close();
  });

  test('an anonymous visitor at /account is sent to sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/account');
    await page.waitForURL(/\/signin\?callbackUrl=/);
    await context.close();
  });
});

describe('failed sign-ins', () => {
  test('the fifth wrong password starts a delay that even the right one must wait out', async () => {
    const email = `delay-${Date.now()}@example.com`;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, email, 'the right one');
    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await page.goto('/signin');
    for (let i = 1; i <= 4; i++) {
      await tryPassword(page, email, `wrong ${i}`);
      await page.getByText('Email or password is wrong').waitFor();
    }
    await tryPassword(page, email, 'wrong 5');
    await page.getByText(/Too many attempts\. Please wait 3\d seconds/).waitFor();
    await tryPassword(page, email, 'the right one');
    await page.getByText(/Too many attempts/).waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await context.close();
  });
});
