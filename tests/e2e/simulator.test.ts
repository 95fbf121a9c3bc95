// The simulator playground as a learner uses it: run scenarios, step and predict, add a
// fault, follow a share link, export; accessible (axe-core) and readable on a phone and in
// the dark (screenshots under tests/e2e/screenshots).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeRunConfig } from '@/app/simulator/run-config';
import {
  answerPracticeQuestion,
  baseUrl,
  launchBrowser,
  newContext,
  screenshot,
  seriousViolations,
} from './browser';
import { HttpClient } from './http-client';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const segmentLabels = (page: Page): Promise<string[]> =>
  page
    .getByTestId('ladder-player')
    .locator('[data-testid=segment]')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-label')}${e.getAttribute('data-lost') === 'true' ? ' ✗' : ''}`,
      ),
    );

async function openSimulator(page: Page, query = ''): Promise<void> {
  await page.goto(`/simulator${query}`);
  await page.getByTestId('ladder').first().waitFor();
}

async function runScenario(page: Page, name: string): Promise<void> {
  await page.getByTestId('scenario-select').selectOption(name);
  await page.getByTestId('run').click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=ladder] title')?.textContent?.startsWith(n),
    name,
  );
}

async function exportedJson(page: Page): Promise<string> {
  const panel = page.getByTestId('export').first();
  await panel.locator('summary').click();
  return panel.getByTestId('export-text').innerText();
}

