// The instructor's side end to end: create a class and see its join code, build a quiz with
// a random and a fixed slot (previewing seeds), publish it, preview it, open the results and
// the gradebook, download the grades and exports; a student cannot reach any of it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

test('an instructor builds, publishes and previews a quiz; a student gets 404 on the class', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, 'teacher@ackademy.dev', 'ackademy-teacher');

  // A class, with its code and join link.
  const className = `Networks ${Date.now()}`;
  await page.goto('/teach');
  await page.getByRole('heading', { name: 'Teach' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Class name').fill(className);
  await page.getByRole('button', { name: 'Create class' }).click();
  await page.getByTestId('class-name').filter({ hasText: className }).waitFor();
  const classId = /\/teach\/classes\/([^/?#]+)/.exec(page.url())?.[1];
  expect(classId).toBeTruthy();
  const code = (await page.getByTestId('join-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9-]{4,}$/);
  expect(await page.getByTestId('join-link').getAttribute('href')).toBe(
    `/quizzes/join?code=${encodeURIComponent(code)}`,
  );
  await expectAccessible(page);

  // A new code, after a confirmation: the old one stops working.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New join code' }).click();
  await page.getByText('The class has a new join code.').waitFor();
  await page.getByTestId('join-code').filter({ hasNotText: code }).waitFor();

  // The builder: a random slot of two questions and a fixed slot with a chosen seed.
  await page.getByRole('link', { name: 'New quiz' }).click();
  await page.getByTestId('quiz-builder').waitFor();
  const title = `Handshake check ${Date.now()}`;
  await page.locator('#quiz-title').fill(title);
  await page.getByLabel('Time limit (minutes)').fill('20');
  await page.getByLabel('Closes at').fill('2030-06-01T18:00');
  await page.getByTestId('add-random-slot').click();
  const random = page.getByTestId('slot-0');
  await random.getByLabel('Template').selectOption('seq-ack-numbers');
  await random.getByLabel('Questions').fill('2');
  await page.getByTestId('add-fixed-slot').click();
  const fixed = page.getByTestId('slot-1');
  await fixed.getByLabel('Template').selectOption('next-state');
  await fixed.getByTestId('slot-preview').click();
  await fixed.getByTestId('slot-preview-card').filter({ hasText: 'seed 1' }).waitFor();
  await fixed.getByTestId('slot-new-seed').click();
  const seed = await fixed.getByTestId('slot-seed').inputValue();
  expect(seed).not.toBe('1');
  await fixed
    .getByTestId('slot-preview-card')
    .filter({ hasText: `seed ${seed}` })
    .waitFor();
  expect(await fixed.getByTestId('slot-preview-card').innerText()).toContain('Answer:');
  await expectAccessible(page);
  await screenshot(page, 'teach-builder');
  await page.getByTestId('save-quiz').click();
  await page.waitForURL(/\/teach\/quizzes\/[^/]+\/edit\?created=1/);
  const quizId = /\/teach\/quizzes\/([^/]+)\/edit/.exec(page.url())?.[1];
  expect(quizId).toBeTruthy();
  // The saved quiz comes back as built: the seed chosen, the close time in local time.
  expect(await page.getByTestId('slot-1').getByTestId('slot-seed').inputValue()).toBe(seed);
  expect(await page.getByLabel('Closes at').inputValue()).toBe('2030-06-01T18:00');

  // An edit saves in place (no attempts yet, so nothing to regrade).
  await page.getByTestId('slot-0').getByLabel('Points each').fill('2');
  await page.getByTestId('save-quiz').click();
  await page.getByTestId('save-result').filter({ hasText: 'Saved.' }).waitFor();

  // Publish.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByTestId('quiz-status').filter({ hasText: 'Published' }).waitFor();
  await expectAccessible(page);

  // Preview as a student: three questions with their keys.
  await page.goto(`/teach/quizzes/${quizId}/preview`);
  await page.getByTestId('preview-questions').waitFor();
  expect(await page.getByTestId('preview-questions').locator(':scope > li').count()).toBe(3);
  await page.getByLabel('Preview as').waitFor();
  expect(await page.getByTestId('preview-questions').innerText()).toContain(`seed ${seed}`);
  await expectAccessible(page);

  // Results and the gradebook, empty so far.
  await page.goto(`/teach/quizzes/${quizId}/results`);
  await page.getByTestId('no-attempts').waitFor();
  await page.getByTestId('regrade').click();
  await page.getByText('0 attempts regraded, 0 changed.').waitFor();
  await expectAccessible(page);
  await page.goto(`/teach/classes/${classId}`);
  await page.getByRole('link', { name: 'Gradebook' }).click();
  await page.getByTestId('gradebook-empty').waitFor();
  await expectAccessible(page);

  // Downloads: the grades as CSV, the quiz as Moodle XML and GIFT, the papers.
  const csv = await page.request.get(`/teach/classes/${classId}/gradebook.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment;/);
  const header = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0];
  expect(header).toBe(`name,email,${title}`);
  const xml = await page.request.get(`/teach/quizzes/${quizId}/export/moodle.xml`);
  expect(xml.status()).toBe(200);
  expect(await xml.text()).toContain('<quiz>');
  const gift = await page.request.get(`/teach/quizzes/${quizId}/export/gift.txt`);
  expect(gift.status()).toBe(200);
  expect(await gift.text()).toMatch(/^\$CATEGORY: /);
  await page.goto(`/teach/quizzes/${quizId}/print?students=all`);
  await page.getByTestId('print-empty').waitFor();
  expect(errors).toEqual([]);

  // A student gets "no such page" for the class, its grades and the quiz.
  const studentContext = await newContext(browser, 'en-US');
  const student = await studentContext.newPage();
  await signIn(student, 'student@ackademy.dev', 'ackademy-student');
  expect((await student.goto(`/teach/classes/${classId}`))?.status()).toBe(404);
  expect((await student.goto(`/teach/quizzes/${quizId}/edit`))?.status()).toBe(404);
  expect((await student.request.get(`/teach/classes/${classId}/gradebook.csv`)).status()).toBe(404);
  await studentContext.close();

  // The same pages in Chinese, the main audience's language.
  const zhContext = await newContext(browser, 'zh-CN');
  const zh = await zhContext.newPage();
  await signIn(zh, 'teacher@ackademy.dev', 'ackademy-teacher');
  await zh.goto(`/teach/classes/${classId}`);
  await zh.getByRole('heading', { name: '加入班级' }).waitFor();
  await expectAccessible(zh);
  await zh.goto(`/teach/quizzes/${quizId}/edit`);
  await zh.getByRole('heading', { name: '编辑测验' }).waitFor();
  await expectAccessible(zh);
  await screenshot(zh, 'teach-edit-zh');
  await zhContext.close();
  await context.close();
});
