// What one request of each quiz-flow route costs the app: throughput at saturation with
// signed-in students, next to a static file served by the same server (its floor), so a slow
// route shows up as a ratio. A diagnostic for performance work:
// `npx tsx --conditions=react-server scripts/load/route-probe.ts`.
// PROBE_PROVIDER=postgresql probes PostgreSQL; PROBE_SECONDS sets the time per route.
import autocannon from 'autocannon';
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabaseConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { startApp } from '../lib/app-process';
import { responsesFor, seedLoadFixture } from './fixture';
import { emptyStats, makeStudents, signInAll, startBurst, type FlowOptions } from './flow';
import { DEFAULT_POSTGRES_URL } from './run';
import { sampleMemory } from './memory';
import { floorSaturation } from './saturation';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const STUDENTS = 64;
const SECONDS = Number(process.env.PROBE_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.PROBE_CONNECTIONS ?? 16);
const provider = process.env.PROBE_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite';

async function database(tag: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = path.resolve('.cache', 'load');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${tag}.db`);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
      },
    };
  }
  const schema = `ack_probe_${tag}`;
  const url = new URL(DEFAULT_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

async function main() {
  const tag = `p${process.pid}`;
  const db = await database(tag);
  process.env.DATABASE_URL = db.url;
  await migrate(resolveDatabaseConfig(db.url));
  const fixture = await seedLoadFixture(STUDENTS, tag);
  const app = await startApp({
    databaseUrl: db.url,
    env: {
      TRUST_PROXY: '1',
      ACKADEMY_DEMO: '0',
    },
    timeoutMs: 900_000,
  });
  try {
    const flow: FlowOptions = {
      baseUrls: [app.baseUrl],
      routing: 'sticky',
      quizId: fixture.quizId,
      signInSpreadSec: 0,
      burstSec: 0,
      thinkSec: [0, 0],
      random: () => 0,
    };
    const stats = emptyStats();
    const students = makeStudents(fixture.students, flow);
    await signInAll(students, stats, flow);
    await startBurst(students, stats, flow);
    const responses = await responsesFor(fixture.quizId);
    const memory = sampleMemory([app.child.pid!]);

    // Any built chunk: a static file the same server sends without rendering anything.
    const chunk = readdirSync(path.join('.next', 'static', 'chunks')).find((f) =>
      f.endsWith('.js'),
    );
    let n = 0;
    const pick = () => students[n++ % students.length]!;
    const headersOf = (s: (typeof students)[number]) => ({
      cookie: s.session.cookieHeaderForTools(),
      'x-forwarded-for': s.session.address,
      'accept-language': 'en-US',
    });
    const routes: [
      string,
      () => { method: 'GET' | 'POST'; path: string; body?: string; rsc?: boolean },
    ][] = [
      ['static file (floor)', () => ({ method: 'GET', path: `/_next/static/chunks/${chunk}` })],
      ['GET /api/auth/csrf', () => ({ method: 'GET', path: '/api/auth/csrf' })],
      ['GET / (landing)', () => ({ method: 'GET', path: '/' })],
      ['GET /quizzes/[id]', () => ({ method: 'GET', path: `/quizzes/${fixture.quizId}` })],
      [
        'GET /quizzes/attempts/[id]',
        () => ({
          method: 'GET',
          path: `/quizzes/attempts/${students[n % students.length]!.attemptId}`,
        }),
      ],
      [
        'RSC /quizzes/attempts/[id]',
        () => ({
          method: 'GET',
          path: `/quizzes/attempts/${students[n % students.length]!.attemptId}`,
          rsc: true,
        }),
      ],
      [
        'RSC /quizzes/[id]',
        () => ({ method: 'GET', path: `/quizzes/${fixture.quizId}`, rsc: true }),
      ],
      [
        'GET /api/attempts/[id]',
        () => ({
          method: 'GET',
          path: `/api/attempts/${students[n % students.length]!.attemptId}?locale=en`,
        }),
      ],
      [
        'POST start (resume)',
        () => ({ method: 'POST', path: `/api/quizzes/${fixture.quizId}/attempts`, body: '{}' }),
      ],
      [
        'POST autosave',
        () => {
          const s = students[n % students.length]!;
          const mine = responses.get(s.userId)!;
          const position = Math.floor(n / students.length) % mine.length;
          return {
            method: 'POST',
            path: `/api/attempts/${s.attemptId}/answers`,
            body: JSON.stringify({ position, response: mine[position], clientRev: 1_000 + n }),
          };
        },
      ],
    ];
    // Next.js answers an RSC request without its cache-busting `_rsc` parameter with a 307 to
    // the same path with it; the value depends only on the router headers, so one preflight
    // finds it for every path.
    const preflight = await fetch(`${app.baseUrl}/quizzes/${fixture.quizId}`, {
      headers: { ...headersOf(students[0]!), rsc: '1' },
      redirect: 'manual',
    });
    const rscParam =
      new URL(preflight.headers.get('location') ?? '/', app.baseUrl).searchParams.get('_rsc') ?? '';
    const only = process.argv.slice(2);
    for (const [label, make] of routes) {
      if (only.length && !only.some((o) => label.includes(o))) continue;
      const result = await autocannon({
        url: app.baseUrl,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            setupRequest: (req) => {
              const r = make();
              const s = pick();
              return {
                ...req,
                method: r.method,
                path: r.rsc ? `${r.path}?_rsc=${rscParam}` : r.path,
                headers: {
                  ...req.headers,
                  ...headersOf(s),
                  ...(r.body ? { 'content-type': 'application/json', origin: app.baseUrl } : {}),
                  // What the browser's router sends for a client-side navigation.
                  ...(r.rsc ? { rsc: '1' } : {}),
                },
                ...(r.body ? { body: r.body } : {}),
              };
            },
          },
        ],
      });
      console.log(
        `${label.padEnd(28)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  non2xx ${result.non2xx}${result.non2xx ? ` (${Object.keys(result.statusCodeStats ?? {}).join(', ')})` : ''}  errors ${result.errors}  bytes/req ${(result.throughput.total / Math.max(1, result.requests.total)).toFixed(0)}`,
      );
    }
    if (!only.length || only.some((o) => 'floor save'.includes(o))) {
      // The load test's floor: the autosave's database write from a bare Node server.
      const targets = students.map((s) => ({ student: s, responses: responses.get(s.userId)! }));
      const floor = await floorSaturation(db.url, targets, {
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      console.log(
        `${'floor save (bare server)'.padEnd(28)} ${floor.rps.toFixed(0).padStart(6)} req/s  p99 ${floor.p99} ms  errors ${floor.errors + floor.non2xx}`,
      );
    }
    console.log(`peak RSS ${(memory.stop() / 2 ** 20).toFixed(0)} MB`);
  } finally {
    await app.stop();
    await disconnectDb();
    await db.drop();
  }
}

await main();
