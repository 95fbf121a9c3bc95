// Autosave throughput at saturation, measured with autocannon: the app's save endpoint and
// the floor server's bare database write, with the same connections, duration and rows.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../lib/app-process';
import type { Student } from './flow';

export type Saturation = { rps: number; p99: number; errors: number; non2xx: number };

function summarise(result: autocannon.Result): Saturation {
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

type Target = { student: Student; responses: unknown[] };

/** Each request saves the next student's next answer; revs only grow, so every save writes. */
function rotation(targets: readonly Target[]) {
  let n = 0;
  return () => {
    const t = targets[n % targets.length]!;
    const position = Math.floor(n / targets.length) % t.responses.length;
    n += 1;
    return { t, position, rev: 1_000_000 + n };
  };
}

export async function appSaturation(
  baseUrl: string,
  targets: readonly Target[],
  options: { connections: number; seconds: number },
): Promise<Saturation> {
  const next = rotation(targets);
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const { t, position, rev } = next();
          return {
            ...req,
            path: `/api/attempts/${t.student.attemptId}/answers`,
            headers: {
              ...req.headers,
              'content-type': 'application/json',
              origin: baseUrl,
              cookie: t.student.session.cookieHeaderForTools(),
              'x-forwarded-for': t.student.session.address,
            },
            body: JSON.stringify({ position, response: t.responses[position], clientRev: rev }),
          };
        },
      },
    ],
  });
  return summarise(result);
}

export async function floorSaturation(
  databaseUrl: string,
  targets: readonly Target[],
  options: { connections: number; seconds: number },
): Promise<Saturation> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join('node_modules', 'tsx', 'dist', 'cli.mjs'),
      '--conditions=react-server',
      'scripts/load/floor-server.ts',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  try {
    const next = rotation(targets);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: options.connections,
      duration: options.seconds,
      requests: [
        {
          method: 'POST',
          path: '/save',
          setupRequest: (req) => {
            const { t, position, rev } = next();
            return {
              ...req,
              headers: { ...req.headers, 'content-type': 'application/json' },
              body: JSON.stringify({
                attemptId: t.student.attemptId,
                userId: t.student.userId,
                position,
                response: t.responses[position],
                clientRev: rev,
              }),
            };
          },
        },
      ],
    });
    return summarise(result);
  } finally {
    child.kill('SIGTERM');
  }
}
