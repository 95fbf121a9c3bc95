// Roles end to end: the first administrator is made with `npm run user:role`, and grants
// the instructor role in the app; the new instructor sees Teach at once.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function userRole(...args: string[]): string {
  return execFileSync(
    process.execPath,
    [
      path.resolve('node_modules/tsx/dist/cli.mjs'),
      '--conditions=react-server',
      'scripts/user-role.ts',
      ...args,
    ],
    {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

async function signUp(email: string, password: string) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  await context.close();
}

test('the command line refuses bad input with a clear message', () => {
  expect(() => userRole('nobody@example.com', 'instructor')).toThrow(
    /no user with email nobody@example.com/,
  );
  expect(() => userRole('student@ackademy.dev', 'superuser')).toThrow(/unknown role "superuser"/);
  expect(() => userRole()).toThrow(/usage: npm run user:role/);
});

test('an admin made on the command line grants the instructor role in the app', async () => {
  const stamp = Date.now();
  const adminEmail = `admin-${stamp}@example.com`;
  const userEmail = `future-teacher-${stamp}@example.com`;
  await signUp(adminEmail, 'admin password');
  await signUp(userEmail, 'teacher password');
  expect(userRole(adminEmail, 'admin')).toContain(`${adminEmail}: student -> admin`);

  // A student cannot use the admin page.
  const studentContext = await newContext(browser);
  const studentPage = await studentContext.newPage();
  await signIn(studentPage, userEmail, 'teacher password');
  await studentPage.goto('/admin/users');
  await studentPage.getByTestId('forbidden').waitFor();
  expect(await studentPage.getByTestId('main-nav').innerText()).not.toContain('Teach');

  const adminContext = await newContext(browser);
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, adminEmail, 'admin password');
  await adminPage.getByRole('link', { name: 'Admin' }).click();
  const row = adminPage.locator('tr', { hasText: userEmail });
  await row.getByRole('combobox').selectOption('instructor');
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByText('Role updated.').waitFor();

  // The role is read from the database on every request: the student's open session sees it.
  await studentPage.goto('/teach');
  await studentPage.getByRole('heading', { name: 'Teach' }).waitFor();
  expect(await studentPage.getByTestId('main-nav').innerText()).toContain('Teach');
  await studentContext.close();
  await adminContext.close();
});
