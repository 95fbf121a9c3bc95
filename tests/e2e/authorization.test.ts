// Who may reach what, over HTTP against the production app: every page and route handler
// (found by walking app/, so a new one fails here until the table says who may use it), as
// a visitor, a student (S1), another student (S2), an instructor (A), another instructor (B)
// and an administrator, with the expected outcome of each pair and, in every answer, none of
// the identifiers of classes, quizzes and people the actor has no business seeing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type * as ClassroomModule from '@/lib/classroom';
import type * as DbModule from '@/lib/db';
import type * as PasswordModule from '@/lib/auth/password';
import { HttpClient, type HttpResponse } from './http-client';
import { baseSettings } from '../helpers/classroom';

const ACTORS = ['anonymous', 'S1', 'S2', 'A', 'B', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/**
 * ok: 200 with the page or payload; denied: 200 with the page's "not for your role" notice
 * and nothing else; signin: a redirect to the sign-in page; 401/403/404/409: that status;
 * `redirect:<path>`: a redirect elsewhere.
 */
type Outcome =
  | 'ok'
  | 'denied'
  | 'signin'
  | '401'
  | '403'
  | '404'
  | '409'
  | `redirect:${string}`
  /** Not sent: it would change what the other probes rely on (covered by quiz-taking e2e). */
  | 'skip';

type Probe = {
  path: string;
  body?: unknown;
  expect: Record<Actor, Outcome>;
  /** Text every 'ok' answer must contain (proof that the page is the real one). */
  shows?: string;
};

type World = {
  users: Record<Exclude<Actor, 'anonymous'>, { id: string; email: string; name: string }>;
  classA: { id: string; name: string; joinCode: string };
  classB: { id: string; name: string; joinCode: string };
  quizA: { id: string; title: string };
  draftA: { id: string; title: string };
  quizB: { id: string; title: string };
  /** S1's attempts on quiz A: one submitted, one in progress; S2's submitted one on quiz B. */
  s1Done: string;
  s1Open: string;
  s2Done: string;
};

// ---------------------------------------------------------------------------------------
// Outcome shorthands
// ---------------------------------------------------------------------------------------

const all = (o: Outcome): Record<Actor, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a, o])) as Record<Actor, Outcome>;
const PUBLIC = all('ok');
const SIGNED_IN = { ...all('ok'), anonymous: 'signin' } as const;
/** A page of class A / quiz A: its instructor and admins; everyone else "no such page". */
const OF_A = { anonymous: 'signin', S1: '404', S2: '404', A: 'ok', B: '404', admin: 'ok' } as const;
const OF_B = { ...OF_A, A: '404', B: 'ok' } as const;
/** The same for route handlers, where a visitor gets 401 rather than a redirect. */
const FILE_OF_A = { ...OF_A, anonymous: '401' } as const;
const ONLY_S1 = { ...all('404'), anonymous: 'signin', S1: 'ok' } as const;

