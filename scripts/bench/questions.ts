// Question benchmark: generated questions per second for every template on one core, next to
// an engine-only ceiling measured in the same run (re-simulating the same questions' sources
// without building questions), so the cost of lib/questions itself is visible.

import {
  DIFFICULTIES,
  LOCALES,
  TEMPLATE_IDS,
  generateQuestion,
  runSource,
  type Question,
  type TemplateId,
} from '@/lib/questions';
import type { BenchSection } from './engine';

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

function rate(fn: (i: number) => void, seconds: number, warmup: number): number {
  // Warm-up so the JIT has settled (a long-running server, not a cold start).
  for (let i = 0; i < warmup; i++) fn(i);
  let n = 0;
  const start = now();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let k = 0; k < 20; k++) fn(n++);
    elapsed = now() - start;
  }
  return n / elapsed;
}

/** Seeds cycle through difficulties and locales, so each template's rate covers all of them. */
function generateFor(template: TemplateId, i: number): Question {
  return generateQuestion(template, {
    seed: i,
    locale: LOCALES[i % LOCALES.length] ?? 'zh',
    difficulty: DIFFICULTIES[i % DIFFICULTIES.length] ?? 1,
  });
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * Run the question benchmark: `seconds` of timed generation per template, after `warmup`
 * questions of every template. Called by scripts/bench/index.ts as one PARTS entry.
 *
 * @example PARTS.push(() => runQuestionsBench())
 */
export function runQuestionsBench(seconds = 0.5, warmup = 500): BenchSection {
  // Warm every template (and the engine paths each one uses) before timing any of them, so the
  // first template measured does not pay for JIT compilation the later ones reuse.
  for (const template of TEMPLATE_IDS) for (let i = 0; i < warmup; i++) generateFor(template, i);
  const rows: string[] = [];
  let slowest = Infinity;
  let slowestId = '';
  for (const template of TEMPLATE_IDS) {
    const qps = rate((i) => void generateFor(template, i), seconds, 100);
    // Ceiling: only the simulations these questions need, from pre-generated sources.
    const sources = Array.from({ length: 300 }, (_, i) => generateFor(template, i).source);
    const sps = rate((i) => void runSource(sources[i % sources.length]!), seconds / 2, 300);
    const engine = sources[0]?.scenario === null ? '— (authored)' : fmt(sps);
    rows.push(`| ${template} | ${fmt(qps)} | ${engine} | ${qps >= 20_000 ? 'yes' : 'no'} |`);
    if (qps < slowest) {
      slowest = qps;
      slowestId = template;
    }
  }
  const markdown = [
    `**Slowest template: ${slowestId}, ${fmt(slowest)} questions/s on one core** (goal ≥ 20,000/s per template).`,
    '',
    'Each row: questions generated with a new seed per run, cycling through difficulties 1-3 and both locales, after a warm-up; one simulation per question. The engine-only ceiling re-runs the simulations of 300 of those questions without building questions: the gap between the two columns is the cost of lib/questions itself. Shared 2-CPU machine: expect ±50 % between runs.',
    '',
    '| template | questions/s | engine-only ceiling (simulations/s) | ≥ 20,000/s |',
    '|---|---:|---:|---|',
    ...rows,
  ].join('\n');
  return { title: 'Questions (lib/questions)', markdown };
}
