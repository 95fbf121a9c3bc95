// One load-test run: a fresh database (SQLite file or PostgreSQL schema), the seeded class,
// one or more app instances, the quiz flow for every student, the saturation comparison with
// the floor, and a check that every accepted answer and submission is in the database.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabaseConfig } from '@/lib/db/config';
import { db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { startApp, type AppProcess } from '../lib/app-process';
import { responsesFor, seedLoadFixture } from './fixture';
import {
  autosaveAll,
  emptyStats,
  makeStudents,
  signInAll,
  startBurst,
  submitAll,
  type FlowOptions,
  type FlowStats,
} from './flow';
import { sampleMemory } from './memory';
import { appSaturation, floorSaturation, type Saturation } from './saturation';

export const DEFAULT_POSTGRES_URL =
  process.env.ACKADEMY_LOAD_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type LoadOptions = {
  provider: 'sqlite' | 'postgresql';
  instances: number;
  routing: FlowOptions['routing'];
  students: number;
  signInSpreadSec: number;
  burstSec: number;
  thinkSec: [number, number];
  submitSpreadSec: number;
  /** Seconds of saturation per side (app, floor); 0 skips the comparison. */
  saturationSec: number;
  saturationConnections: number;
};

export type LoadReport = {
  options: LoadOptions;
  stats: FlowStats;
  /** First start to last finish of the start burst (open quiz, start, attempt page). */
  burstSpanSec: number;
  /** Highest resident memory of all instances together. */
  peakRssBytes: number;
  /** Each instance's own highest, in the order of the instances. */
  instancePeakRssBytes: number[];
  app: Saturation | null;
  floor: Saturation | null;
  stored: { attempts: number; submitted: number; answers: number; expectedAnswers: number };
  acceptedSaves: number;
  /** The tail of each instance's log, to explain any error. */
  appOutput: string[];
};

/** A small deterministic PRNG for the driver's own offsets (mulberry32). */
function driverRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freshDatabase(
  provider: LoadOptions['provider'],
  tag: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = path.resolve('.cache', 'load');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${tag}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return { url: `file:${file}`, drop: async () => {} };
  }
  const schema = `ack_load_${tag}`;
  const url = new URL(DEFAULT_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  const drop = async () => {
    const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  };
  await drop();
  return { url: url.toString(), drop };
}

export async function runLoad(
  options: LoadOptions,
  log: (line: string) => void = () => {},
): Promise<LoadReport> {
  const tag = `${options.provider === 'sqlite' ? 'sq' : 'pg'}${options.instances}_${process.pid}_${Date.now().toString(36)}`;
  const database = await freshDatabase(options.provider, tag);
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  await migrate(resolveDatabaseConfig(database.url));
  log(`seeding ${options.students} students`);
  const fixture = await seedLoadFixture(options.students, tag);

  const apps: AppProcess[] = [];
  try {
    for (let i = 0; i < options.instances; i++) {
      apps.push(
        await startApp({
          databaseUrl: database.url,
          // Behind a reverse proxy, as a deployment for a whole cohort would be.
          env: { TRUST_PROXY: '1', ACKADEMY_DEMO: '0' },
        }),
      );
    }
    const memory = sampleMemory(apps.map((a) => a.child.pid!));
    const flow: FlowOptions = {
      baseUrls: apps.map((a) => a.baseUrl),
      routing: options.routing,
      quizId: fixture.quizId,
      signInSpreadSec: options.signInSpreadSec,
      burstSec: options.burstSec,
      thinkSec: options.thinkSec,
      random: driverRandom(42),
    };
    const stats = emptyStats();
    const students = makeStudents(fixture.students, flow);
    log('signing in');
    await signInAll(students, stats, flow);
    log(`peak RSS so far ${(memory.peak() / 2 ** 20).toFixed(0)} MB; start burst`);
    await startBurst(students, stats, flow);
    const burstStats = [
      stats['open quiz'],
      stats.start,
      stats['attempt page'],
      stats['attempt data'],
    ];
    const burstSpanSec =
      (Math.max(...burstStats.map((s) => s.last)) - Math.min(...burstStats.map((s) => s.first))) /
      1000;
    const responses = await responsesFor(fixture.quizId);
    log(`peak RSS so far ${(memory.peak() / 2 ** 20).toFixed(0)} MB; autosaving`);
    // The driver's own pauses would count as the app's latency: measured beside it.
    const driverLoop = monitorEventLoopDelay({ resolution: 10 });
    const driverGc: { ms: number; kind: number }[] = [];
    const gcObserver = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) =>
        driverGc.push({
          ms: e.duration,
          kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0,
        }),
      ),
    );
    gcObserver.observe({ entryTypes: ['gc'] });
    driverLoop.enable();
    await autosaveAll(students, responses, stats, flow);
    driverLoop.disable();
    gcObserver.disconnect();
    log(
      `driver during autosaves: event-loop delay p99 ${(driverLoop.percentile(99) / 1e6).toFixed(0)} ms, max ${(driverLoop.max / 1e6).toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; GC pauses ${driverGc.length}, longest ${driverGc
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((g) => `${g.ms.toFixed(0)} ms (kind ${g.kind})`)
        .join(', ')}`,
    );

    let app: Saturation | null = null;
    let floor: Saturation | null = null;
    if (options.saturationSec > 0) {
      const targets = students
        .filter((s) => s.attemptId && responses.has(s.userId))
        .map((s) => ({ student: s, responses: responses.get(s.userId)! }));
      const sat = { connections: options.saturationConnections, seconds: options.saturationSec };
      log('saturation: floor');
      floor = await floorSaturation(database.url, targets, sat);
      log('saturation: app');
      app = await appSaturation(apps[0]!.baseUrl, targets, sat);
    }
    log(`peak RSS so far ${(memory.peak() / 2 ** 20).toFixed(0)} MB; submitting`);
    await submitAll(students, stats, flow, options.submitSpreadSec);
    const peakRssBytes = memory.stop();

    const client = await db();
    const [attempts, submitted, answers] = await Promise.all([
      client.quizAttempt.count({ where: { quizId: fixture.quizId } }),
      client.quizAttempt.count({ where: { quizId: fixture.quizId, status: 'submitted' } }),
      client.quizAnswer.count({ where: { attempt: { quizId: fixture.quizId } } }),
    ]);
    const expectedAnswers = [...responses.values()].reduce((s, r) => s + r.length, 0);
    return {
      options,
      stats,
      burstSpanSec,
      peakRssBytes,
      instancePeakRssBytes: memory.peaks(),
      app,
      floor,
      stored: { attempts, submitted, answers, expectedAnswers },
      acceptedSaves: stats.autosave.count - stats.autosave.errors,
      appOutput: apps.map((a) => a.output()),
    };
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await disconnectDb();
    await database.drop();
  }
}
