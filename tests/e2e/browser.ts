// Real Chromium (Debian's) driven by playwright-core, one browser per test file.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function newContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ locale, baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
}

/** Saves a screenshot under tests/e2e/screenshots (gitignored) for a person to look at. */
export async function screenshot(page: Page, name: string) {
  const dir = path.resolve('tests/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/password|密码/i).fill(password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
}

const axeSource = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Answers the practice question on screen from the keyboard (right or wrong). */
export async function answerPracticeQuestion(page: Page): Promise<void> {
  const question = page.getByTestId('practice-question');
  await question.waitFor();
  const kind = await question.getAttribute('data-kind');
  if (kind === 'choice' || kind === 'multi') {
    await page.keyboard.press('2');
  } else if (kind === 'order') {
    const n = await page.getByTestId('practice-inputs').locator('kbd').count();
    // Number keys reach items 1-9; a longer list (every segment of a connection) is finished
    // by clicking the items still offered, in order.
    for (let k = 1; k <= Math.min(n, 9); k++) await page.keyboard.press(String(k));
    if (n > 0)
      await page
        .getByTestId('practice-order')
        .locator('li')
        .nth(Math.min(n, 9) - 1)
        .waitFor();
    const offered = page.getByTestId('practice-inputs').locator('button:has(kbd)');
    while ((await offered.count()) > 0) await offered.first().click();
  } else if (kind === 'numeric') {
    await page.getByTestId('practice-value').focus();
    await page.keyboard.type('1');
  } else {
    await page.getByTestId('practice-field-flags').focus();
    await page.keyboard.type('S.');
  }
  await page.keyboard.press('Enter');
  await page.getByTestId('practice-feedback').waitFor();
}
