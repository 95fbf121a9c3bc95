// The whole classroom story of issue 8 through the interface, in Chromium: the demo instructor
// creates a class and a one-minute quiz of three fixed choice questions and publishes it; two
// new students sign up and join (one with the code, one with the link); one answers and
// submits with the confirmation, the other answers one question and lets the time run out;
// the instructor reads the gradebook and the per-question statistics and downloads the
// grades as CSV and the quiz as Moodle XML and GIFT.
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser';
import { attemptQuestions, closeFixtures, storedAttempt } from './quiz-fixtures';
import type { Question } from '@/lib/questions';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtures();
});

/** Three fixed choice questions, one point each, in this order (the quiz does not shuffle). */
const FIXED = [
  { template: 'next-state', seed: '1' },
  { template: 'why', seed: '2' },
  { template: 'next-state', seed: '7' },
] as const;

const question = (page: Page, position: number) =>
  page.locator(`[data-testid="attempt-question"][data-position="${position}"]`);

const savedMark = (page: Page, position: number) =>
  question(page, position).locator('[data-testid="save-status"][data-status="saved"]');

function attemptIdOf(page: Page): string {
  const match = /\/quizzes\/attempts\/([^/?#]+)$/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on an attempt page: ${page.url()}`);
  return match[1]!;
}

function keyOf(q: Question): string {
  if (q.kind !== 'choice') throw new Error(`expected a choice question, got ${q.kind}`);
  return q.answer.option;
}

function wrongOf(q: Question): string {
  if (q.kind !== 'choice') throw new Error(`expected a choice question, got ${q.kind}`);
  return q.options.find((o) => o.id !== q.answer.option)!.id;
}

async function choose(page: Page, position: number, option: string) {
  await question(page, position).locator(`input[type=radio][value="${option}"]`).check();
  await savedMark(page, position).waitFor();
}

/** A run of plain words from a stem, the same in HTML-escaped XML and in GIFT. */
function plainRun(text: string): string {
  const run = text.match(/[A-Za-z0-9 ]{16}/)?.[0];
  if (!run) throw new Error(`no plain run of words in: ${text}`);
  return run;
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<[Download, string]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return [download, await readFile(file, 'utf8')];
}

async function signUp(page: Page, name: string, email: string) {
  await page.goto('/signup');
  await page.getByLabel('Name (optional)').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('class quiz student password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
}

test('an instructor assigns a timed quiz, two students take it (one runs out of time), and the instructor grades, analyses and exports it', async () => {
  const stamp = Date.now();
  const errors: string[] = [];
  const watch = (page: Page, who: string) =>
    page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));

  // ── The instructor: a class, a quiz of three fixed choice questions, one minute, published.
  const teacherContext = await newContext(browser, 'en-US');
  const teacher = await teacherContext.newPage();
  watch(teacher, 'instructor');
  await signIn(teacher, 'teacher@ackademy.dev', 'ackademy-teacher');
  const className = `Class quiz flow ${stamp}`;
  await teacher.goto('/teach');
  await teacher.getByLabel('Class name').fill(className);
  await teacher.getByRole('button', { name: 'Create class' }).click();
  await teacher.getByTestId('class-name').filter({ hasText: className }).waitFor();
  const classId = /\/teach\/classes\/([^/?#]+)/.exec(teacher.url())?.[1];
  expect(classId).toBeTruthy();
  const joinCode = (await teacher.getByTestId('join-code').innerText()).trim();
  const joinLink = await teacher.getByTestId('join-link').getAttribute('href');
  expect(joinLink).toBe(`/quizzes/join?code=${encodeURIComponent(joinCode)}`);

  await teacher.getByRole('link', { name: 'New quiz' }).click();
  await teacher.getByTestId('quiz-builder').waitFor();
  const title = `Connection states ${stamp}`;
  await teacher.locator('#quiz-title').fill(title);
  await teacher.getByLabel('Time limit (minutes)').fill('1');
  // In slot order for everyone, so positions and statistics rows line up.
  await teacher.getByLabel('Shuffle the questions').uncheck();
  for (const [i, slot] of FIXED.entries()) {
    await teacher.getByTestId('add-fixed-slot').click();
    const editor = teacher.getByTestId(`slot-${i}`);
    await editor.getByLabel('Template').selectOption(slot.template);
    await editor.getByTestId('slot-seed').fill(slot.seed);
  }
  await teacher.getByTestId('save-quiz').click();
  await teacher.waitForURL(/\/teach\/quizzes\/[^/]+\/edit\?created=1/);
  const quizId = /\/teach\/quizzes\/([^/]+)\/edit/.exec(teacher.url())?.[1];
  expect(quizId).toBeTruthy();
  await teacher.getByRole('button', { name: 'Publish', exact: true }).click();
  await teacher.getByTestId('quiz-status').filter({ hasText: 'Published' }).waitFor();

  // ── Student 2 signs up, joins with the link, starts, answers the first question right.
  const lateContext = await newContext(browser, 'en-US');
  const late = await lateContext.newPage();
  watch(late, 'student 2');
  const lateName = `Ben Late ${stamp}`;
  const lateEmail = `late-${stamp}@example.com`;
  await signUp(late, lateName, lateEmail);
  await late.goto(joinLink!);
  await late.getByTestId('join-ok').waitFor();
  expect(await late.getByTestId('join-ok').innerText()).toContain(className);
  await late.goto(`/quizzes/${quizId}`);
  await late.getByTestId('start-attempt').click();
  await late.waitForURL(/\/quizzes\/attempts\/[^/]+$/);
  const lateStarted = Date.now();
  const lateAttempt = attemptIdOf(late);
  const questions = await attemptQuestions(lateAttempt);
  expect(questions.map((q) => q.kind)).toEqual(['choice', 'choice', 'choice']);
  expect(questions.map((q) => `${q.template}:${q.seed}`)).toEqual(
    FIXED.map((s) => `${s.template}:${s.seed}`),
  );
  expect(await late.getByTestId('timer').innerText()).toMatch(/^(1:00|01:00|0?0:[0-5]\d)$/);
  await choose(late, 0, keyOf(questions[0]!));

  // ── Student 1 signs up, joins with the code, answers two right and one wrong, submits.
  const onTimeContext = await newContext(browser, 'en-US');
  const onTime = await onTimeContext.newPage();
  watch(onTime, 'student 1');
  const onTimeName = `Ada Prompt ${stamp}`;
  const onTimeEmail = `prompt-${stamp}@example.com`;
  await signUp(onTime, onTimeName, onTimeEmail);
  await onTime.goto('/quizzes');
  await onTime.getByLabel('Join a class with its code').fill(joinCode);
  await onTime.getByRole('button', { name: 'Join', exact: true }).click();
  await onTime.getByTestId('join-ok').waitFor();
  await onTime.goto(`/quizzes/${quizId}`);
  await onTime.getByTestId('start-attempt').click();
  await onTime.waitForURL(/\/quizzes\/attempts\/[^/]+$/);
  const onTimeAttempt = attemptIdOf(onTime);
  const mine = await attemptQuestions(onTimeAttempt);
  await choose(onTime, 0, keyOf(mine[0]!));
  await choose(onTime, 1, keyOf(mine[1]!));
  await choose(onTime, 2, wrongOf(mine[2]!));
  await onTime.getByTestId('submit-attempt').click();
  await onTime.getByTestId('submit-dialog').waitFor();
  await onTime.getByTestId('submit-confirm').click();
  await onTime.waitForURL(`**/quizzes/attempts/${onTimeAttempt}/review`);
  expect(Date.now() - lateStarted, 'student 1 finished before student 2 ran out').toBeLessThan(
    55_000,
  );
  const submitted = await storedAttempt(onTimeAttempt);
  expect(submitted?.status).toBe('submitted');
  expect(submitted?.submitKind).toBe('student');
  expect(submitted?.score).toBe(2);

  // ── Student 2's minute runs out: the page submits the saved answer and shows the result.
  await late.waitForURL(`**/quizzes/attempts/${lateAttempt}/review`, { timeout: 90_000 });
  expect(Date.now() - lateStarted).toBeGreaterThanOrEqual(55_000);
  expect(await late.locator('main').innerText()).toMatch(/submitted when time ran out/);
  const timedOut = await storedAttempt(lateAttempt);
  expect(timedOut?.status).toBe('submitted');
  expect(timedOut?.submitKind).toBe('auto');
  expect(timedOut?.score).toBe(1);
  expect(timedOut?.answers.map((a) => a.position)).toEqual([0]);

  // ── The gradebook: both students, with their grades.
  await teacher.goto(`/teach/classes/${classId}`);
  await teacher.getByRole('link', { name: 'Gradebook' }).click();
  await teacher.getByTestId('gradebook').waitFor();
  const book = teacher.getByTestId('gradebook');
  expect(await book.locator('thead').innerText()).toContain(title);
  const rowOf = (email: string) => book.locator('tbody tr').filter({ hasText: email });
  expect(await book.locator('tbody tr').count()).toBe(2);
  expect(await rowOf(onTimeEmail).innerText()).toContain(onTimeName);
  expect(await rowOf(onTimeEmail).locator('td').innerText()).toMatch(/^66\.7%/);
  expect(await rowOf(lateEmail).innerText()).toContain(lateName);
  expect(await rowOf(lateEmail).locator('td').innerText()).toMatch(/^33\.3%/);
  expect(await seriousViolations(teacher)).toEqual([]);
  await screenshot(teacher, 'class-quiz-gradebook');

  // The grades as CSV, downloaded with the page's button.
  const [csvDownload, csv] = await downloadText(teacher, () =>
    teacher.getByTestId('gradebook-csv').click(),
  );
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe(`name,email,${title}`);
  expect(lines.slice(1).sort()).toEqual(
    [`${onTimeName},${onTimeEmail},66.67`, `${lateName},${lateEmail},33.33`].sort(),
  );

  // ── The results: both attempts, how each ended, and the statistics per question.
  await teacher.getByRole('link', { name: title }).click();
  await teacher.waitForURL(`**/teach/quizzes/${quizId}/results`);
  const attempts = teacher.getByTestId('attempts');
  await attempts.waitFor();
  expect(await attempts.locator('tbody tr').count()).toBe(2);
  expect(await attempts.locator('tbody tr').filter({ hasText: onTimeName }).innerText()).toMatch(
    /Student[\s\S]*2 \/ 3/,
  );
  expect(await attempts.locator('tbody tr').filter({ hasText: lateName }).innerText()).toMatch(
    /Time ran out[\s\S]*1 \/ 3/,
  );
  const statistics = teacher.getByTestId('statistics');
  const rows = statistics.locator('tbody tr');
  expect(await rows.count()).toBe(3);
  // Facility: question 1 right twice, question 2 right once of two, question 3 never.
  const cells = async (i: number) =>
    (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
  const [first, second, third] = [await cells(0), await cells(1), await cells(2)];
  // Columns: attempts, facility, discrimination, wrong answers, unanswered.
  expect([first[0], first[1], first[4]]).toEqual(['2', '100%', '0']);
  expect([second[0], second[1], second[4]]).toEqual(['2', '50%', '1']);
  expect([third[0], third[1], third[4]]).toEqual(['2', '0%', '1']);
  expect(third[3]).toMatch(/^1×/);
  expect(await seriousViolations(teacher)).toEqual([]);
  await screenshot(teacher, 'class-quiz-results');

  // ── The exports, downloaded from the quiz's links: every question in Moodle XML and GIFT.
  const [xmlDownload, xml] = await downloadText(teacher, () =>
    teacher.getByRole('link', { name: 'Export Moodle XML' }).click(),
  );
  expect(xmlDownload.suggestedFilename()).toMatch(/\.xml$/);
  expect(xml).toContain('<quiz>');
  expect(xml.match(/<question type="multichoice">/g)?.length).toBe(3);
  const [giftDownload, gift] = await downloadText(teacher, () =>
    teacher.getByRole('link', { name: 'Export GIFT' }).click(),
  );
  expect(giftDownload.suggestedFilename()).toMatch(/\.(txt|gift)$/);
  for (const [i, q] of questions.entries()) {
    const label = `Q${i + 1} (${q.template}, ${q.seed})`;
    const stem = plainRun(q.stem);
    expect(xml, label).toContain(`<name><text>${label}</text></name>`);
    expect(xml, label).toContain(stem);
    expect(gift, label).toContain(`::Q${i + 1} `);
    expect(gift, label).toContain(stem);
  }

  expect(errors).toEqual([]);
  await Promise.all([teacherContext.close(), lateContext.close(), onTimeContext.close()]);
}, 240_000);