function table(w: World): Record<string, Probe[]> {
  const answer = { position: 0, response: null, clientRev: Date.now() };
  return {
    // Public pages.
    'PAGE /': [{ path: '/', expect: PUBLIC }],
    'PAGE /lessons': [{ path: '/lessons', expect: PUBLIC }],
    'PAGE /lessons/[slug]': [
      { path: '/lessons/three-way-handshake', expect: PUBLIC },
      { path: '/lessons/no-such-lesson', expect: all('404') },
    ],
    'PAGE /simulator': [{ path: '/simulator', expect: PUBLIC }],
    'PAGE /practice': [{ path: '/practice', expect: PUBLIC }],
    'PAGE /flashcards': [{ path: '/flashcards', expect: PUBLIC }],
    'PAGE /signin': [{ path: '/signin', expect: PUBLIC }],
    'PAGE /signup': [{ path: '/signup', expect: PUBLIC }],
    // A visitor's progress lives in the browser; the page itself is open to all.
    'PAGE /me': [{ path: '/me', expect: PUBLIC }],
    'GET /flashcards/export': [
      { path: '/flashcards/export', expect: PUBLIC },
      { path: '/flashcards/export?deck=no-such-deck', expect: all('404') },
    ],

    // One's own account.
    'PAGE /account': [{ path: '/account', expect: SIGNED_IN }],
    'PAGE /admin/users': [
      {
        path: '/admin/users',
        expect: {
          anonymous: 'signin',
          S1: 'denied',
          S2: 'denied',
          A: 'denied',
          B: 'denied',
          admin: 'ok',
        },
        shows: w.users.S2.email,
      },
    ],

    // The student side.
    'PAGE /quizzes': [{ path: '/quizzes', expect: PUBLIC }],
    'PAGE /quizzes/join': [
      { path: '/quizzes/join', expect: SIGNED_IN },
      // A code that opens nothing (a real one would join the class: tested elsewhere).
      { path: '/quizzes/join?code=ZZZZZZZZ', expect: SIGNED_IN },
    ],
    'PAGE /quizzes/[quizId]': [
      { path: `/quizzes/${w.quizA.id}`, expect: ONLY_S1, shows: w.quizA.title },
      { path: `/quizzes/${w.quizB.id}`, expect: { ...ONLY_S1, S1: '404', S2: 'ok' } },
      { path: `/quizzes/${w.draftA.id}`, expect: { ...all('404'), anonymous: 'signin' } },
    ],
    'PAGE /quizzes/attempts/[attemptId]': [
      { path: `/quizzes/attempts/${w.s1Open}`, expect: ONLY_S1, shows: w.quizA.title },
      {
        path: `/quizzes/attempts/${w.s1Done}`,
        expect: { ...ONLY_S1, S1: `redirect:/quizzes/attempts/${w.s1Done}/review` },
      },
      { path: '/quizzes/attempts/no-such-attempt', expect: { ...all('404'), anonymous: 'signin' } },
    ],
    'PAGE /quizzes/attempts/[attemptId]/review': [
      { path: `/quizzes/attempts/${w.s1Done}/review`, expect: ONLY_S1, shows: w.quizA.title },
      {
        path: `/quizzes/attempts/${w.s1Open}/review`,
        expect: { ...ONLY_S1, S1: `redirect:/quizzes/attempts/${w.s1Open}` },
      },
    ],
    'POST /api/quizzes/[quizId]/attempts': [
      // S1 resumes the attempt in progress; nobody else is on class A's roster.
      {
        path: `/api/quizzes/${w.quizA.id}/attempts`,
        expect: { ...all('404'), anonymous: '401', S1: 'ok' },
        shows: w.s1Open,
      },
      { path: `/api/quizzes/${w.draftA.id}/attempts`, expect: { ...all('404'), anonymous: '401' } },
    ],
    'GET /api/attempts/[attemptId]': [
      // The attempt page's questions: its own student only.
      {
        path: `/api/attempts/${w.s1Open}`,
        expect: { ...all('404'), anonymous: '401', S1: 'ok' },
        shows: w.quizA.title,
      },
      { path: `/api/attempts/${w.s1Done}`, expect: { ...all('404'), anonymous: '401', S1: 'ok' } },
      { path: '/api/attempts/no-such-attempt', expect: { ...all('404'), anonymous: '401' } },
    ],
    'POST /api/attempts/[attemptId]/answers': [
      {
        path: `/api/attempts/${w.s1Open}/answers`,
        body: answer,
        expect: { ...all('404'), anonymous: '401', S1: 'ok' },
      },
      {
        path: `/api/attempts/${w.s1Done}/answers`,
        body: answer,
        expect: { ...all('404'), anonymous: '401', S1: '409' },
      },
    ],
    'POST /api/attempts/[attemptId]/submit': [
      // Submitting a submitted attempt answers with it as it is (nothing changes).
      {
        path: `/api/attempts/${w.s1Done}/submit`,
        body: {},
        expect: { ...all('404'), anonymous: '401', S1: 'ok' },
      },
      {
        path: `/api/attempts/${w.s2Done}/submit`,
        body: {},
        expect: { ...all('404'), anonymous: '401', S2: 'ok' },
      },
      // Someone else's attempt in progress: refused before anything is graded (S1's own
      // submit would end the attempt the other probes use).
      {
        path: `/api/attempts/${w.s1Open}/submit`,
        body: {},
        expect: { ...all('404'), anonymous: '401', S1: 'skip' },
      },
    ],

    // NextAuth: the session of whoever asks (and nobody else), the CSRF token, providers.
    'GET /api/auth/[...nextauth]': [
      { path: '/api/auth/session', expect: PUBLIC },
      { path: '/api/auth/csrf', expect: PUBLIC },
      { path: '/api/auth/providers', expect: PUBLIC },
    ],
    'POST /api/auth/[...nextauth]': [
      // A sign-in with the wrong password as anyone: no session for anybody.
      {
        path: '/api/auth/callback/credentials',
        body: { email: 'authz-nobody@example.com', password: 'wrong password' },
        expect: all('401'),
      },
    ],

    // The instructor side.
    'PAGE /teach': [
      {
        path: '/teach',
        expect: { anonymous: 'signin', S1: 'denied', S2: 'denied', A: 'ok', B: 'ok', admin: 'ok' },
      },
    ],
    'PAGE /teach/classes/[classId]': [
      {
        path: `/teach/classes/${w.classA.id}`,
        expect: OF_A,
        shows: w.classA.joinCode,
      },
      {
        path: `/teach/classes/${w.classB.id}`,
        expect: OF_B,
        shows: w.classB.joinCode,
      },
    ],
    'PAGE /teach/classes/[classId]/gradebook': [
      { path: `/teach/classes/${w.classA.id}/gradebook`, expect: OF_A, shows: w.users.S1.email },
      { path: `/teach/classes/${w.classB.id}/gradebook`, expect: OF_B, shows: w.users.S2.email },
    ],
    'GET /teach/classes/[classId]/gradebook.csv': [
      {
        path: `/teach/classes/${w.classA.id}/gradebook.csv`,
        expect: FILE_OF_A,
        shows: w.users.S1.email,
      },
      {
        path: `/teach/classes/${w.classB.id}/gradebook.csv`,
        expect: { ...FILE_OF_A, A: '404', B: 'ok' },
        shows: w.users.S2.email,
      },
    ],
    'PAGE /teach/quizzes/new': [
      { path: `/teach/quizzes/new?class=${w.classA.id}`, expect: OF_A, shows: w.classA.name },
      { path: '/teach/quizzes/new', expect: all('404') },
    ],
    'PAGE /teach/quizzes/[quizId]/edit': [
      { path: `/teach/quizzes/${w.quizA.id}/edit`, expect: OF_A, shows: w.quizA.title },
      { path: `/teach/quizzes/${w.draftA.id}/edit`, expect: OF_A, shows: w.draftA.title },
      { path: `/teach/quizzes/${w.quizB.id}/edit`, expect: OF_B, shows: w.quizB.title },
    ],
    'PAGE /teach/quizzes/[quizId]/preview': [
      { path: `/teach/quizzes/${w.quizA.id}/preview`, expect: OF_A, shows: w.quizA.title },
      { path: `/teach/quizzes/${w.draftA.id}/preview`, expect: OF_A, shows: w.draftA.title },
    ],
    'PAGE /teach/quizzes/[quizId]/print': [
      { path: `/teach/quizzes/${w.quizA.id}/print`, expect: OF_A, shows: w.quizA.title },
    ],
    'PAGE /teach/quizzes/[quizId]/results': [
      {
        path: `/teach/quizzes/${w.quizA.id}/results`,
        expect: OF_A,
        shows: w.quizA.title,
      },
      {
        path: `/teach/quizzes/${w.quizB.id}/results`,
        expect: OF_B,
        shows: w.quizB.title,
      },
    ],
    'GET /teach/quizzes/[quizId]/export/gift.txt': [
      { path: `/teach/quizzes/${w.quizA.id}/export/gift.txt`, expect: FILE_OF_A },
      {
        path: `/teach/quizzes/${w.quizB.id}/export/gift.txt`,
        expect: { ...FILE_OF_A, A: '404', B: 'ok' },
      },
    ],
    'GET /teach/quizzes/[quizId]/export/moodle.xml': [
      { path: `/teach/quizzes/${w.quizA.id}/export/moodle.xml`, expect: FILE_OF_A },
      {
        path: `/teach/quizzes/${w.quizB.id}/export/moodle.xml`,
        expect: { ...FILE_OF_A, A: '404', B: 'ok' },
      },
    ],
    'PAGE /teach/attempts/[attemptId]': [
      {
        path: `/teach/attempts/${w.s1Done}`,
        expect: OF_A,
        shows: w.users.S1.name,
      },
      { path: `/teach/attempts/${w.s1Open}`, expect: OF_A },
      {
        path: `/teach/attempts/${w.s2Done}`,
        expect: OF_B,
        shows: w.users.S2.name,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// The routes on disk
// ---------------------------------------------------------------------------------------

const APP_DIR = path.join(process.cwd(), 'app');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** `PAGE /path` for every page.tsx and `METHOD /path` for every handler a route.ts exports. */
function routesOnDisk(dir = APP_DIR): string[] {
  const found: string[] = [];
  const walk = (here: string, segments: string[]) => {
    for (const entry of readdirSync(here, { withFileTypes: true })) {
      const full = path.join(here, entry.name);
      if (entry.isDirectory()) {
        // _private folders are not routes; (groups) add no segment; @slots are parallel views.
        if (entry.name.startsWith('_')) continue;
        const skip = /^\(.*\)$/.test(entry.name) || entry.name.startsWith('@');
        walk(full, skip ? segments : [...segments, entry.name]);
        continue;
      }
      const route = `/${segments.join('/')}`;
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) found.push(`PAGE ${route}`);
      if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        for (const method of METHODS) {
          const exported = new RegExp(
            `export\\s+(async\\s+function|function|const|let)\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b`,
          );
          if (exported.test(source)) found.push(`${method} ${route}`);
        }
      }
    }
  };
  walk(dir, []);
  return found.sort();
}

// ---------------------------------------------------------------------------------------
// The fixture world, made through the service on the e2e app's database
// ---------------------------------------------------------------------------------------

const PASSWORD = 'authz-enumeration-password';
const TAG = `az${Date.now().toString(36)}`;

type Modules = {
  classroom: typeof ClassroomModule;
  db: typeof DbModule;
  password: typeof PasswordModule;
};
let modules: Modules;

async function buildWorld(): Promise<World> {
  process.env.DATABASE_URL = inject('databaseUrl');
  const [classroom, db, password] = await Promise.all([
    import('@/lib/classroom'),
    import('@/lib/db'),
    import('@/lib/auth/password'),
  ]);
  modules = { classroom, db, password };
  const hash = await password.hashPassword(PASSWORD);
  const make = async (key: string, role: 'student' | 'instructor' | 'admin') => {
    const user = await db.createUser({
      email: `${TAG}-${key.toLowerCase()}@example.com`,
      name: `${TAG}-name-${key}`,
      passwordHash: hash,
      role,
    });
    return user;
  };
  const A = await make('A', 'instructor');
  const B = await make('B', 'instructor');
  const S1 = await make('S1', 'student');
  const S2 = await make('S2', 'student');
  const admin = await make('admin', 'student');
  // The role an administrator is made with from the command line.
  await db.setUserRole({ userId: admin.id, role: 'admin', actorId: null });

  const settings = (title: string) => ({
    ...baseSettings,
    title,
    description: 'Predict what TCP does next.',
    attemptsAllowed: 3,
  });
  const slots = [
    { kind: 'fixed', template: 'next-state', seed: 1, difficulty: 1, points: 2 },
    { kind: 'fixed', template: 'seq-ack-numbers', seed: 2, difficulty: 1, points: 1 },
  ] as const;

  const classA = await classroom.createOwnClass(A, `${TAG}-classAlpha`);
  const classB = await classroom.createOwnClass(B, `${TAG}-classBravo`);
  const quizA = await classroom.createOwnQuiz(A, classA.id, settings(`${TAG}-quizAlpha`), [
    ...slots,
  ]);
  const draftA = await classroom.createOwnQuiz(A, classA.id, settings(`${TAG}-draftAlpha`), [
    ...slots,
  ]);
  const quizB = await classroom.createOwnQuiz(B, classB.id, settings(`${TAG}-quizBravo`), [
    ...slots,
  ]);
  await classroom.setOwnQuizStatus(A, quizA.id, 'published');
  await classroom.setOwnQuizStatus(B, quizB.id, 'published');
  await classroom.joinWithCode(S1, classA.joinCode);
  await classroom.joinWithCode(S2, classB.joinCode);

  const now = new Date();
  const s1Done = await classroom.startOrResume(S1, quizA.id, now);
  await classroom.submitOwnAttempt(S1, s1Done, now);
  const s1Open = await classroom.startOrResume(S1, quizA.id, now);
  const s2Done = await classroom.startOrResume(S2, quizB.id, now);
  await classroom.submitOwnAttempt(S2, s2Done, now);

  const who = (u: { id: string; email: string; name: string | null }) => ({
    id: u.id,
    email: u.email,
    name: u.name ?? '',
  });
  return {
    users: { A: who(A), B: who(B), S1: who(S1), S2: who(S2), admin: who(admin) },
    classA: { id: classA.id, name: classA.name, joinCode: classA.joinCode },
    classB: { id: classB.id, name: classB.name, joinCode: classB.joinCode },
    quizA: { id: quizA.id, title: quizA.title },
    draftA: { id: draftA.id, title: draftA.title },
    quizB: { id: quizB.id, title: quizB.title },
    s1Done,
    s1Open,
    s2Done,
  };
}

/** What each actor must never find in any answer: the other side's people and things. */
function foreign(w: World, actor: Actor): string[] {
  const { A, B, S1, S2, admin } = w.users;
  const sideA = [
    w.classA.name,
    w.quizA.title,
    w.draftA.title,
    w.classA.joinCode,
    S1.email,
    S1.name,
    A.email,
  ];
  const sideB = [w.classB.name, w.quizB.title, w.classB.joinCode, S2.email, S2.name, B.email];
  switch (actor) {
    case 'anonymous':
      return [...sideA, ...sideB, A.name, B.name, admin.email];
    case 'S1':
      // S1 is on class A, but never sees its join code's owner tools or the draft.
      return [...sideB, w.draftA.title, admin.email];
    case 'S2':
      return [...sideA, admin.email];
    case 'A':
      return [...sideB, admin.email];
    case 'B':
      return [...sideA, admin.email];
    case 'admin':
      return [];
  }
}

// ---------------------------------------------------------------------------------------
// Running a probe
// ---------------------------------------------------------------------------------------

const clients = {} as Record<Actor, HttpClient>;
let world: World;

function outcomeOf(response: HttpResponse, baseUrl: string): string {
  const { status } = response;
  if (status === 200) {
    return response.body.includes('data-testid="forbidden"') ? 'denied' : 'ok';
  }
  if (status >= 300 && status < 400) {
    const target = new URL(response.location ?? '', baseUrl);
    return target.pathname === '/signin' ? 'signin' : `redirect:${target.pathname}`;
  }
  return String(status);
}

async function send(actor: Actor, key: string, probe: Probe): Promise<HttpResponse> {
  const method = key.split(' ')[0]!;
  const client = clients[actor];
  if (method === 'GET' || method === 'PAGE') return client.get(probe.path);
  if (key === 'POST /api/auth/[...nextauth]') {
    // A throwaway jar: the actor's own session must not be replaced by the attempt.
    const side = new HttpClient();
    for (const [name, value] of client.cookies) side.cookies.set(name, value);
    const csrfToken = await side.csrfToken();
    const { email, password } = probe.body as { email: string; password: string };
    return side.post(probe.path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
  }
  return client.post(probe.path, { json: probe.body });
}

beforeAll(async () => {
  world = await buildWorld();
  for (const actor of ACTORS) {
    clients[actor] = new HttpClient();
    if (actor !== 'anonymous') await clients[actor].signIn(world.users[actor].email, PASSWORD);
  }
}, 120_000);

afterAll(async () => {
  await modules?.db.disconnectDb();
});

// A world of placeholders, for the table's keys at collection time.
const placeholder: World = {
  users: Object.fromEntries(
    (['A', 'B', 'S1', 'S2', 'admin'] as const).map((k) => [k, { id: k, email: k, name: k }]),
  ) as World['users'],
  classA: { id: 'a', name: 'a', joinCode: 'a' },
  classB: { id: 'b', name: 'b', joinCode: 'b' },
  quizA: { id: 'qa', title: 'qa' },
  draftA: { id: 'da', title: 'da' },
  quizB: { id: 'qb', title: 'qb' },
  s1Done: 's1d',
  s1Open: 's1o',
  s2Done: 's2d',
};

describe('the authorization table', () => {
  test('lists exactly the pages and route handlers under app/ (a new route must be added)', () => {
    expect(Object.keys(table(placeholder)).sort()).toEqual(routesOnDisk());
  });

  test('has an expectation for every actor in every probe', () => {
    for (const [key, probes] of Object.entries(table(placeholder))) {
      expect(probes.length, key).toBeGreaterThan(0);
      for (const probe of probes)
        expect(Object.keys(probe.expect).sort(), key).toEqual([...ACTORS].sort());
    }
  });
});

describe.each(Object.keys(table(placeholder)))('%s', (key) => {
  test('answers each actor as the table says, with nobody else’s data', async () => {
    const baseUrl = inject('baseUrl');
    const probes = table(world)[key]!;
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const probe of probes) {
      for (const actor of ACTORS) {
        const expected: string = probe.expect[actor];
        if (expected === 'skip') continue;
        const response = await send(actor, key, probe);
        const outcome = outcomeOf(response, baseUrl);
        wanted.push(`${actor} ${probe.path} → ${expected}`);
        seen.push(`${actor} ${probe.path} → ${outcome}`);
        for (const secret of foreign(world, actor)) {
          expect(response.body.includes(secret), `${actor} ${probe.path} shows ${secret}`).toBe(
            false,
          );
        }
        if (outcome === 'ok' && probe.shows) {
          expect(response.body, `${actor} ${probe.path} should show ${probe.shows}`).toContain(
            probe.shows,
          );
        }
        if (outcome === 'denied') {
          // The notice only: none of the page's data around it.
          for (const secret of [...foreign(world, 'anonymous')]) {
            if (secret === world.users[actor as Exclude<Actor, 'anonymous'>]?.email) continue;
            if (secret === world.users[actor as Exclude<Actor, 'anonymous'>]?.name) continue;
            expect(
              response.body.includes(secret),
              `${actor} ${probe.path} denied but shows ${secret}`,
            ).toBe(false);
          }
        }
      }
    }
    expect(seen).toEqual(wanted);
  }, 120_000);
});

describe('sessions', () => {
  test('each actor’s session names that actor and nobody else', async () => {
    for (const actor of ACTORS) {
      const session = JSON.parse((await clients[actor].get('/api/auth/session')).body || '{}') as {
        user?: { email?: string; id?: string };
      };
      if (actor === 'anonymous') expect(session.user).toBeUndefined();
      else
        expect(session.user).toMatchObject({
          email: world.users[actor].email,
          id: world.users[actor].id,
        });
    }
  });
});
