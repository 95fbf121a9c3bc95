// Random and malformed requests to every mutating route handler of the production app (found
// by walking app/, so a new one fails here until it is fuzzed): JSON of every shape, wrong
// types, extra and prototype-polluting keys, bodies of a few hundred kB, invalid UTF-8, wrong
// or missing content types, no body at all, hostile origins — as a signed-in student and as a
// visitor. Whatever arrives, the answer is never a 5xx and the database does not change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type * as ClassroomModule from '@/lib/classroom';
import type * as DbModule from '@/lib/db';
import type * as QuestionsModule from '@/lib/questions';
import type * as PasswordModule from '@/lib/auth/password';
import { HttpClient } from './http-client';
import { baseSettings } from '../helpers/classroom';

/** Runs per endpoint; ACKADEMY_FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.ACKADEMY_FUZZ_RUNS ?? 40);
const PASSWORD = 'mutation-fuzz-password';
const TAG = `fz${Date.now().toString(36)}`;

// ---------------------------------------------------------------------------------------
// The mutating route handlers on disk
// ---------------------------------------------------------------------------------------

const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function mutatingRoutesOnDisk(dir = path.join(process.cwd(), 'app'), segments: string[] = []) {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('_')) continue;
      const skip = /^\(.*\)$/.test(entry.name) || entry.name.startsWith('@');
      found.push(...mutatingRoutesOnDisk(full, skip ? segments : [...segments, entry.name]));
    } else if (/^route\.(ts|js)$/.test(entry.name)) {
      const source = readFileSync(full, 'utf8');
      for (const method of MUTATING) {
        const exported = new RegExp(
          `export\\s+(async\\s+function|function|const|let)\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b`,
        );
        if (exported.test(source)) found.push(`${method} /${segments.join('/')}`);
      }
    }
  }
  return found.sort();
}

// ---------------------------------------------------------------------------------------
// The fixture: a student with an attempt in progress and a submitted one, another student's
// attempt, a draft quiz
// ---------------------------------------------------------------------------------------

type Fixture = {
  email: string;
  quiz: string;
  draft: string;
  otherQuiz: string;
  open: string;
  done: string;
  othersOpen: string;
  /** The questions of the attempt in progress, to tell a save that would be stored. */
  openQuestions: ReturnType<typeof ClassroomModule.questionFor>[];
};

let classroom: typeof ClassroomModule;
let db: typeof DbModule;
let questions: typeof QuestionsModule;
let fixture: Fixture;
let sqlite: Database.Database;

async function buildFixture(): Promise<Fixture> {
  process.env.DATABASE_URL = inject('databaseUrl');
  let password: typeof PasswordModule;
  [classroom, db, questions, password] = await Promise.all([
    import('@/lib/classroom'),
    import('@/lib/db'),
    import('@/lib/questions'),
    import('@/lib/auth/password'),
  ]);
  const hash = await password.hashPassword(PASSWORD);
  const user = (key: string, role: 'student' | 'instructor') =>
    db.createUser({ email: `${TAG}-${key}@example.com`, name: key, passwordHash: hash, role });
  const teacher = await user('teacher', 'instructor');
  const student = await user('student', 'student');
  const other = await user('other', 'student');
  const settings = (title: string) => ({
    ...baseSettings,
    title,
    description: '',
    attemptsAllowed: 3,
  });
  const slots = [
    { kind: 'fixed', template: 'next-state', seed: 1, difficulty: 1, points: 1 },
    { kind: 'fixed', template: 'seq-ack-numbers', seed: 2, difficulty: 1, points: 1 },
  ] as const;
  const mine = await classroom.createOwnClass(teacher, `${TAG} class`);
  const theirs = await classroom.createOwnClass(teacher, `${TAG} other class`);
  const quiz = await classroom.createOwnQuiz(teacher, mine.id, settings(`${TAG} quiz`), [...slots]);
  const draft = await classroom.createOwnQuiz(teacher, mine.id, settings(`${TAG} draft`), [
    ...slots,
  ]);
  const otherQuiz = await classroom.createOwnQuiz(teacher, theirs.id, settings(`${TAG} q2`), [
    ...slots,
  ]);
  await classroom.setOwnQuizStatus(teacher, quiz.id, 'published');
  await classroom.setOwnQuizStatus(teacher, otherQuiz.id, 'published');
  await classroom.joinWithCode(student, mine.joinCode);
  await classroom.joinWithCode(other, theirs.joinCode);
  const now = new Date();
  const done = await classroom.startOrResume(student, quiz.id, now);
  await classroom.submitOwnAttempt(student, done, now);
  const open = await classroom.startOrResume(student, quiz.id, now);
  const othersOpen = await classroom.startOrResume(other, otherQuiz.id, now);
  const layout = classroom.parseLayout((await db.findAttempt(open))!.layout);
  return {
    email: student.email,
    quiz: quiz.id,
    draft: draft.id,
    otherQuiz: otherQuiz.id,
    open,
    done,
    othersOpen,
    openQuestions: layout.map((item) => classroom.questionFor(item, 'en')),
  };
}