describe('the simulator playground', () => {
  test('two scenarios draw two different diagrams', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page);
    await runScenario(page, 'third-ack-dropped');
    const first = await segmentLabels(page);
    expect(first.slice(0, 3)).toEqual(['S 0:0(0)', 'S. 0:0(0) ack 1', '. ack 1 ✗']);
    await runScenario(page, 'refused');
    const second = await segmentLabels(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
    expect(second.some((l) => l.startsWith('R'))).toBe(true);
    await context.close();
  });

  test('← and → step through the diagram one segment at a time', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=handshake-data-close&seed=1');
    const player = page.getByTestId('ladder-player');
    const total = Number(await player.getAttribute('data-total'));
    expect(total).toBeGreaterThan(3);
    expect(await player.getAttribute('data-step')).toBe(String(total));
    await page.getByTestId('ladder-scroll').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await player.getAttribute('data-step')).toBe(String(total - 2));
    expect(await player.locator('[data-testid=segment]').count()).toBe(total - 2);
    await page.keyboard.press('ArrowRight');
    expect(await player.getAttribute('data-step')).toBe(String(total - 1));
    await page.keyboard.press('Home');
    expect(await player.locator('[data-testid=segment]').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await player.locator('[data-testid=segment]').count()).toBe(1);
    expect(await page.getByTestId('step-counter').innerText()).toBe(`Step 1 of ${total}`);
    // Jump from the event list, then play on from there.
    await page.getByTestId('event-list').locator('li[data-kind=segment] button').first().click();
    expect(await player.getAttribute('data-step')).toBe('1');
    await page.getByTestId('play').click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=ladder-player]')?.getAttribute('data-step')) >=
        3,
    );
    await page.getByTestId('play').click();
    await context.close();
  });

  test('a prediction is graded, then the segment is revealed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=handshake-data-close&seed=1');
    await page.getByTestId('predict-toggle').check();
    const player = page.getByTestId('ladder-player');
    expect(await player.getAttribute('data-step')).toBe('0');
    // Nothing ahead is given away: the state table shows only what the diagram shows.
    expect(await page.getByTestId('state-timeline').innerText()).not.toContain('ESTABLISHED');
    const form = page.getByTestId('prediction');
    // → does not skip the question: it moves the focus to it.
    await page.getByTestId('ladder-scroll').focus();
    await page.keyboard.press('ArrowRight');
    expect(await player.getAttribute('data-step')).toBe('0');
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('[data-testid=prediction]') !== null,
      ),
    ).toBe(true);
    await form.getByText('S', { exact: true }).click();
    await form.getByRole('button', { name: 'Check' }).click();
    const feedback = page.getByTestId('prediction-feedback');
    expect(await feedback.getAttribute('data-correct')).toBe('true');
    expect(await player.getAttribute('data-step')).toBe('1');
    // The SYN-ACK guessed as a RST is wrong, and the answer is shown.
    await form.getByText('R', { exact: true }).click();
    await form.getByRole('button', { name: 'Check' }).click();
    expect(await feedback.getAttribute('data-correct')).toBe('false');
    expect(await feedback.innerText()).toContain('S. 0:0(0) ack 1');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulator-predict');
    await context.close();
  });

  test('dropping the third ACK with a fault shows a lost segment', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=handshake-data-close&seed=1');
    const lost = page.getByTestId('ladder-player').locator('[data-testid=segment][data-lost=true]');
    expect(await lost.count()).toBe(0);
    await page.getByText('Scenario file and faults').click();
    const form = page.getByTestId('fault-form');
    await form.getByTestId('fault-from').selectOption('client');
    await form.getByTestId('fault-to').selectOption('server');
    await form.getByTestId('fault-match').selectOption('pure_ack');
    await form.getByTestId('fault-nth').fill('1');
    await form.getByTestId('fault-action').selectOption('drop');
    await form.getByTestId('fault-add').click();
    expect(await page.getByTestId('scenario-text').inputValue()).toContain('"pure_ack": true');
    await page.getByTestId('run').click();
    await lost.first().waitFor();
    expect(await lost.first().getAttribute('data-label')).toBe('. ack 1');
    // The edited scenario travels in the share link.
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toContain('file=');
    const other = await context.newPage();
    await other.goto(link);
    await other.getByTestId('ladder').first().waitFor();
    expect(await segmentLabels(other)).toEqual(await segmentLabels(page));
    await context.close();
  });

  test('a bad sysctl value is reported beside the overrides', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(
      '/simulator?scenario=handshake-data-close&seed=1&set=client.tcp_syn_retries%3Dmany',
    );
    expect(await page.getByTestId('set-problem').innerText()).toContain('client.tcp_syn_retries');
    await page.getByTestId('overrides').getByRole('button').click();
    await page.getByTestId('run').click();
    await page.getByTestId('set-problem').waitFor({ state: 'detached' });
    // The run happens in a Web Worker: wait for its ladder, not just for the error to go.
    await page.getByTestId('ladder-player').locator('[data-testid=segment]').first().waitFor();
    expect((await segmentLabels(page)).length).toBeGreaterThan(0);
    await context.close();
  });

  test('an invalid scenario file is reported with its field path and line', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=handshake-data-close&seed=1');
    await page.getByText('Scenario file and faults').click();
    const area = page.getByTestId('scenario-text');
    const text = await area.inputValue();
    await area.fill(text.replace('"port": 9000', '"port": 70000'));
    const problem = page.getByTestId('scenario-problem');
    expect(await problem.innerText()).toMatch(/endpoints\.server\.port: .*line \d+/);
    expect(await page.getByTestId('run').isDisabled()).toBe(true);
    await context.close();
  });

  test('a share link reproduces the exact run', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=syn-dropped-default&seed=5');
    await page.getByTestId('seed').fill('9');
    await page.getByTestId('profile').selectOption('rfc');
    await page.getByTestId('override-endpoint').selectOption('client');
    await page.getByTestId('override-name').selectOption('tcp_syn_retries');
    await page.getByTestId('override-value').fill('2');
    await page.getByTestId('override-add').click();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => location.search.includes('seed=9'));
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toContain('set=client.tcp_syn_retries%3D2');
    expect(link).toContain('profile=rfc');
    const labels = await segmentLabels(page);
    const json = await exportedJson(page);
    expect(JSON.parse(json)).toMatchObject({ seed: 9, profile: 'rfc' });

    const other = await context.newPage();
    await other.goto(link);
    await other.getByTestId('ladder').first().waitFor();
    expect(await segmentLabels(other)).toEqual(labels);
    expect(await exportedJson(other)).toBe(json);
    await context.close();
  });

  test('an exported trace can be imported back; a broken one is refused with its path', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=refused&seed=2');
    const json = await exportedJson(page);
    const labels = await segmentLabels(page);
    await runScenario(page, 'handshake-data-close');
    await page.getByTestId('import').locator('summary').click();
    await page.getByTestId('import-text').fill(json.replace('"flags": "S"', '"flags": "SYN"'));
    await page.getByTestId('import-show').click();
    expect(await page.getByTestId('import-problem').innerText()).toContain('segments[0].flags');
    await page.getByTestId('import-text').fill(json);
    await page.getByTestId('import-show').click();
    await page.getByTestId('imported-note').waitFor();
    expect(await segmentLabels(page)).toEqual(labels);
    await context.close();
  });

  test('the probe panel sends a chosen segment to a socket in a chosen state (issue 21)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page);
    const probe = page.getByTestId('probe');
    await probe.locator('summary').click();
    // A SYN on an ESTABLISHED connection: RFC 5961 §4.2, a challenge ACK and nothing else.
    await probe.getByTestId('probe-state').selectOption('ESTABLISHED');
    await probe.getByTestId('probe-flags').selectOption('S');
    await probe.getByTestId('probe-seq').selectOption('beyond');
    await probe.getByTestId('probe-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=ladder] title')
        ?.textContent?.startsWith('probe-established'),
    );
    const labels = await segmentLabels(page);
    const probeAt = labels.indexOf('S 200001:200001(0)');
    expect(probeAt).toBeGreaterThan(0);
    expect(labels[probeAt + 1]).toBe('. ack 1');
    // The built scenario is in the editor, so it can be changed, shared or saved.
    expect(await page.getByTestId('scenario-text').inputValue()).toContain('"raw": true');
    // An exact RST in CLOSE_WAIT closes the socket: the state timeline ends in CLOSED.
    await probe.getByTestId('probe-state').selectOption('CLOSE_WAIT');
    await probe.getByTestId('probe-flags').selectOption('R');
    await probe.getByTestId('probe-seq').selectOption('exact');
    await probe.getByTestId('probe-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=ladder] title')
        ?.textContent?.startsWith('probe-close_wait'),
    );
    const closeWait = await segmentLabels(page);
    expect(closeWait.at(-1)).toBe('R 2:2(0)');
    const tracks = await page.getByTestId('state-timeline').locator('li').allInnerTexts();
    const server = tracks.find((line) => line.startsWith('server') && line.includes('CLOSE_WAIT'));
    expect(server).toMatch(/CLOSE_WAIT[^→]*→\s*CLOSED[^→]*$/);
    await context.close();
  });

  test('compare shows linux and rfc side by side', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSimulator(page, '?scenario=syn-dropped-default&seed=1&compare=1');
    await page.getByTestId('ladder-player-compare').waitFor();
    const headings = await page.getByTestId('results').locator('h2').allInnerTexts();
    expect(headings).toEqual(['linux', 'rfc']);
    await context.close();
  });
});

