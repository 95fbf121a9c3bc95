// The quiz-flow load test as a benchmark part: 1,000 simulated students (LOAD_STUDENTS) on
// SQLite, on PostgreSQL, and on two app instances sharing PostgreSQL; per-step latency,
// errors, the start burst, memory, and autosave throughput against the floor (the same
// database write from a bare Node server), all measured in the same run.
import { STEPS } from '../load/flow';
import { runLoad, type LoadOptions, type LoadReport } from '../load/run';
import type { BenchSection } from './engine';

const STUDENTS = Number(process.env.LOAD_STUDENTS ?? 1000);

const TARGETS = { autosaveP99Ms: 100, burstSec: 60, floorShare: 0.4, rssBytes: 600 * 2 ** 20 };

function base(provider: LoadOptions['provider'], instances: number): LoadOptions {
  return {
    provider,
    instances,
    // Two instances: no session affinity, each student's requests alternate between them.
    routing: 'rotate',
    students: STUDENTS,
    // A class arriving over two minutes; argon2id makes sign-in the costliest request.
    signInSpreadSec: 120,
    burstSec: 10,
    // Mean 10 s per answer: quicker than a real 408 question takes, so a heavier load.
    thinkSec: [5, 15],
    submitSpreadSec: 10,
    saturationSec: instances === 1 ? 10 : 0,
    saturationConnections: 32,
  };
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const mark = (ok: boolean) => (ok ? '✓' : '✗');

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The budget is per instance: judged on the instance that peaked highest. */
function peakMemoryLine(report: LoadReport): string {
  const highest = Math.max(...report.instancePeakRssBytes);
  const each =
    report.instancePeakRssBytes.length > 1
      ? `${report.instancePeakRssBytes.map(mb).join(' and ')} (together at most ${mb(report.peakRssBytes)})`
      : mb(highest);
  return `- Peak resident memory of the app (its process group: the server, and the preparation child before it): ${each} (target < 600 MB per instance) ${mark(highest < TARGETS.rssBytes)}`;
}

function section(report: LoadReport, label: string): string {
  const { stats, options } = report;
  const rows = STEPS.map((step) => {
    const s = stats[step];
    return `| ${step} | ${s.count} | ${s.errors}${s.errors ? ` (${s.errorSummary()})` : ''} | ${ms(s.percentile(50))} | ${ms(s.percentile(95))} | ${ms(s.percentile(99))} | ${s.throughput().toFixed(1)} |`;
  });
  const errors = STEPS.reduce((n, step) => n + stats[step].errors, 0);
  const p99 = stats.autosave.percentile(99);
  const lines = [
    `### ${label}`,
    '',
    `${options.students} students, ${options.instances} instance(s)${options.instances > 1 ? ", each student's requests alternating between them" : ''}; sign-in spread over ${options.signInSpreadSec} s, every student opens and starts the quiz within ${options.burstSec} s, think time ${options.thinkSec[0]}–${options.thinkSec[1]} s before each of 12 autosaves (10 answers, 2 revisions), submissions within ${options.submitSpreadSec} s.`,
    '',
    '| step | requests | errors | p50 ms | p95 ms | p99 ms | req/s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `- Errors in all steps: ${errors} ${mark(errors === 0)}`,
    `- Autosave p99: ${ms(p99)} ms (target < ${TARGETS.autosaveP99Ms} ms) ${mark(p99 < TARGETS.autosaveP99Ms)}`,
    `- Start burst (open quiz, start, attempt page and its data for all): ${report.burstSpanSec.toFixed(1)} s from first request to last reply (target ≤ ${TARGETS.burstSec} s, no errors) ${mark(report.burstSpanSec <= TARGETS.burstSec && stats['open quiz'].errors + stats.start.errors + stats['attempt page'].errors + stats['attempt data'].errors === 0)}`,
    peakMemoryLine(report),
    `- In the database afterwards: ${report.stored.attempts} attempts, ${report.stored.submitted} submitted, ${report.stored.answers} answers stored for ${report.stored.expectedAnswers} questions answered ${mark(report.stored.submitted === options.students && report.stored.answers === report.stored.expectedAnswers)}`,
  ];
  if (report.app && report.floor) {
    const share = report.app.rps / report.floor.rps;
    lines.push(
      `- Autosave throughput at saturation (autocannon, ${options.saturationConnections} connections, ${options.saturationSec} s each): app ${report.app.rps.toFixed(0)} req/s (p99 ${report.app.p99} ms, ${report.app.errors + report.app.non2xx} errors or non-2xx) vs floor ${report.floor.rps.toFixed(0)} req/s (p99 ${report.floor.p99} ms) = **${(share * 100).toFixed(0)} % of the floor** (target ≥ 40 %) ${mark(share >= TARGETS.floorShare)}`,
    );
  }
  return lines.join('\n');
}

const RUNS: Record<string, [LoadOptions, string]> = {
  sqlite: [base('sqlite', 1), 'SQLite, one instance'],
  postgresql: [base('postgresql', 1), 'PostgreSQL, one instance'],
  'postgresql-2': [base('postgresql', 2), 'PostgreSQL, two instances'],
};

/** LOAD_RUNS=sqlite,postgresql runs only those configurations (all three by default). */
function selectedRuns(): [LoadOptions, string][] {
  const names = (process.env.LOAD_RUNS ?? Object.keys(RUNS).join(','))
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.map((name) => {
    const run = RUNS[name];
    if (!run)
      throw new Error(`LOAD_RUNS: unknown run ${name}; runs: ${Object.keys(RUNS).join(', ')}`);
    return run;
  });
}

export async function runLoadBench(): Promise<BenchSection> {
  const runs = selectedRuns();
  const parts: string[] = [
    "The quiz flow against the production build (`npm start`: one server process per instance with a 320 MB heap cap, admission control, and the quiz API answered without Next.js's routing; see README, Performance), driven by scripts/load: each simulated student is a cookie-carrying HTTP client that signs in through NextAuth, opens the quiz page, starts an attempt, loads the attempt page and its questions (JSON, as the page's script does), autosaves with think time and submits. autocannon cannot give 1,000 concurrent users think time (it caps connections at the overall rate), so it is used where it fits: the saturation comparison of the app's autosave with the floor, a bare Node server performing the same database write (lib/db saveAnswer: the attempt row, the rate-limit count and the answer in one transaction, same Prisma driver) on the same rows. The driver runs on the same 2-core machine as the app and the database, so every figure includes that contention.",
  ];
  for (const [options, label] of runs) {
    const report = await runLoad(options, (line) =>
      process.stderr.write(`load (${label}): ${line}\n`),
    );
    parts.push(section(report, label));
    // Where in the run the slow saves were: for finding the cause, not for the doc.
    process.stderr.write(
      `load (${label}): autosave p99 per 10 s window: ${report.stats.autosave
        .timeline(10_000)
        .map((w) => `${w.count}@${ms(w.p99)}`)
        .join(' ')}\n` +
        `load (${label}): slowest autosaves (start s: ms): ${report.stats.autosave
          .slowest(30)
          .map((s) => `${(s.at / 1000).toFixed(1)}[${(s.wallMs / 1000).toFixed(2)}]:${ms(s.ms)}`)
          .join(' ')}\n`,
    );
  }
  return { title: 'Quiz load test', markdown: parts.join('\n\n') };
}
