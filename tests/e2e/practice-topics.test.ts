// Practice on a chosen topic as a new learner meets it (issue 18, findings 5, 8 and 10): twenty
// questions in a row are all about that topic; the diagram beside each is that question's own
// trace, shown from its first to its last segment (never the step the previous one was left at)
// in the numbering its text uses; and the relative/absolute toggle switches the numbers shown
// and is remembered by the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  generateQuestion,
  numberingOf,
  type Difficulty,
  type Locale,
  type Question,
} from '@/lib/questions';
import { segmentLabel, sortedSegments, type Numbering } from '@/lib/trace-export';
import { answerPracticeQuestion, baseUrl, launchBrowser, newContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Diagram = { step: number; total: number; numbering: string; labels: string[] };

/** The practice question's diagram as shown now, or null when the question has none. */
async function diagramOf(page: Page): Promise<Diagram | null> {
  const player = page.getByTestId('practice-question').getByTestId('ladder-player');
  if ((await player.count()) === 0) return null;
  return player.evaluate((el) => ({
    step: Number(el.getAttribute('data-step')),
    total: Number(el.getAttribute('data-total')),
    numbering: el.getAttribute('data-numbering') ?? '',
    labels: [...el.querySelectorAll('[data-testid=segment]')].map(
      (s) => s.getAttribute('data-label') ?? '',
    ),
  }));
}

/** The question just graded, regenerated from the identity the verdict reveals. */
async function gradedQuestion(page: Page): Promise<Question> {
  const feedback = page.getByTestId('practice-feedback');
  const attr = async (name: string) => (await feedback.getAttribute(name)) ?? '';
  return generateQuestion(await attr('data-template'), {
    seed: Number(await attr('data-seed')),
    difficulty: Number(await attr('data-difficulty')) as Difficulty,
    locale: (await attr('data-locale')) as Locale,
  });
}

/** The labels the question's own trace gets in a numbering, in the diagram's order. */
function ownLabels(q: Question, numbering: Numbering): string[] {
  // The shown trace, as the diagram reads it (sortedSegments needs only the segments).
  const trace = { segments: q.trace?.segments ?? [] } as Parameters<typeof sortedSegments>[0];
  return sortedSegments(trace).map((s) => segmentLabel(s, numbering));
}

/**
 * Answers `count` practice questions of a session started on `topic`; every one must be about
 * it and show its own trace, fresh. Before answering, the diagram is stepped back to its
 * start, so a diagram that kept its state would show the next question at step 0.
 */
async function practiseOnTopic(page: Page, topic: string, count: number): Promise<number> {
  await page.goto(`/practice?topics=${topic}`);
  let diagrams = 0;
  for (let i = 0; i < count; i++) {
    await page.getByTestId('practice-submit').waitFor();
    const shown = await diagramOf(page);
    if (shown) {
      diagrams++;
      await page
        .getByTestId('practice-question')
        .getByRole('button', { name: /First step|第一步/ })
        .click();
      // Keys go to the question again (a disabled ⇤ would swallow Enter).
      await page.getByTestId('practice-question').focus();
    }
    await answerPracticeQuestion(page);
    const q = await gradedQuestion(page);
    const where = `question ${i + 1}: ${q.template} seed ${q.seed} d${q.difficulty}`;
    expect(q.topics, where).toContain(topic);
    // The mastery that moved is the question's topics: the chosen one among them.
    const moved = await page
      .getByTestId('practice-mastery')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-topic')));
    expect(moved, where).toContain(topic);
    // Its own trace, all of it, from a fresh start, in the numbering of its text.
    expect(shown === null, where).toBe(q.trace === null);
    if (shown && q.trace) {
      const numbering = numberingOf(q);
      expect(shown.numbering, where).toBe(numbering);
      expect(shown.labels, where).toEqual(ownLabels(q, numbering));
      expect(shown.total, where).toBe(q.trace.segments.length);
      expect(shown.step, where).toBe(shown.total);
    }
    await page.getByTestId('practice-next').click();
    await page.getByTestId('practice-feedback').waitFor({ state: 'detached' });
  }
  return diagrams;
}

async function visitor(locale: string, phone: boolean): Promise<BrowserContext> {
  return phone
    ? browser.newContext({ locale, baseURL: baseUrl(), viewport: { width: 390, height: 844 } })
    : newContext(browser, locale);
}

describe('practice on a chosen topic', () => {
  test('twenty questions on "close" (desktop, English): all on the topic, each diagram its own', async () => {
    const context = await visitor('en-US', false);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const diagrams = await practiseOnTopic(page, 'close', 20);
    expect(diagrams).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  test('twenty questions on "syn-flood" (phone, Chinese): all on the topic, each diagram its own', async () => {
    const context = await visitor('zh-CN', true);
    const page = await context.newPage();
    // Some SYN-flood questions are text only (what happens to the requests, why cookies
    // work); each question's diagram, or its absence, is checked against its own trace above.
    const diagrams = await practiseOnTopic(page, 'syn-flood', 20);
    expect(diagrams).toBeGreaterThan(5);
    await context.close();
  }, 240_000);
});

describe('the numbering toggle', () => {
  test('beside a question it switches the diagram between absolute and relative numbers', async () => {
    const context = await visitor('en-US', false);
    const page = await context.newPage();
    // Most questions on states quote absolute numbers (next-state's stems name the segment
    // that arrives); the first such question of the session is taken.
    await page.goto('/practice?topics=states');
    let before: Diagram | null = null;
    for (let i = 0; i < 10; i++) {
      await page.getByTestId('practice-submit').waitFor();
      before = await diagramOf(page);
      if (before?.numbering === 'absolute') break;
      await answerPracticeQuestion(page);
      await page.getByTestId('practice-next').click();
      await page.getByTestId('practice-feedback').waitFor({ state: 'detached' });
    }
    expect(before?.numbering).toBe('absolute');
    // Absolute numbers count from a random 32-bit ISN: the SYN is not "S 0:0(0)".
    expect(before?.labels[0]).toMatch(/^S \d{5,}:\d{5,}\(0\)/);

    const player = page.getByTestId('practice-question').getByTestId('ladder-player');
    await player.getByTestId('numbering-toggle').click();
    const after = await diagramOf(page);
    expect(after?.numbering).toBe('relative');
    expect(after?.labels[0]).toBe('S 0:0(0)');
    expect(after?.labels).toHaveLength(before!.labels.length);
    expect(after?.step).toBe(before?.step);
    // The event list (the diagram's text alternative) follows.
    expect(await player.getByTestId('event-list').innerText()).toContain('S 0:0(0)');
    await context.close();
  });

  test('the reader’s choice is remembered by the browser where no text decides it', async () => {
    const context = await visitor('zh-CN', false);
    const page = await context.newPage();
    await page.goto('/simulator?scenario=handshake-data-close&seed=1');
    const player = page.getByTestId('ladder-player').first();
    await player.waitFor();
    expect(await player.getAttribute('data-numbering')).toBe('relative');
    expect(await player.getByText('绝对序号').count()).toBe(1);
    await player.getByTestId('numbering-toggle').click();
    expect(await player.getAttribute('data-numbering')).toBe('absolute');
    await page.reload();
    await page.getByTestId('ladder-player').first().waitFor();
    expect(await page.getByTestId('ladder-player').first().getAttribute('data-numbering')).toBe(
      'absolute',
    );
    const first = await page
      .getByTestId('ladder-player')
      .first()
      .locator('[data-testid=segment]')
      .first()
      .getAttribute('data-label');
    expect(first).toMatch(/^S \d{5,}:/);
    await context.close();
  });
});
