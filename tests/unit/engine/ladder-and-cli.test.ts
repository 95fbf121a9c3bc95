// The terminal ladder diagram and the `npm run -s sim` command line.

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { getScenario, renderLadderText, simulate, type Trace } from '@/lib/engine';

// These tests start `node --import tsx` (one to two seconds each, more on a loaded machine):
// the limit guards against a hang, it does not time the CLI.
vi.setConfig({ testTimeout: 60_000 });

describe('renderLadderText', () => {
  const trace = simulate(getScenario('handshake-data-close'), { seed: 2 });
  const text = renderLadderText(trace);

  test('one arrow line per segment, pointing the right way', () => {
    const arrows = text.split('\n').filter((l) => l.includes('->|') || l.includes('|<-'));
    expect(arrows.length).toBe(trace.segments.length);
    expect(arrows[0]).toMatch(/\| S 0:0\(0\) -+>\|/);
    expect(arrows[1]).toMatch(/\|<-+ S\. 0:0\(0\) ack 1 \|/);
  });

  test('shows states and app events, and marks dropped segments', () => {
    expect(text).toContain('TIME_WAIT');
    expect(text).toContain('client: connect_ok');
    const lost = renderLadderText(simulate(getScenario('fin-lost'), { seed: 2 }));
    expect(lost).toMatch(/F\. \d+:\d+\(0\) ack 1 ✗/);
  });
});

const run = (args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/sim.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });

describe('sim CLI', () => {
  test('--json prints the trace of a catalog scenario, deterministic per seed', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/sim.ts', 'refused', '--seed', '9', '--json'], {
      encoding: 'utf8',
    });
    const trace = JSON.parse(out) as Trace;
    expect(trace.scenario).toBe('refused');
    expect(trace.seed).toBe(9);
    expect(trace.segments.map((s) => s.flags)).toEqual(['S', 'R.']);
    expect(
      execFileSync('npx', ['tsx', 'scripts/sim.ts', 'refused', '--seed', '9', '--json'], {
        encoding: 'utf8',
      }),
    ).toBe(out);
  }, 30_000);

  test('reads a YAML scenario file with --profile and --set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 's.yaml');
    writeFileSync(
      file,
      'endpoints:\n  server: { port: 9000, program: [] }\n  client: { port: 40001, program: [ { connect: server } ] }\n',
    );
    const res = run(['--file', file, '--profile', 'rfc', '--set', 'isn.client=1000', '--json']);
    expect(res.status).toBe(0);
    const trace = JSON.parse(res.stdout) as Trace;
    expect(trace.profile).toBe('rfc');
    expect(trace.segments[0]!.abs_seq).toBe(1000);
  }, 30_000);

  test.each([
    { args: ['no-such-scenario'], message: 'unknown scenario "no-such-scenario"' },
    { args: ['refused', '--set', 'client.tcp_bogus=1'], message: 'unknown sysctl "tcp_bogus"' },
    { args: ['refused', '--profile', 'bsd'], message: 'expected "linux" or "rfc"' },
    { args: ['--file', '/nonexistent.json'], message: 'cannot read /nonexistent.json' },
  ])(
    '$args → exit 2 and one line: $message',
    ({ args, message }) => {
      const res = run(args);
      expect(res.status).toBe(2);
      const lines = res.stderr.split('\n').filter((l) => l.startsWith('sim:'));
      expect(lines.length).toBe(1);
      expect(lines[0]).toContain(message);
      expect(res.stdout).toBe('');
    },
    30_000,
  );
});
