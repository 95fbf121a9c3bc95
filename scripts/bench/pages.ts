// Page weight and Lighthouse scores of the production build: the compressed JavaScript each
// route loads on a cold first visit (Chromium's own byte counts), and Lighthouse's
// performance and accessibility on the landing, a lesson and practice. Baselines from the
// same run: the JS every route shares (the framework floor), and Lighthouse on a plain HTML
// page served locally (what this machine scores for a page with nothing to load).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startApp } from '../lib/app-process';
import type { BenchSection } from './engine';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * Routes whose first-load JS is reported (`app` is the route's folder under app/); the
 * issue's budget applies to the first three.
 */
const ROUTES = [
  { path: '/', app: '', budgetKb: 180 },
  { path: '/lessons/socket-api-and-the-handshake', app: 'lessons/[slug]', budgetKb: 180 },
  { path: '/practice', app: 'practice', budgetKb: 180 },
  { path: '/flashcards', app: 'flashcards', budgetKb: null },
  { path: '/simulator', app: 'simulator', budgetKb: null },
  { path: '/quizzes', app: 'quizzes', budgetKb: null },
  { path: '/signin', app: 'signin', budgetKb: null },
] as const;

/**
 * First-load JS as Next.js has always counted it, from the build's own manifests: the
 * framework's root chunks plus the chunks the root layout and the page's entry need,
 * gzipped. Chunks loaded later through dynamic imports are not in it.
 */
function buildFirstLoadBytes(appDir: string): number {
  const next = path.join(process.cwd(), '.next');
  const pageDir = path.join(next, 'server', 'app', appDir, 'page');
  const build = JSON.parse(readFileSync(path.join(pageDir, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const sandbox: { globalThis: Record<string, unknown> } = { globalThis: {} };
  sandbox.globalThis.__RSC_MANIFEST = {};
  const manifestFile = path.join(
    next,
    'server',
    'app',
    appDir,
    'page_client-reference-manifest.js',
  );
  runInNewContext(readFileSync(manifestFile, 'utf8'), sandbox);
  const manifests = Object.values(
    sandbox.globalThis.__RSC_MANIFEST as Record<string, { entryJSFiles: Record<string, string[]> }>,
  );
  const entry = manifests[0]?.entryJSFiles ?? {};
  const pageKey = `[project]/app/${appDir ? `${appDir}/` : ''}page`;
  const files = new Set([
    ...build.rootMainFiles,
    ...(entry['[project]/app/layout'] ?? []),
    ...(entry[pageKey] ?? []),
  ]);
  let total = 0;
  for (const file of files) {
    const full = path.join(next, file);
    if (existsSync(full)) total += gzipSync(readFileSync(full)).length;
  }
  return total;
}

const LIGHTHOUSE_ROUTES = ['/', '/lessons/socket-api-and-the-handshake', '/practice'];

type Weight = { path: string; js: Map<string, number>; totalBytes: number; status: number };

async function measureWeights(baseUrl: string): Promise<Weight[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const out: Weight[] = [];
  try {
    for (const route of ROUTES) {
      // A fresh context per route: a cold cache, as for a first visit.
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const pending: Promise<void>[] = [];
      const js = new Map<string, number>();
      let totalBytes = 0;
      page.on('requestfinished', (request) => {
        pending.push(
          request.sizes().then((sizes) => {
            // Encoded (compressed) body plus headers, as it crossed the wire.
            const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
            totalBytes += bytes;
            if (request.resourceType() === 'script') js.set(new URL(request.url()).pathname, bytes);
          }),
        );
      });
      const response = await page.goto(baseUrl + route.path, { waitUntil: 'networkidle' });
      await Promise.all(pending);
      out.push({ path: route.path, js, totalBytes, status: response?.status() ?? 0 });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

type Scores = { performance: number; accessibility: number };

const LIGHTHOUSE_RUNS = 5;

async function lighthouseScores(url: string): Promise<Scores> {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const categories = result?.lhr.categories;
    return {
      performance: Math.round((categories?.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
    };
  } finally {
    chrome.kill();
  }
}

/**
 * The median of `runs` (Lighthouse's own advice for variable environments): its simulated
 * metrics still move with CPU contention on a shared machine, and a best-of would report the
 * luckiest run rather than a typical one.
 */
async function medianScores(url: string, runs: number): Promise<Scores> {
  const all: Scores[] = [];
  for (let i = 0; i < runs; i++) all.push(await lighthouseScores(url));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    performance: median(all.map((s) => s.performance)),
    accessibility: median(all.map((s) => s.accessibility)),
  };
}

function plainPageServer(): Promise<{ url: string; close: () => void }> {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Baseline</title><meta name="description" content="A plain page"></head><body><main><h1>Baseline</h1><p>Plain HTML, no scripts.</p></main></body></html>';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => server.close(),
      }),
    ),
  );
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export async function runPagesBench(): Promise<BenchSection> {
  const dataDir = path.join(process.cwd(), '.cache', 'bench-pages');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const app = await startApp({
    databaseUrl: `file:${path.join(dataDir, 'bench.db')}`,
    env: { ACKADEMY_DEMO: '1' },
  });
  try {
    const weights = await measureWeights(app.baseUrl);
    const shared = [...(weights[0]?.js.keys() ?? [])].filter((file) =>
      weights.every((w) => w.js.has(file)),
    );
    const sharedBytes = shared.reduce((s, f) => s + (weights[0]!.js.get(f) ?? 0), 0);
    const firstLoads = ROUTES.map((r) => buildFirstLoadBytes(r.app));
    const floorFirstLoad = Math.min(...firstLoads);
    const weightRows = weights.map((w, i) => {
      const js = [...w.js.values()].reduce((s, b) => s + b, 0);
      const first = firstLoads[i]!;
      const budget = ROUTES[i]!.budgetKb;
      const verdict =
        budget === null ? '' : first / 1024 <= budget ? `≤ ${budget} kB ✓` : `> ${budget} kB ✗`;
      return `| ${w.path} | ${kb(first)} | ${(first / Math.max(1, floorFirstLoad)).toFixed(2)}× | ${verdict} | ${kb(js)} | ${kb(js - sharedBytes)} | ${kb(w.totalBytes)} |`;
    });

    const plain = await plainPageServer();
    let baseline: Scores;
    const scores: { path: string; s: Scores }[] = [];
    try {
      baseline = await medianScores(plain.url, LIGHTHOUSE_RUNS);
      for (const route of LIGHTHOUSE_ROUTES)
        scores.push({ path: route, s: await medianScores(app.baseUrl + route, LIGHTHOUSE_RUNS) });
    } finally {
      plain.close();
    }
    const lhRows = scores.map(
      ({ path: p, s }) =>
        `| ${p} | ${s.performance} | ${(s.performance / Math.max(1, baseline.performance)).toFixed(2)}× | ${s.accessibility} | ${s.performance >= 90 && s.accessibility >= 95 ? '✓' : '✗'} |`,
    );
    const markdown = [
      `**First-load JS** is counted from the build's manifests as Next.js counts it: the framework's root chunks and the chunks of the root layout and the page entry, gzipped; code behind dynamic imports (the engine and the ladder diagram on lessons and practice) is not in it. Baseline: the smallest route's first load, ${kb(floorFirstLoad)} kB (the framework, React and the app shell). **Loaded by Chromium** is everything a cold first visit fetched until the network was idle, compressed as \`next start\` served it (with response headers), lazily loaded chunks included; of it, ${kb(sharedBytes)} kB is shared by every route.`,
      '',
      '| route | first-load JS kB | vs smallest | budget | loaded by Chromium, JS kB | of it beyond shared kB | all bytes kB |',
      '|---|---:|---:|---|---:|---:|---:|',
      ...weightRows,
      '',
      `Lighthouse ${await lighthouseVersion()} (default mobile profile with simulated throttling, Debian Chromium, the median of ${LIGHTHOUSE_RUNS} runs each). Baseline: a plain HTML page without scripts, served on this machine in the same run: performance ${baseline.performance}, accessibility ${baseline.accessibility}. Targets: performance ≥ 90, accessibility ≥ 95.`,
      '',
      '| page | performance | vs plain page | accessibility | targets |',
      '|---|---:|---:|---:|---|',
      ...lhRows,
    ].join('\n');
    return { title: 'Pages (page weight and Lighthouse)', markdown };
  } finally {
    await app.stop();
  }
}

async function lighthouseVersion(): Promise<string> {
  const pkg = (await import('lighthouse/package.json', { with: { type: 'json' } })) as {
    default: { version: string };
  };
  return pkg.default.version;
}
