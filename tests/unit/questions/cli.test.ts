// scripts/question.ts: one question as JSON, the --list summary, and one clear line with a
// non-zero exit for bad input.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { TEMPLATE_IDS, questionSchema } from '@/lib/questions';

// These tests start `node --import tsx` (one to two seconds each, more on a loaded machine):
// the limit guards against a hang, it does not time the CLI.
vi.setConfig({ testTimeout: 60_000 });

const root = fileURLToPath(new URL('../../../', import.meta.url));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/question.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run -s question', () => {
  test('--json prints a valid Question, the same for the same arguments', () => {
    const args = [
      'seq-ack-numbers',
      '--seed',
      '7',
      '--locale',
      'en',
      '--difficulty',
      '2',
      '--json',
    ];
    const a = run(...args);
    expect(a.code).toBe(0);
    const q = questionSchema.parse(JSON.parse(a.out));
    expect(q).toMatchObject({ template: 'seq-ack-numbers', seed: 7, locale: 'en', difficulty: 2 });
    expect(run(...args).out).toBe(a.out);
  });

  test('--list --json prints every template with kinds, topics and difficulties', () => {
    const r = run('--list', '--json');
    expect(r.code).toBe(0);
    const list: unknown = JSON.parse(r.out);
    expect(Array.isArray(list) && list.length).toBe(TEMPLATE_IDS.length);
  });

  test.each([
    [['no-such-template'], /unknown template "no-such-template"/],
    [['why', '--difficulty', '4'], /--difficulty must be 1, 2 or 3/],
    [['why', '--locale', 'fr'], /--locale must be zh or en/],
    [['why', '--seed'], /--seed needs a value/],
    [[], /usage:/],
  ])('%j exits non-zero with one line', (args, message) => {
    const r = run(...args);
    expect(r.code).not.toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});