// Issue 19, finding 1: a share link carries a whole scenario file, and a link is all an
// attacker needs. These are built the way the share button builds them (encodeRunConfig).
const floodLink = (count: number, backlog = 65_535): string =>
  `/simulator?${encodeRunConfig({
    scenario: 'syn-flood',
    file: {
      name: 'flood',
      sysctl: { server: { tcp_syncookies: 0, tcp_max_syn_backlog: 65_535, somaxconn: 65_535 } },
      endpoints: {
        server: { port: 9000, program: [{ listen: { backlog } }, { accept: {} }] },
        attacker: {
          port: 6666,
          program: [{ syn_flood: { target: 'server', count, interval: 0 } }],
        },
      },
    },
    seed: 1,
    profile: null,
    set: [],
    compare: false,
  })}`;

describe('untrusted scenarios (issue 19)', () => {
  test('a 50,000-SYN share link answers fast with a small page, and the server stays up', async () => {
    const http = new HttpClient();
    const link = floodLink(50_000);
    expect(link.length).toBeLessThan(700);
    const started = Date.now();
    const response = await http.request(link);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    // Today's page for any link is about 25 kB; the crashing version never answered.
    expect(response.body.length).toBeLessThan(100_000);
    expect(elapsed).toBeLessThan(3_000);
    // The server rendered the shell only: no ladder, no segment, no error about the file.
    expect(response.body).not.toContain('data-testid="ladder"');
    expect(response.body).not.toContain('at most 2,000');
    const after = await http.request('/simulator?scenario=refused&seed=1');
    expect(after.status).toBe(200);
  });

  test.each([
    { locale: 'en-US', text: 'endpoints.attacker.program[0].syn_flood.count: at most 2,000' },
    { locale: 'zh-CN', text: 'endpoints.attacker.program[0].syn_flood.count: 最多 2,000' },
  ])(
    'the browser shows the bound the 50,000-SYN link exceeds ($locale)',
    async ({ locale, text }) => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(floodLink(50_000));
      const problem = page.getByTestId('run-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toContain(text);
      expect(await page.getByTestId('ladder').count()).toBe(0);
      await context.close();
    },
  );

  test('on a phone the long path of the bound wraps instead of widening the page', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(floodLink(50_000));
    await page.getByTestId('run-problem').waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await context.close();
  });

  test('a flood within the bounds that would draw 14,000 segments stops at the trace budget, in a worker', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const worker = page.waitForEvent('worker');
    await page.goto(floodLink(2_000));
    // The simulation runs in a Web Worker, not on the page's thread.
    expect((await worker).url()).toContain('/_next/static/');
    const problem = page.getByTestId('run-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('more than 5,000 trace entries');
    // The page is usable: the next run (a catalog scenario) draws its diagram.
    await runScenario(page, 'refused');
    expect(await page.getByTestId('run-problem').count()).toBe(0);
    await context.close();
  });

  test('a normal share link still reproduces its run, and the server is alive afterwards', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(floodLink(12, 4));
    await page.getByTestId('ladder').first().waitFor();
    const labels = await segmentLabels(page);
    expect(labels.filter((l) => l.startsWith('S ')).length).toBeGreaterThanOrEqual(12);
    const http = new HttpClient();
    expect((await http.request('/')).status).toBe(200);
    await context.close();
  });
});

