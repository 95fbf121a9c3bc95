// Starts the real app the way a user does (`npm start`'s script: migrate, seed the demo
// users, build when needed, serve) on a fresh SQLite database, for real Chromium to drive.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** The app's database, for tests that use the command-line tools on it. */
    databaseUrl: string;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, deadlineMs: number) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with code ${child.exitCode} before serving`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer at ${url} within ${deadlineMs / 1000} s`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}.\n` +
        "Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        '(or set CHROMIUM_PATH to another Chromium binary).',
    );
  }
  const root = process.cwd();
  const dataDir = path.join(root, 'tests', '.tmp', 'e2e');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const databaseUrl = `file:${path.join(dataDir, 'ackademy.db')}`;
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      '--conditions=react-server',
      'scripts/start.ts',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
        NEXTAUTH_URL: baseUrl,
        ACKADEMY_DEMO: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForServer(`${baseUrl}/`, child, 540_000);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n--- app output ---\n${output}`);
  }
  project.provide('baseUrl', baseUrl);
  project.provide('chromiumPath', CHROMIUM_PATH);
  project.provide('databaseUrl', databaseUrl);
  return () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
}
