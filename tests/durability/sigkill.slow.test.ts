// Durability of a quiz in progress (issue 9): the real app (`npm start`) is killed with SIGKILL
// while a student's autosaves are in flight, then started again on the same database. Every
// save the server acknowledged must be there, the attempt must still be running with its
// original deadline, and the old session cookie must still work. Then two tabs submit at once
// and the attempt is graded exactly once. Runs on SQLite (WAL, synchronous=FULL) and, when it
// is reachable, on PostgreSQL (CI requires it).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../../scripts/lib/app-process';
import { hashPassword } from '@/lib/auth/password';
import {
  createOwnClass,
  createOwnQuiz,
  joinWithCode,
  parseLayout,
  questionFor,
  setOwnQuizStatus,
} from '@/lib/classroom';
import { createUser, findAttempt, listAttempts } from '@/lib/db';
import { disconnectDb } from '@/lib/db/client';

const DEFAULT_TEST_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const PASSWORD = 'durable student password';
const TIME_LIMIT_SEC = 600;
/** Positions in the quiz; saves cycle through them so several hit each one concurrently. */
const SLOTS = [
  { kind: 'fixed', template: 'next-state', seed: 1, difficulty: 1, points: 1 },
  { kind: 'fixed', template: 'why', seed: 2, difficulty: 1, points: 2 },
  { kind: 'fixed', template: 'next-state', seed: 7, difficulty: 1, points: 1 },
  { kind: 'fixed', template: 'why', seed: 5, difficulty: 1, points: 1 },
] as const;
/** Concurrent autosaves; the kill comes once this many have been acknowledged. */
const WORKERS = 6;
const ACKS_BEFORE_KILL = 30;
/** Below the answer rate limit (120 a minute per account), with room for the checks after. */
const MAX_SAVES = 90;
/** Time from the start to the check of the timer after the restart, at least. */
const MIN_ELAPSED_MS = 10_000;