// ---------------------------------------------------------------------------------------
// The database, as rows: every table but the rate-limit counters (which requests are meant
// to move)
// ---------------------------------------------------------------------------------------

const WATCHED = [
  'User',
  'Account',
  'AuditLog',
  'Class',
  'ClassMember',
  'Quiz',
  'QuizSlot',
  'QuizAttempt',
  'QuizAnswer',
  'PracticeAnswer',
  'TopicMastery',
  'FlashcardState',
  'FlashcardReview',
];

function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of WATCHED) {
    const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
    const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
    out[table] = `${rows.length}:${digest}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------

type Payload = { label: string; body?: Uint8Array; contentType?: string };

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(-1, -0, 0.5, 999, 1000, 1e21, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  number,
  fc.string({ maxLength: 40 }),
  fc.constantFrom(null, true, [], {}, { option: 'a' }, { value: 1 }, { fields: {} }),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/xml',
  undefined,
);

/** Near-miss save bodies: the right keys with wrong types, missing ones, extra ones. */
const saveShaped = fc
  .record(
    { position: fc.oneof(number, value), response: value, clientRev: fc.oneof(number, value) },
    { requiredKeys: [] },
  )
  .chain((body) =>
    fc
      .dictionary(
        fc.oneof(fc.constantFrom('attemptId', 'userId', 'score', 'status'), fc.string()),
        value,
        { maxKeys: 2 },
      )
      .map((extra) => ({ ...body, ...extra })),
  );

const POLLUTING = [
  '{"__proto__":{"polluted":true},"position":0,"response":{"option":"a"},"clientRev":1}',
  '{"position":0,"response":null,"clientRev":1,"__proto__":{"userId":"x"}}',
  '{"constructor":{"prototype":{"polluted":true}},"position":0,"response":null,"clientRev":1}',
  '{"position":0,"response":{"__proto__":{"option":"a"}},"clientRev":1}',
  '{"position":{"valueOf":1},"response":null,"clientRev":{"toString":"x"}}',
  '[{"position":0,"response":null,"clientRev":1}]',
];

const payload: fc.Arbitrary<Payload> = fc.oneof(
  fc.record({ v: value, ct: contentType }).map(({ v, ct }) => ({
    label: 'json',
    body: utf8(JSON.stringify(v) ?? ''),
    contentType: ct,
  })),
  fc.record({ v: saveShaped, ct: contentType }).map(({ v, ct }) => ({
    label: 'save-shaped',
    body: utf8(JSON.stringify(v)),
    contentType: ct,
  })),
  fc.constantFrom(...POLLUTING).map((text) => ({
    label: 'polluting',
    body: utf8(text),
    contentType: 'application/json',
  })),
  // A few hundred kB: as one JSON string, or as raw text.
  fc
    .record({ n: fc.integer({ min: 10_000, max: 400_000 }), raw: fc.boolean() })
    .map(({ n, raw }) => ({
      label: `huge ${n}`,
      body: utf8(
        raw
          ? 'x'.repeat(n)
          : JSON.stringify({ position: 0, response: 'x'.repeat(n), clientRev: 1 }),
      ),
      contentType: 'application/json',
    })),
  // Invalid UTF-8, alone or inside an otherwise valid save.
  fc
    .record({ bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }), wrap: fc.boolean() })
    .map(({ bytes, wrap }) => ({
      label: 'bytes',
      body: wrap
        ? concat(
            utf8('{"position":0,"response":{"option":"'),
            Uint8Array.of(0xff, 0xfe, 0xc3, 0x28),
            bytes,
            utf8('"},"clientRev":1}'),
          )
        : bytes,
      contentType: 'application/json',
    })),
  fc.constantFrom<Payload>(
    { label: 'no body' },
    { label: 'no body, json type', contentType: 'application/json' },
    { label: 'empty', body: new Uint8Array(0), contentType: 'application/json' },
    {
      label: 'form',
      body: utf8('position=0&response=a&clientRev=1'),
      contentType: 'application/x-www-form-urlencoded',
    },
  ),
);

/** Sign-in forms: NextAuth's fields with random, wrong and oversized values. */
const signInForm = (csrf: () => string): fc.Arbitrary<Payload> =>
  fc
    .record(
      {
        csrfToken: fc.oneof(fc.constant('real'), fc.string({ maxLength: 80 })),
        email: fc.oneof(
          fc.emailAddress().map((e) => `${TAG}-nobody-${e}`.slice(0, 200)),
          fc.string({ maxLength: 60 }),
          fc.constant('x'.repeat(5000)),
        ),
        password: fc.oneof(fc.string({ maxLength: 60 }), fc.constant('p'.repeat(200_000))),
        json: fc.constantFrom('true', 'false', '1', ''),
        callbackUrl: fc.constantFrom(
          '/',
          'https://evil.example/',
          'javascript:alert(1)',
          '//evil.example',
        ),
        ['__proto__']: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    )
    .map((fields) => {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) {
        form.set(k, k === 'csrfToken' && v === 'real' ? csrf() : String(v));
      }
      return {
        label: 'sign-in form',
        body: utf8(form.toString()),
        contentType: 'application/x-www-form-urlencoded',
      };
    });

/** Whether the server would store this save into the student's open attempt (not fuzzed). */
function wouldStore(p: Payload): boolean {
  if (!p.body || p.body.byteLength > 16 * 1024) return false;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(p.body));
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'clientRev,position,response') return false;
  const { position, response, clientRev } = body as Record<string, unknown>;
  if (typeof clientRev !== 'number' || !Number.isFinite(clientRev) || clientRev < 0) return false;
  if (!Number.isInteger(position) || (position as number) < 0) return false;
  const question = fixture.openQuestions[position as number];
  if (!question) return false;
  return response === null || questions.grade(question, response).valid;
}

// ---------------------------------------------------------------------------------------
// The endpoints and where to aim them
// ---------------------------------------------------------------------------------------

type Actor = 'anonymous' | 'student';
type Shot = {
  actor: Actor;
  path: string;
  payload: Payload;
  origin: string | null;
  openAttempt: boolean;
};

/**
 * Ids that are not ids. A segment of only dots is left out: URLs resolve it away, so the
 * request would reach another route (a page), which is not what is fuzzed here.
 */
const idGarbage = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.constantFrom('..x', '%00', 'a'.repeat(65), '../../admin', ' ', '\u0000', '💥'),
  )
  .filter((id) => !/^\.{1,2}$/.test(id));

function endpoints(): Record<
  string,
  (csrf: () => string) => fc.Arbitrary<Omit<Shot, 'actor' | 'origin'>>
> {
  const f = fixture;
  const enc = encodeURIComponent;
  const attemptTarget = fc.oneof(
    fc.constantFrom(f.open, f.done, f.othersOpen, 'no-such-attempt'),
    idGarbage,
  );
  return {
    'POST /api/attempts/[attemptId]/answers': () =>
      fc.record({ id: attemptTarget, payload }).map(({ id, payload }) => ({
        path: `/api/attempts/${enc(id)}/answers`,
        payload,
        openAttempt: id === f.open,
      })),
    'POST /api/attempts/[attemptId]/submit': () =>
      fc.record({ id: attemptTarget, payload }).map(({ id, payload }) => ({
        path: `/api/attempts/${enc(id)}/submit`,
        payload,
        openAttempt: id === f.open,
      })),
    'POST /api/quizzes/[quizId]/attempts': () =>
      fc
        .record({
          // The student's own quiz resumes the attempt in progress: nothing new is made.
          id: fc.oneof(fc.constantFrom(f.quiz, f.draft, f.otherQuiz, 'no-such-quiz'), idGarbage),
          payload,
        })
        .map(({ id, payload }) => ({
          path: `/api/quizzes/${enc(id)}/attempts`,
          payload,
          openAttempt: false,
        })),
    'POST /api/auth/[...nextauth]': (csrf) =>
      fc
        .record({
          action: fc.oneof(
            fc.constantFrom(
              'callback/credentials',
              'signin/credentials',
              'signin',
              'signout',
              'session',
              '_log',
              'callback/github',
              'csrf',
              'providers',
              'verify-request',
            ),
            idGarbage.map(enc),
          ),
          payload: fc.oneof(signInForm(csrf), signInForm(csrf), payload),
        })
        .map(({ action, payload }) => ({
          path: `/api/auth/${action}`,
          payload,
          openAttempt: false,
        })),
  };
}

// ---------------------------------------------------------------------------------------

const clients = {} as Record<Actor, HttpClient>;
/** Each actor's own NextAuth CSRF token (its cookie is in that actor's jar). */
const csrfTokens = {} as Record<Actor, string>;

beforeAll(async () => {
  fixture = await buildFixture();
  sqlite = new Database(inject('databaseUrl').replace(/^file:/, ''), {
    readonly: true,
    fileMustExist: true,
  });
  clients.anonymous = new HttpClient();
  clients.student = new HttpClient();
  await clients.student.signIn(fixture.email, PASSWORD);
  // Real CSRF tokens (and their cookies) for the sign-in forms that should get past them.
  csrfTokens.anonymous = await clients.anonymous.csrfToken();
  csrfTokens.student = await clients.student.csrfToken();
}, 120_000);

afterAll(async () => {
  sqlite?.close();
  await db?.disconnectDb();
});

async function fire(shot: Shot) {
  const client = clients[shot.actor];
  const headers: Record<string, string> = {};
  if (shot.payload.contentType) headers['content-type'] = shot.payload.contentType;
  if (shot.origin !== null) headers.origin = shot.origin;
  return client.request(shot.path, {
    method: 'POST',
    headers,
    body: shot.payload.body,
    noOrigin: shot.origin === null,
    // The jar stays as it was: a fuzzed sign-out or sign-in must not change the actor.
    keepCookies: false,
  });
}

describe('mutating route handlers', () => {
  test('are exactly the ones fuzzed here (a new one must be added)', () => {
    expect(Object.keys(endpoints()).sort()).toEqual(mutatingRoutesOnDisk());
  });

  test.each(mutatingRoutesOnDisk())(
    '%s: random and malformed requests never get a 5xx and change nothing in the database',
    async (key) => {
      const base = inject('baseUrl');
      const target = endpoints()[key];
      expect(target, `${key} has no fuzz target`).toBeDefined();
      const shot = fc
        .record({
          actor: fc.constantFrom<Actor>('anonymous', 'student'),
          origin: fc.constantFrom<string | null>(
            base,
            base,
            base,
            null,
            'https://evil.example',
            'null',
          ),
        })
        .chain(({ actor, origin }) =>
          target!(() => csrfTokens[actor]).map((rest) => ({ ...rest, actor, origin })),
        )
        // Requests that would legitimately change the student's open attempt are not fuzz:
        // a well-formed save of a valid answer, and a submit of any small body. Nor is the
        // student's sign-out, which (with the real CSRF token) ends the session on the server.
        .filter(
          (s) =>
            !(
              s.actor === 'student' &&
              s.openAttempt &&
              (key.endsWith('/answers')
                ? wouldStore(s.payload)
                : (s.payload.body?.byteLength ?? 0) <= 16 * 1024)
            ) && !(s.actor === 'student' && s.path === '/api/auth/signout'),
        );
      let before = snapshot();
      await fc.assert(
        fc.asyncProperty(shot, async (s) => {
          const response = await fire(s);
          if (process.env.ACKADEMY_FUZZ_DEBUG)
            console.log(key, s.actor, response.status, s.payload.label, s.path.slice(0, 60));
          const where = `${s.actor} POST ${s.path} (${s.payload.label}, origin ${s.origin})`;
          expect(response.status, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          const after = snapshot();
          expect(after, `${where} changed the database`).toEqual(before);
          before = after;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000,
  );
});

describe('the fixture', () => {
  test('still has the student signed in and the attempt open (the fuzz aimed at something real)', async () => {
    const session = JSON.parse((await clients.student.get('/api/auth/session')).body) as {
      user?: { email?: string };
    };
    expect(session.user?.email).toBe(fixture.email);
    expect((await db.findAttempt(fixture.open))!.status).toBe('in_progress');
    expect((await db.findAttempt(fixture.open))!.answers).toEqual([]);
  });
});
