// Starts the real app the way a user does (`npm start`'s script: migrate, seed the demo
// users, build when needed, serve) on a fresh SQLite database, for real Chromium to drive.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApp } from '../../scripts/lib/app-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** The app's database, for tests that use the command-line tools on it. */
    databaseUrl: string;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}.\n` +
        "Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        '(or set CHROMIUM_PATH to another Chromium binary).',
    );
  }
  const dataDir = path.join(process.cwd(), 'tests', '.tmp', 'e2e');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = `file:${path.join(dataDir, 'ackademy.db')}`;
  const app = await startApp({ databaseUrl, env: { ACKADEMY_DEMO: '1' } });
  project.provide('baseUrl', app.baseUrl);
  project.provide('chromiumPath', CHROMIUM_PATH);
  project.provide('databaseUrl', databaseUrl);
  return () => app.stop();
}