async function reachablePostgres(): Promise<string | null> {
  const url = process.env.ACKADEMY_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (error) {
    const reason = `PostgreSQL at ${url} is not reachable (${(error as Error).message})`;
    if (process.env.ACKADEMY_REQUIRE_POSTGRES === '1') {
      throw new Error(`${reason}; ACKADEMY_REQUIRE_POSTGRES=1 demands it`);
    }
    console.warn(`\n*** SKIPPING the PostgreSQL durability test: ${reason}.\n`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresUrl = await reachablePostgres();

/** A browser's cookie jar over fetch: same-origin POSTs carry the Origin header, as a page's do. */
class Tab {
  constructor(
    public baseUrl: string,
    readonly cookies = new Map<string, string>(),
  ) {}

  /** Another tab of the same browser: the same cookies, shared. */
  twin(): Tab {
    return new Tab(this.baseUrl, this.cookies);
  }

  async request(
    method: 'GET' | 'POST',
    pathname: string,
    body?: { json: unknown } | { form: Record<string, string> },
  ): Promise<{ status: number; json: unknown; text: string }> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'accept-language': 'en-US',
    };
    if (method === 'POST') headers.origin = this.baseUrl;
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    }
    const response = await fetch(this.baseUrl + pathname, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await response.text();
    let json: unknown = null;
    if ((response.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    return { status: response.status, json, text };
  }

  async signIn(email: string): Promise<void> {
    const csrf = await this.request('GET', '/api/auth/csrf');
    const csrfToken = (csrf.json as { csrfToken: string }).csrfToken;
    const reply = await this.request('POST', '/api/auth/callback/credentials', {
      form: { csrfToken, email, password: PASSWORD, json: 'true', callbackUrl: '/' },
    });
    expect(reply.status, reply.text).toBeLessThan(400);
    expect([...this.cookies.keys()].some((k) => k.includes('session-token'))).toBe(true);
  }
}

type Save = { position: number; response: { option: string }; clientRev: number };
type SaveReply = { status: 'saved' | 'superseded' | 'closed'; secondsLeft: number | null };

type World = {
  databaseUrl: string;
  app: AppProcess;
  email: string;
  quizId: string;
  attemptId: string;
  /** Options of the question at each position of the attempt. */
  options: string[][];
  /** The browser that started the attempt (its cookie survives the restart). */
  tab: Tab;
  /** Wall-clock bounds of the attempt's start, from the client's side. */
  startSent: number;
  startReplied: number;
  deadline: Date;
};

async function seed(tag: string) {
  const instructor = await createUser({
    email: `dur-teacher-${tag}@example.com`,
    name: 'Durable Teacher',
    passwordHash: null,
    role: 'instructor',
  });
  const email = `dur-student-${tag}@example.com`;
  const student = await createUser({
    email,
    name: 'Durable Student',
    passwordHash: await hashPassword(PASSWORD),
    role: 'student',
  });
  const cls = await createOwnClass(instructor, `Durability ${tag}`);
  await joinWithCode(student, cls.joinCode);
  const quiz = await createOwnQuiz(
    instructor,
    cls.id,
    {
      title: `Durable quiz ${tag}`,
      description: 'Answers survive a crash.',
      timeLimitSec: TIME_LIMIT_SEC,
      opensAt: null,
      closesAt: null,
      attemptsAllowed: 1,
      gradingMethod: 'highest',
      shuffle: false,
      reviewWhen: 'immediately',
      reviewAnswers: true,
      reviewExplanation: true,
    },
    [...SLOTS],
  );
  await setOwnQuizStatus(instructor, quiz.id, 'published');
  return { email, quizId: quiz.id };
}

function durabilitySuite(provider: 'sqlite' | 'postgresql', baseDatabase: string | null) {
  describe.skipIf(baseDatabase === null)(`on ${provider}`, () => {
    let world: World | null = null;
    let cleanup: () => Promise<void> = async () => undefined;
    let current: AppProcess | null = null;

    beforeAll(async () => {
      const tag = `${process.pid}-${Date.now().toString(36)}`;
      let databaseUrl: string;
      if (provider === 'sqlite') {
        const dir = path.resolve('tests/.tmp/durability', tag);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        databaseUrl = `file:${path.join(dir, 'ackademy.db')}`;
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const schema = `ack_dur_${process.pid}`;
        const admin = new pg.Client({ connectionString: baseDatabase! });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
        const url = new URL(baseDatabase!);
        url.searchParams.set('schema', schema);
        databaseUrl = url.toString();
        cleanup = async () => {
          const client = new pg.Client({ connectionString: baseDatabase! });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        };
      }
      // The app migrates the fresh database; the test then seeds it through the service.
      current = await startApp({ databaseUrl, env: { ACKADEMY_DEMO: '0' } });
      await disconnectDb();
      process.env.DATABASE_URL = databaseUrl;
      const { email, quizId } = await seed(tag.replace(/[^a-z0-9]/gi, ''));

      const tab = new Tab(current.baseUrl);
      await tab.signIn(email);
      const startSent = Date.now();
      const started = await tab.request('POST', `/api/quizzes/${quizId}/attempts`);
      const startReplied = Date.now();
      expect(started.status, started.text).toBe(200);
      const attemptId = (started.json as { attemptId: string }).attemptId;
      const attempt = await findAttempt(attemptId);
      expect(attempt?.deadline).toBeTruthy();
      const options = parseLayout(attempt!.layout).map((item) => {
        const q = questionFor(item, 'en');
        if (q.kind !== 'choice') throw new Error(`expected choice questions, got ${q.kind}`);
        return q.options.map((o) => o.id);
      });
      world = {
        databaseUrl,
        app: current,
        email,
        quizId,
        attemptId,
        options,
        tab,
        startSent,
        startReplied,
        deadline: attempt!.deadline!,
      };
    }, 600_000);

    afterAll(async () => {
      await current?.stop('SIGTERM');
      await disconnectDb();
      await cleanup();
    });

    it('keeps every acknowledged autosave and the running timer through a SIGKILL and a restart', async () => {
      const w = world!;
      const saveUrl = `/api/attempts/${w.attemptId}/answers`;
      const saveOf = (i: number): Save => {
        const position = i % w.options.length;
        const round = Math.floor(i / w.options.length);
        const options = w.options[position]!;
        // Revisions grow with i; the option changes every round, so each save is distinct.
        return {
          position,
          response: { option: options[round % options.length]! },
          clientRev: 1_000 + i,
        };
      };

      // A stream of concurrent autosaves; the server is killed while some are in flight.
      const acknowledged: (Save & { reply: SaveReply })[] = [];
      const unanswered: { save: Save; error: string }[] = [];
      const refused: { save: Save; status: number; text: string }[] = [];
      let next = 0;
      let inFlight = 0;
      let killed = false;
      const worker = async () => {
        while (!killed && next < MAX_SAVES) {
          const save = saveOf(next++);
          inFlight++;
          try {
            const reply = await w.tab.request('POST', saveUrl, { json: save });
            if (reply.status === 200)
              acknowledged.push({ ...save, reply: reply.json as SaveReply });
            else refused.push({ save, status: reply.status, text: reply.text });
          } catch (error) {
            unanswered.push({ save, error: String(error) });
          } finally {
            inFlight--;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      while (acknowledged.length < ACKS_BEFORE_KILL && next < MAX_SAVES) {
        await new Promise((r) => setTimeout(r, 2));
      }
      const inFlightAtKill = inFlight;
      const stopping = w.app.stop('SIGKILL'); // the signal is sent before this returns
      killed = true;
      await stopping;
      await Promise.all(workers);
      expect(refused, w.app.output().slice(-3000)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      expect(inFlightAtKill, 'saves were in flight when the server died').toBeGreaterThan(0);
      expect(unanswered.length, 'some saves never got a reply').toBeGreaterThan(0);
      expect(acknowledged.every((a) => a.reply.status !== 'closed')).toBe(true);
      console.info(
        `${provider}: ${acknowledged.length} saves acknowledged, ${unanswered.length} cut off, ` +
          `${inFlightAtKill} in flight at the kill`,
      );

      // The same database, a new server process (the build is reused).
      current = await startApp({ databaseUrl: w.databaseUrl, port: w.app.port });
      w.app = current;
      w.tab.baseUrl = current.baseUrl;
      await disconnectDb(); // read what is on disk, through a fresh connection

      // Every acknowledged save is stored: per position, the stored revision is at least the
      // highest acknowledged one, and when it is that one, its response is that save's.
      const stored = await findAttempt(w.attemptId);
      expect(stored?.status).toBe('in_progress');
      expect(stored?.deadline?.getTime()).toBe(w.deadline.getTime());
      const byPosition = new Map(stored!.answers.map((a) => [a.position, a]));
      for (let position = 0; position < w.options.length; position++) {
        const acks = acknowledged.filter((a) => a.position === position);
        if (acks.length === 0) continue;
        const answer = byPosition.get(position);
        expect(answer, `position ${position} was acknowledged and is missing`).toBeDefined();
        const latestSaved = acks
          .filter((a) => a.reply.status === 'saved')
          .reduce((best, a) => (a.clientRev > best.clientRev ? a : best), acks[0]!);
        const highest = Math.max(...acks.map((a) => a.clientRev));
        expect(answer!.clientRev, `position ${position}`).toBeGreaterThanOrEqual(highest);
        if (answer!.clientRev === latestSaved.clientRev) {
          expect(answer!.response, `position ${position}`).toEqual(latestSaved.response);
        } else {
          // A newer save committed before the kill (its reply lost): it is one of ours.
          const save = saveOf(answer!.clientRev - 1_000);
          expect(save.position).toBe(position);
          expect(answer!.response).toEqual(save.response);
        }
        // A save acknowledged as superseded was beaten by a newer stored one.
        for (const a of acks.filter((x) => x.reply.status === 'superseded')) {
          expect(answer!.clientRev).toBeGreaterThan(a.clientRev);
        }
      }

      // The old session cookie (signed with the same secret) still works, and resumes.
      const session = await w.tab.request('GET', '/api/auth/session');
      expect((session.json as { user?: { email?: string } } | null)?.user?.email).toBe(w.email);
      const resumed = await w.tab.request('POST', `/api/quizzes/${w.quizId}/attempts`);
      expect(resumed.status, resumed.text).toBe(200);
      expect((resumed.json as { attemptId: string }).attemptId).toBe(w.attemptId);

      // So does a fresh sign-in: same attempt, and the timer continues from the original start.
      const fresh = new Tab(current.baseUrl);
      await fresh.signIn(w.email);
      const again = await fresh.request('POST', `/api/quizzes/${w.quizId}/attempts`);
      expect((again.json as { attemptId: string }).attemptId).toBe(w.attemptId);
      const page = await fresh.request('GET', `/quizzes/attempts/${w.attemptId}`);
      expect(page.status).toBe(200);
      // Let enough time pass that a timer reset by the restart could not pass for a running one.
      const wait = w.startReplied + MIN_ELAPSED_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const probe = saveOf(MAX_SAVES + 100);
      const before = Date.now();
      const reply = await fresh.request('POST', saveUrl, { json: probe });
      expect(reply.status, reply.text).toBe(200);
      const { status, secondsLeft } = reply.json as SaveReply;
      expect(status).toBe('saved');
      // Remaining = limit − time since the start (not reset by the restart), within a few s.
      const earliest = TIME_LIMIT_SEC - (Date.now() - w.startSent) / 1000;
      const latest = TIME_LIMIT_SEC - (before - w.startReplied) / 1000;
      expect(secondsLeft).toBeGreaterThanOrEqual(Math.floor(earliest) - 2);
      expect(secondsLeft).toBeLessThanOrEqual(Math.ceil(latest) + 2);
      expect(secondsLeft).toBeLessThanOrEqual(TIME_LIMIT_SEC - MIN_ELAPSED_MS / 1000 + 1);
      const probed = await findAttempt(w.attemptId);
      expect(probed?.answers.find((a) => a.position === probe.position)?.clientRev).toBe(
        probe.clientRev,
      );
    });

    it('grades the attempt exactly once when two tabs submit at the same moment', async () => {
      const w = world!;
      const first = w.tab;
      const second = first.twin();
      const sent = Date.now();
      const [a, b] = await Promise.all([
        first.request('POST', `/api/attempts/${w.attemptId}/submit`),
        second.request('POST', `/api/attempts/${w.attemptId}/submit`),
      ]);
      const replied = Date.now();
      expect([a.status, b.status], `${a.text}\n${b.text}`).toEqual([200, 200]);
      type Submitted = { status: string; submitKind: string; score: number; maxScore: number };
      const ra = a.json as Submitted;
      const rb = b.json as Submitted;
      expect(ra.status).toBe('submitted');
      expect(rb).toEqual(ra);
      expect(ra.submitKind).toBe('student');

      const attempt = await findAttempt(w.attemptId);
      expect(attempt?.status).toBe('submitted');
      expect(attempt?.submitKind).toBe('student');
      expect(attempt?.score).toBe(ra.score);
      expect(attempt?.maxScore).toBe(SLOTS.reduce((s, x) => s + x.points, 0));
      const at = attempt!.submittedAt!.getTime();
      expect(at).toBeGreaterThanOrEqual(sent - 1000);
      expect(at).toBeLessThanOrEqual(replied + 1000);
      // The score is the stored answers' grades, each graded once.
      const points = SLOTS.map((s) => s.points);
      const total = attempt!.answers.reduce(
        (s, x) => s + (x.fraction ?? 0) * points[x.position]!,
        0,
      );
      expect(attempt!.answers.every((x) => x.fraction !== null)).toBe(true);
      expect(attempt!.score).toBeCloseTo(total, 9);
      // One attempt, not two; and it takes no more answers.
      expect((await listAttempts(w.quizId, attempt!.userId)).length).toBe(1);
      const late = await first.request('POST', `/api/attempts/${w.attemptId}/answers`, {
        json: { position: 0, response: { option: w.options[0]![0] }, clientRev: 1e9 },
      });
      expect(late.status).toBe(409);
    });
  });
}

describe('a quiz in progress survives the server being killed', () => {
  durabilitySuite('sqlite', 'sqlite');
  durabilitySuite('postgresql', postgresUrl);
});