describe('the round model (issue 11)', () => {
  test('a rounds-only scenario shows the round table and the cwnd chart instead of a ladder', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/simulator?scenario=congestion-rounds-reno&seed=1');
    const table = page.getByTestId('round-table');
    await table.waitFor();
    expect(await page.getByTestId('ladder').count()).toBe(0);
    expect(await table.locator('caption').innerText()).toContain('MSS');
    // congestion-rounds-reno: slow start from 1 MSS doubles to ssthresh.
    const cwnd = await table.locator('[data-col=cwnd]').allInnerTexts();
    expect(cwnd.slice(0, 4)).toEqual(['1', '2', '4', '8']);
    expect(await table.locator('th[scope=row]').count()).toBe(cwnd.length);
    const chart = page.getByTestId('cwnd-chart');
    await chart.locator('.recharts-line').first().waitFor();
    expect(await chart.locator('[role=img]').getAttribute('aria-label')).toMatch(/cwnd/);
    expect(await chart.locator('.recharts-reference-line').count()).toBeGreaterThan(0);
    await table.getByLabel(/bytes/).check();
    expect((await table.locator('[data-col=cwnd]').allInnerTexts()).slice(0, 2)).toEqual([
      String(Number(cwnd[0]) * 1000),
      String(Number(cwnd[1]) * 1000),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulator-congestion-rounds');
    await context.close();
  });

  test('a scenario with both shows the ladder and the round table; recharts loads only for the chart', async () => {
    const context = await newContext(browser, 'zh-CN');
    const page = await context.newPage();
    await openSimulator(page, '?scenario=third-ack-dropped&seed=1');
    const before = await page
      .locator('script[src]')
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of before) {
      const body = await (await page.request.get(src)).text();
      expect(body.includes('recharts-wrapper'), src).toBe(false);
    }
    await openSimulator(page, '?scenario=congestion-reno&seed=1');
    await page.getByTestId('round-table').waitFor();
    await page.getByTestId('cwnd-chart').locator('.recharts-line').first().waitFor();
    expect(await page.getByTestId('round-table').locator('caption').innerText()).toContain('轮次');
    await context.close();
  });
  // The same views under a graded practice question (app/practice/feedback-view.tsx).
  test('a graded congestion question shows its rounds under the explanation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/practice?topics=congestion');
    const question = page.getByTestId('practice-question');
    const roundTemplates = [
      'congestion-window',
      'rounds-to-window',
      'sendable-bytes',
      'sendable-range',
      'fast-retransmit',
      'connect-to-closed',
    ];
    let shown = false;
    for (let i = 0; i < 8 && !shown; i++) {
      await question.waitFor();
      const template = await question.getAttribute('data-template');
      const seed = await question.getAttribute('data-seed');
      await answerPracticeQuestion(page);
      if (template !== null && roundTemplates.includes(template)) {
        const rounds = page.getByTestId('explanation-rounds');
        await rounds.waitFor();
        await rounds.locator('summary').click();
        const rows = rounds.getByTestId('explanation-round-table').locator('tbody tr');
        expect(await rows.count()).toBeGreaterThan(0);
        await rounds.locator('.recharts-line').first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        shown = true;
      } else {
        expect(await page.getByTestId('explanation-rounds').count()).toBe(0);
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          (s) =>
            document.querySelector('[data-testid=practice-question]')?.getAttribute('data-seed') !==
            s,
          seed,
        );
      }
    }
    expect(shown).toBe(true);
    await context.close();
  });
});

test('the engine is loaded only by the pages that use it, not by the layout', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/');
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const body = await (await page.request.get(src)).text();
    // A sysctl name only the engine's code spells out.
    expect(body.includes('tcp_syn_linear_timeouts'), src).toBe(false);
  }
  await context.close();
});

describe('accessibility and looks', () => {
  test.each([
    { device: 'desktop', width: 1280, height: 900, scheme: 'light' },
    { device: 'desktop', width: 1280, height: 900, scheme: 'dark' },
    { device: 'phone', width: 375, height: 800, scheme: 'light' },
    { device: 'phone', width: 375, height: 800, scheme: 'dark' },
  ] as const)(
    '$device ($width px), $scheme: no serious axe violations; screenshot',
    async ({ device, width, height, scheme }) => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await openSimulator(page, '?scenario=third-ack-dropped&seed=3');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `simulator-${device}-${scheme}`);
      await context.close();
    },
  );

  test('a multi-client scenario (syn-flood) and compare mode pass axe too', async () => {
    const context = await newContext(browser, 'zh-CN');
    const page = await context.newPage();
    await openSimulator(page, '?scenario=syn-flood&seed=1&compare=1');
    await page.getByTestId('ladder-player-compare').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulator-syn-flood-compare-zh');
    await openSimulator(page, '?scenario=syn-flood&seed=1');
    await screenshot(page, 'simulator-syn-flood-zh');
    await context.close();
  });
});
