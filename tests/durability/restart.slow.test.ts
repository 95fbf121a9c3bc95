// `npm start` survives the death of its serving process (issue 19, finding 1): the real app
// is started as a deployment starts it, the serving process is killed with SIGKILL (as the
// kernel kills a process out of memory), and the site answers again from a new process. A
// SIGTERM to the whole group then ends it cleanly.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp, type AppProcess } from '../../scripts/lib/app-process';

const dataDir = path.join(process.cwd(), 'tests', '.tmp', 'restart');
let app: AppProcess;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  app = await startApp({ databaseUrl: `file:${path.join(dataDir, 'ackademy.db')}` });
}, 600_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
});

/** The serving processes the supervisor reported starting, in order. */
function servingPids(): number[] {
  return [...app.output().matchAll(/serving process (\d+) started/g)].map((m) => Number(m[1]));
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`${app.baseUrl}/`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

test('a killed serving process is started again, and the site answers', async () => {
  const [first] = servingPids();
  expect(first).toBeGreaterThan(0);
  expect(await answers()).toBe(true);

  process.kill(first!, 'SIGKILL');
  const killedAt = Date.now();
  let back = false;
  while (!back && Date.now() - killedAt < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    back = servingPids().length === 2 && (await answers());
  }
  expect(back).toBe(true);
  expect(servingPids()[1]).not.toBe(first);
  expect(app.output()).toMatch(/serving process was killed by SIGKILL; starting it again/);
  // The supervisor itself never stopped.
  expect(app.child.exitCode).toBeNull();
  expect(app.child.signalCode).toBeNull();
}, 90_000);

test('SIGTERM ends the supervisor and the server cleanly', async () => {
  const exited = new Promise<number | null>((resolve) =>
    app.child.once('exit', (code) => resolve(code)),
  );
  process.kill(app.child.pid!, 'SIGTERM');
  expect(await exited).toBe(0);
  const serving = servingPids().at(-1)!;
  expect(() => process.kill(serving, 0)).toThrow();
}, 30_000);
