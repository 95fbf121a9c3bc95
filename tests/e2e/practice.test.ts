// Practice as a learner meets it: ten questions with the keyboard alone, mastery moving after
// each, a visitor's progress kept in the browser, and a signed-in learner's answers stored
// so a reload resumes the session and mastery carries over; and flashcard review by keyboard.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
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

async function masteryAfter(page: Page): Promise<Record<string, number>> {
  const items = page.getByTestId('practice-mastery').locator('li');
  const out: Record<string, number> = {};
  for (const item of await items.all()) {
    out[(await item.getAttribute('data-topic')) ?? ''] = Number(
      await item.getAttribute('data-after'),
    );
  }
  return out;
}

/**
 * From now on, notes whether the session was still busy (the button that acts next disabled)
 * at the moment each question, and each verdict, appeared: keys pressed while it is busy are
 * ignored, so a learner answering the instant a question shows would lose them.
 */
async function watchArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { arrivals: string[] }).arrivals = log;
    // The submit button is there only while a question is asked, the verdict only after.
    const watched = [
      { shown: 'practice-submit', button: 'practice-submit' },
      { shown: 'practice-feedback', button: 'practice-next' },
    ].map((w) => ({ ...w, present: false }));
    new MutationObserver(() => {
      for (const w of watched) {
        const present = document.querySelector(`[data-testid=${w.shown}]`) !== null;
        if (present && !w.present) {
          const button = document.querySelector<HTMLButtonElement>(`[data-testid=${w.button}]`);
          log.push(`${w.shown}: ${button?.disabled ? 'busy' : 'ready'}`);
        }
        w.present = present;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function arrivals(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { arrivals: string[] }).arrivals);
}

test('a visitor practises ten questions with the keyboard, sees mastery change and gets mistake cards', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/practice');
  await page.getByTestId('practice-setup').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await watchArrivals(page);
  await page.getByRole('button', { name: 'Start practising' }).focus();
  await page.keyboard.press('Enter');

  const seen = new Set<string>();
  let diagrams = 0;
  for (let i = 0; i < 10; i++) {
    await answerPracticeQuestion(page);
    // The diagram's code loads after the page, with the first question; a question with a
    // trace shows it, steps and all.
    const diagram = page.getByTestId('practice-question').getByTestId('ladder-player');
    if ((await diagram.count()) > 0) {
      diagrams++;
      expect(Number(await diagram.getAttribute('data-total'))).toBeGreaterThan(0);
    }
    const mastery = await masteryAfter(page);
    expect(Object.keys(mastery).length).toBeGreaterThan(0);
    for (const value of Object.values(mastery)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      // The first answer always moves a topic off the prior (0.2), right or wrong.
      if (i === 0) expect(value).not.toBeCloseTo(0.2, 4);
    }
    expect(await page.getByTestId('practice-feedback').innerText()).toMatch(/Step by step/);
    seen.add((await page.getByTestId('practice-question').getAttribute('data-template')) ?? '');
    if (i === 0) {
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'practice-feedback-en');
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('practice-feedback').waitFor({ state: 'detached' });
  }
  expect(await page.getByTestId('practice-score').innerText()).toMatch(/of 10 right/);
  expect(seen.size).toBeGreaterThan(1);
  expect(diagrams).toBeGreaterThan(0);
  // Every question and verdict was ready for keys the moment it appeared.
  const arrived = await arrivals(page);
  expect(arrived.length).toBeGreaterThanOrEqual(20);
  expect(arrived.filter((a) => a.endsWith('busy'))).toEqual([]);

  const stored = await page.evaluate(() => localStorage.getItem('ackademy.practice.v1'));
  const progress = JSON.parse(stored ?? '{}') as {
    position?: number;
    history?: { template: string; correct: boolean }[];
  };
  expect(progress.position).toBe(10);
  expect(progress.history).toHaveLength(10);

  // Each template answered wrongly becomes a flashcard of the visitor's own mistakes.
  const wrong = new Set(progress.history?.filter((h) => !h.correct).map((h) => h.template));
  await page.goto('/flashcards?deck=mistakes');
  await page.getByTestId('flashcards-counts').waitFor();
  expect(await page.getByTestId('flashcards-counts').innerText()).toContain(`${wrong.size} new`);
  if (wrong.size > 0) {
    expect(await page.getByTestId('flashcard').getAttribute('data-card')).toMatch(/^mistake\//);
  }
  expect(errors).toEqual([]);
  await context.close();
});

test("a signed-in learner's answers are stored: a reload resumes, mastery carries over", async () => {
  const context = await newContext(browser, 'zh-CN');
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel(/邮箱|email/i).fill(`practice-${Date.now()}@example.com`);
  await page.getByLabel(/密码|password/i).fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();

  // A lesson link names its topics and starts at once; a reload before answering shows the
  // same question (same seed: the next question follows from the stored answers). The page
  // never shows the seed, so the question is told by its text.
  await page.goto('/practice?topics=queues');
  const question = page.getByTestId('practice-question');
  await question.waitFor();
  const first = await question.innerText();
  expect(await page.getByTestId('practice-session').innerText()).toContain('保存到你的账户');
  await page.reload();
  await question.waitFor();
  expect(await question.innerText()).toBe(first);

  await answerPracticeQuestion(page);
  const afterFirst = await masteryAfter(page);
  expect(afterFirst.queues).toBeDefined();

  // The answer is in the account: after a reload the session is at the next question, and
  // the next answer starts from the stored mastery.
  // Two seeds of a template can read the same (a few backlog/somaxconn pairs), so the next
  // question is told by its position in the learner's stored answers, not by its text.
  expect(await question.getAttribute('data-position')).toBe('0');
  await page.reload();
  await question.waitFor();
  expect(await question.getAttribute('data-position')).toBe('1');
  await answerPracticeQuestion(page);
  const item = page.getByTestId('practice-mastery').locator('li[data-topic=queues]');
  expect(await item.innerText()).toContain(`${Math.round((afterFirst.queues ?? 0) * 100)}% →`);
  await screenshot(page, 'practice-signed-in-zh');
  await context.close();
});

/** A server action the page called: its id and its argument. */
type ActionCall = { id: string; arg: Record<string, unknown> };

/** Records the page's server-action calls whose argument has `field`. */
function recordActions(page: Page, field: string): ActionCall[] {
  const calls: ActionCall[] = [];
  page.on('request', (request) => {
    const id = request.headers()['next-action'];
    const body = request.postData() ?? '';
    if (!id || !body.includes(`"${field}"`)) return;
    calls.push({ id, arg: (JSON.parse(body) as Record<string, unknown>[])[0] ?? {} });
  });
  return calls;
}

/** GETs `path` from the page (its cookies), as HTML or as the RSC payload a navigation gets. */
function fetchText(page: Page, path: string, rsc: boolean): Promise<string> {
  return page.evaluate(
    async ({ path, rsc }) => {
      const response = await fetch(path, { headers: rsc ? { rsc: '1' } : {} });
      return `${response.status} ${await response.text()}`;
    },
    { path, rsc },
  );
}

/** Calls server action `id` from the page (its origin and cookies) with `arg`; the answer. */
function callAction(page: Page, id: string, arg: unknown): Promise<string> {
  return page.evaluate(
    async ({ id, arg }) => {
      const response = await fetch(location.pathname + location.search, {
        method: 'POST',
        headers: {
          'next-action': id,
          'content-type': 'text/plain;charset=UTF-8',
          accept: 'text/x-component',
        },
        body: JSON.stringify([arg]),
      });
      return `${response.status} ${await response.text()}`;
    },
    { id, arg },
  );
}

/** A question's seed, scenario name or parameters, as a payload would hold them. */
const REVEALING = /\\?"(seed|scenario|params)\\?"\s*:|data-seed/;

test('a visitor: no seed, scenario or params reach the browser before grading; only their own tickets are graded', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const nexts = recordActions(page, 'topics');
  const answers = recordActions(page, 'ticket');
  // Close questions are cut from scenarios whose names say the answer (close-unread-data).
  const path = '/practice?topics=close,rst,queues';
  await page.goto(path);
  await page.getByTestId('practice-question').waitFor();
  await expect.poll(() => nexts.length).toBe(1);
  // What the browser receives before grading: the page as HTML and as RSC, the next
  // question (asked again: the same input gives the same question) and the page it drew.
  const beforeGrading = [
    await fetchText(page, path, false),
    await fetchText(page, path, true),
    await callAction(page, nexts[0]!.id, nexts[0]!.arg),
    await page.content(),
  ];
  for (const text of beforeGrading) {
    expect(text).toMatch(/^(200 |<)/);
    expect(text).not.toMatch(REVEALING);
  }
  expect(beforeGrading[2]).toContain('"ticket"');

  await answerPracticeQuestion(page);
  await expect.poll(() => answers.length).toBe(1);
  const answered = answers[0]!;
  // After grading the question is told (graded again here; a visitor's answer is not stored);
  // its seed was in nothing received before.
  const graded = await callAction(page, answered.id, answered.arg);
  const seed = /"seed":(\d+)/.exec(graded)?.[1];
  expect(seed).toBeTruthy();
  for (const text of beforeGrading) expect(text).not.toMatch(new RegExp(`\\b${seed}\\b`));

  // Replayed by hand: a made-up ticket, a readable question of the old kind, this visitor's
  // own ticket under another browser key or none are all refused, and no key comes back.
  const { ticket, response, visitorKey } = answered.arg as {
    ticket: string;
    response: unknown;
    visitorKey: string;
  };
  const refusals: [unknown, RegExp][] = [
    [{ ticket: 'x'.repeat(300), response, visitorKey }, /"error":"ticket","reason":"forged"/],
    [{ ticket: `${ticket.slice(0, -4)}AAAA`, response, visitorKey }, /"reason":"forged"/],
    [
      {
        ticket: { template: 'seq-ack-numbers', seed: 1, difficulty: 1, locale: 'en' },
        response: { value: 1 },
        visitorKey,
      },
      /"error":"invalid"/,
    ],
    [{ ticket, response, visitorKey: 'v-someone-else-0000' }, /"reason":"foreign"/],
    [{ ticket, response }, /"reason":"foreign"/],
  ];
  for (const [arg, refusal] of refusals) {
    const text = await callAction(page, answered.id, arg);
    expect(text).toMatch(/^200 /);
    expect(text).toMatch(refusal);
    expect(text).not.toMatch(/"answer"|"explanation"|"correct"/);
  }
  // The visitor's own ticket, with their key, is still graded (the refusals changed nothing).
  expect(await callAction(page, answered.id, answered.arg)).toMatch(/"ok":true,"correct"/);
  await context.close();
});

