// `npm test`: every check CI runs, in order of cost — lint, format, typecheck, unit,
// integration (SQLite, and PostgreSQL when reachable), e2e (production build + Chromium),
// then the slow exhaustive sweeps.
// Every step runs even after a failure, so one run shows everything that is wrong; the
// last line counts the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = path.join(root, 'tests', '.tmp', 'reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const only = process.argv.slice(2);
const steps = [
  { name: 'lint', cmd: [bin('eslint'), '.', '--max-warnings=0'] },
  { name: 'format', cmd: [bin('prettier'), '--check', '.', '--log-level', 'warn'] },
  { name: 'typecheck', cmd: [bin('tsc'), '--noEmit', '-p', '.'] },
  ...['unit', 'integration', 'e2e', 'slow'].map((project) => ({
    name: project,
    // The slow suite may be empty on a branch that has no exhaustive sweeps yet.
    optional: project === 'slow',
    report: path.join(reportDir, `${project}.json`),
    cmd: [
      bin('vitest'),
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.join(reportDir, `${project}.json`)}`,
      ...(project === 'slow' ? ['--passWithNoTests'] : []),
    ],
  })),
].filter((step) => only.length === 0 || only.includes(step.name));

const results = [];
/** Failed tests by name, printed again under the summary: CI logs are often read from the end. */
const failures = [];
function failedTests(stepName, report) {
  const out = [];
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name ?? '');
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'failed') continue;
      const first = String(t.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 300);
      out.push(`${stepName}: ${rel} > ${t.fullName}\n       ${first}`);
    }
    // A file that failed to load has no test results, only a message.
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      out.push(
        `${stepName}: ${rel}\n       ${String(file.message ?? '')
          .split('\n')[0]
          .slice(0, 300)}`,
      );
    }
  }
  return out;
}
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env },
  });
  const ok = run.status === 0;
  let counts = '';
  if (step.report && existsSync(step.report)) {
    const report = JSON.parse(readFileSync(step.report, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    counts = ` (${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped)`;
    failures.push(...failedTests(step.name, report));
    if (report.numTotalTests === 0 && !step.optional) {
      results.push({ name: step.name, ok: false, note: ' (no tests ran)' });
      continue;
    }
  } else if (step.report && ok) {
    results.push({ name: step.name, ok: false, note: ' (no report written)' });
    continue;
  }
  if (!ok && step.report) totals.failed += counts === '' ? 1 : 0;
  results.push({
    name: step.name,
    ok,
    note: `${counts} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.note}`);
for (const f of failures) console.log(`  ✗ ${f}`);
const failedSteps = results.filter((r) => !r.ok).length;
if (failedSteps > 0 && totals.failed === 0) totals.failed = failedSteps;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
