// `npm start`: prepares the app once in a child process (scripts/prepare.ts: migrations, demo
// users, a build when the sources changed), then supervises the serving process
// (scripts/server/serve.mjs): started with this process's Node flags (package.json's start
// script caps the heap with --max-old-space-size: V8 otherwise grows it to several times what
// the app keeps alive before collecting), started again when it dies (an out-of-memory crash,
// a kill), with growing delays, giving up after repeated deaths in a short window. SIGINT and
// SIGTERM are passed on, and this process exits once the server has closed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRestartPolicy } from './server/restart-policy.mjs';

const root = process.cwd();
const log = (message) => console.log(`ackademy: ${message}`);

const prepared = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    '--conditions=react-server',
    'scripts/prepare.ts',
  ],
  { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } },
);
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const port = Number(process.env.PORT?.trim() || '3000');
const secretFile = path.join(root, 'data', 'auth-secret');
const env = {
  ...process.env,
  NEXTAUTH_SECRET:
    process.env.NEXTAUTH_SECRET ||
    (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : ''),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED || '1',
  // Next.js reads this before it loads anything.
  NODE_ENV: 'production',
};

const policy = createRestartPolicy();
/** @type {import('node:child_process').ChildProcess | null} */
let server = null;
let stopping = null;

function startServer() {
  server = spawn(process.execPath, [...process.execArgv, 'scripts/server/serve.mjs'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  log(`serving process ${server.pid} started`);
  server.once('exit', (code, signal) => {
    server = null;
    if (stopping) process.exit(code ?? 0);
    const delay = policy.crashed(Date.now());
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (delay === null) {
      console.error(
        `ackademy: the serving process ${how}, its ${policy.recent()}th death within a minute; giving up. See the messages above.`,
      );
      process.exit(typeof code === 'number' && code !== 0 ? code : 1);
    }
    console.error(`ackademy: the serving process ${how}; starting it again in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) startServer();
    }, delay);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = signal;
    if (!server) process.exit(0);
    server.kill(signal);
    // A server whose shutdown hangs is not waited for forever.
    setTimeout(() => server?.kill('SIGKILL'), 10_000).unref();
  });
}

startServer();