test('answers are rate-limited per account: "too many attempts" after the limit', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel(/email/i).fill(`practice-limit-${Date.now()}@example.com`);
  await page.getByLabel(/password/i).fill('a good password');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  const answers = recordActions(page, 'ticket');
  await page.goto('/practice?topics=queues');
  await answerPracticeQuestion(page);
  await expect.poll(() => answers.length).toBe(1);
  const { id, arg } = answers[0]!;
  // 120 a minute (lib/security/rate-limit.ts): one answered, 119 more are counted (each
  // refused for its made-up ticket), and then every answer is refused for the rate.
  const forged = { ...arg, ticket: 'y'.repeat(300) };
  const outcomes: string[] = [];
  for (let i = 0; i < 121; i++) {
    const text = await callAction(page, id, i < 120 ? forged : arg);
    outcomes.push(/"error":"(\w+)"/.exec(text)?.[1] ?? 'ok');
  }
  expect(outcomes.slice(0, 119).every((o) => o === 'ticket')).toBe(true);
  expect(outcomes.slice(119)).toEqual(['limited', 'limited']);
  expect(await callAction(page, id, arg)).toMatch(/Too many attempts/);
  await context.close();
});

// Flashcards live beside practice in this file (one e2e file per colleague on a shared build).
test('flashcards: Space shows, 1-4 rate, U undoes; a visitor keeps reviews in the browser', async () => {
  const context = await newContext(browser, 'en-US');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/flashcards?deck=four-way-close');
  const card = page.getByTestId('flashcard');
  const counts = page.getByTestId('flashcards-counts');
  await card.waitFor();
  const first = await card.getAttribute('data-card');
  const newAtStart = Number(/(\d+) new/.exec(await counts.innerText())?.[1]);
  expect(newAtStart).toBeGreaterThan(1);
  expect(await page.getByTestId('flashcard-back').count()).toBe(0);

  await page.keyboard.press(' ');
  await page.getByTestId('flashcard-back').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('3');
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid=flashcard]')?.getAttribute('data-card') !== id,
    first,
  );
  expect(await counts.innerText()).toContain(`${newAtStart - 1} new`);

  // Undo puts the first card back, new again, with its answer hidden.
  await page.keyboard.press('u');
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid=flashcard]')?.getAttribute('data-card') === id,
    first,
  );
  expect(await counts.innerText()).toContain(`${newAtStart} new`);
  expect(await page.getByTestId('flashcard-back').count()).toBe(0);

  // Rated again and reloaded: the browser remembers.
  await page.keyboard.press(' ');
  await page.keyboard.press('4');
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid=flashcard]')?.getAttribute('data-card') !== id,
    first,
  );
  await page.reload();
  await card.waitFor();
  expect(await card.getAttribute('data-card')).not.toBe(first);
  expect(await counts.innerText()).toContain(`${newAtStart - 1} new`);
  // Statistics from this browser's log: one rating today (the undone one is gone).
  await page.getByTestId('flashcards-stats').locator('summary').click();
  const perDay = page.getByRole('table', { name: 'Reviews per day' });
  await perDay.waitFor();
  expect(await perDay.locator('tr').last().locator('td').last().innerText()).toBe('1');
  expect(await page.getByTestId('flashcards-retention').innerText()).toContain('no due reviews');
  await screenshot(page, 'flashcards-en');
  expect(errors).toEqual([]);
  await context.close();
});
