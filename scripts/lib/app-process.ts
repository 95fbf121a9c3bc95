// Starts the real app as `npm start` does (migrate, seed, build when needed, serve) in a child
// process, for the browser tests, the durability test and the benchmarks; and stops it,
// politely or with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export type AppProcess = {
  baseUrl: string;
  port: number;
  /**
   * `npm start`'s process: the supervisor (scripts/start.mjs), which runs the serving process
   * as its child in the same process group, and starts it again when it dies.
   */
  child: ChildProcess;
  /** The last 20 kB of the app's stdout and stderr. */
  output(): string;
  /** SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
};

/**
 * What `npm start` runs (package.json's start script, `node [flags] script`), so the tests
 * and benchmarks start the server with the same Node flags (its heap limit) as a deployment.
 */
export function startCommand(root: string): { nodeArgs: string[]; script: string } {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.trim().split(/\s+/);
  const script = args.pop();
  if (command !== 'node' || !script || args.some((a) => !a.startsWith('--'))) {
    throw new Error(
      `package.json's start script is not "node [--flags] script": ${pkg.scripts.start}`,
    );
  }
  return { nodeArgs: args, script };
}

export function freePort(): Promise<number> {
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
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before serving`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not answer at ${url} within ${deadlineMs / 1000} s`);
}

export async function startApp(options: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  /** How long the first start may take (it may build the app). */
  timeoutMs?: number;
}): Promise<AppProcess> {
  const root = process.cwd();
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  // Extra node flags for the server (a diagnostic hook; --cpu-prof is not allowed in
  // NODE_OPTIONS), e.g. ACKADEMY_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extraArgs = (process.env.ACKADEMY_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const { nodeArgs, script } = startCommand(root);
  const child = spawn(process.execPath, [...nodeArgs, ...extraArgs, path.join(root, script)], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: 'test-only-secret-not-for-production-0123456789',
      NEXTAUTH_URL: baseUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches the preparation child too.
    detached: true,
  });
  let output = '';
  // ACKADEMY_SERVER_LOG=path keeps the whole output (e.g. with --trace-gc), not just its tail.
  const logFile = process.env.ACKADEMY_SERVER_LOG;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
      await exited;
    }
  };
  try {
    await waitForServer(`${baseUrl}/`, child, options.timeoutMs ?? 540_000);
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- app output ---\n${output}`);
  }
  return { baseUrl, port, child, output: () => output, stop };
}
