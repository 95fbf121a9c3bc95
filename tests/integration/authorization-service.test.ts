// Who may do what through the server actions, on each real database. Server actions cannot
// be enumerated from outside the app, so this file lists every actions file under app/ and
// every action it exports (a new one fails here until it is listed), and runs each action —
// with the session of a visitor, a student (S1), another student (S2), an instructor (A),
// another instructor (B) and an administrator — and the classroom service functions behind
// them, asserting what each actor may do and that a refusal changes nothing.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { UserDto } from '@/lib/db';

// --- The request context the actions read, replaced by the test's current actor ---------

// The actor's session cookie, a real token that lib/auth decodes as it does in the app.
const ctx = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'authorization-service-test-secret-0123456789';
  return { sessionToken: null as string | null };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
  notFound: () => {
    throw new Error('notFound');
  },
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      ctx.sessionToken && name.endsWith('next-auth.session-token')
        ? { name, value: ctx.sessionToken }
        : undefined,
    set: () => {},
    delete: () => {},
  }),
}));
vi.mock('next-intl/server', () => ({
  getLocale: async () => 'en',
  getTranslations: async (namespace: string) =>
    Object.assign((key: string) => `${namespace}.${key}`, {
      rich: (key: string) => `${namespace}.${key}`,
      has: () => true,
    }),
}));

import { requireRole } from '@/lib/auth';
import { hashPassword } from '@/lib/auth/password';
import { newSessionCookie } from '@/lib/auth/session-token';
import {
  archiveOwnClass,
  attemptForStudent,
  createOwnClass,
  createOwnQuiz,
  deleteOwnQuiz,
  gradebook,
  gradebookCsv,
  joinWithCode,
  managedClass,
  managedQuiz,
  previewQuiz,
  quizResults,
  quizzesOfClass,
  regradeQuiz,
  removeFromRoster,
  reviewForInstructor,
  reviewOwnAttempt,
  roster,
  rotateJoinCode,
  saveResponse,
  setOwnQuizStatus,
  startOrResume,
  submitOwnAttempt,
  updateOwnQuiz,
} from '@/lib/classroom';
import {
  findAttempt,
  findClass,
  findPasswordHash,
  findQuiz,
  findUserById,
  getDesiredRetention,
  listFlashcardStates,
  listRecentAnswers,
  setUserRole,
} from '@/lib/db';
import { createUser } from '@/lib/db/users';
import { generateQuestion } from '@/lib/questions';
import * as accountActions from '@/app/account/actions';
import * as adminActions from '@/app/admin/users/actions';
import * as flashcardActions from '@/app/flashcards/actions';
import * as meActions from '@/app/me/actions';
import * as mergeActions from '@/app/me/merge/actions';
import * as practiceActions from '@/app/practice/actions';
import { sealTicket, type TicketHolder } from '@/app/practice/ticket';
import { serverKey } from '@/lib/security';
import * as quizzesActions from '@/app/quizzes/actions';
import * as signupActions from '@/app/signup/actions';
import * as teachActions from '@/app/teach/actions';
import * as classActions from '@/app/teach/classes/[classId]/actions';
import * as teachQuizActions from '@/app/teach/quizzes/actions';
import { availableProviders } from '../helpers/databases';
import {
  baseSettings,
  choiceSlots,
  correctResponse,
  keyOf,
  useDatabase,
} from '../helpers/classroom';

/** Every actions file under app/, with its module: a new file must be added here. */
const ACTION_MODULES: Record<string, Record<string, unknown>> = {
  'app/account/actions.ts': accountActions,
  'app/admin/users/actions.ts': adminActions,
  'app/flashcards/actions.ts': flashcardActions,
  'app/me/actions.ts': meActions,
  'app/me/merge/actions.ts': mergeActions,
  'app/practice/actions.ts': practiceActions,
  'app/quizzes/actions.ts': quizzesActions,
  'app/signup/actions.ts': signupActions,
  'app/teach/actions.ts': teachActions,
  'app/teach/classes/[classId]/actions.ts': classActions,
  'app/teach/quizzes/actions.ts': teachQuizActions,
};

/** Every exported action, by file, with the guard each relies on (checked below). */
const ACTIONS: Record<string, Record<string, string>> = {
  'app/account/actions.ts': { changePasswordAction: 'signed in; changes only the caller' },
  'app/admin/users/actions.ts': { setRoleAction: "requireRole('admin')" },
  'app/flashcards/actions.ts': {
    sessionAction: 'the caller’s own cards only',
    rateAction: 'stores for the caller only; a visitor stores nothing',
    undoAction: 'undoes the caller’s own last rating only',
    statsAction: 'signed in; the caller’s own reviews',
    setRetentionAction: 'signed in; the caller’s own setting',
  },
  'app/me/actions.ts': { progressAction: 'signed in; the caller’s own progress' },
  'app/me/merge/actions.ts': { mergeVisitorProgressAction: 'signed in; into the caller' },
  'app/practice/actions.ts': {
    nextQuestionAction: 'no key leaves the server',
    answerAction: 'stores for the caller only; a visitor stores nothing',
  },
  'app/quizzes/actions.ts': {
    joinAction: 'joinWithCode',
    startAction: 'startOrResume (takeableQuiz)',
  },
  'app/signup/actions.ts': { signUpAction: 'always a student account' },
  'app/teach/actions.ts': { createClassAction: 'createOwnClass (requireInstructor)' },
  'app/teach/classes/[classId]/actions.ts': {
    rotateCodeAction: 'rotateJoinCode (managedClass)',
    removeMemberAction: 'removeFromRoster (managedClass)',
  },
  'app/teach/quizzes/actions.ts': {
    saveQuizAction: 'createOwnQuiz / updateOwnQuiz (managedClass / managedQuiz)',
    previewSlotAction: 'instructors only',
    setStatusAction: 'setOwnQuizStatus (managedQuiz)',
    deleteQuizAction: 'deleteOwnQuiz (managedQuiz)',
    regradeAction: 'regradeQuiz (managedQuiz)',
  },
};

function actionsFilesOnDisk(dir = 'app'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...actionsFilesOnDisk(full));
    else if (/^actions\.(ts|tsx|js)$/.test(entry.name)) found.push(full.split(path.sep).join('/'));
  }
  return found.sort();
}

describe('the list of server actions', () => {
  test('names every actions file under app/', () => {
    expect(Object.keys(ACTION_MODULES).sort()).toEqual(actionsFilesOnDisk());
    expect(Object.keys(ACTIONS).sort()).toEqual(actionsFilesOnDisk());
  });

  test('names every action each file exports', () => {
    for (const [file, mod] of Object.entries(ACTION_MODULES)) {
      const exported = Object.keys(mod)
        .filter((name) => typeof mod[name] === 'function')
        .sort();
      expect(exported, file).toEqual(Object.keys(ACTIONS[file]!).sort());
    }
  });
});

// --- The world ---------------------------------------------------------------------------

const ACTORS = ['anonymous', 'S1', 'S2', 'A', 'B', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Person = Exclude<Actor, 'anonymous'>;
const PASSWORD = 'authz-service-password';

type World = {
  users: Record<Person, UserDto>;
  classA: { id: string; joinCode: string };
  classB: { id: string; joinCode: string };
  quizA: string;
  draftA: string;
  quizB: string;
  s1Done: string;
  s1Open: string;
  s2Done: string;
};

let serial = 0;
async function buildWorld(): Promise<World> {
  serial += 1;
  const hash = await hashPassword(PASSWORD);
  const make = (key: string, role: UserDto['role']) =>
    createUser({
      email: `authz-${key}-${serial}@example.com`,
      name: key,
      passwordHash: hash,
      role,
    });
  const users = {
    A: await make('a', 'instructor'),
    B: await make('b', 'instructor'),
    S1: await make('s1', 'student'),
    S2: await make('s2', 'student'),
    admin: await make('admin', 'admin'),
  };
  const settings = { ...baseSettings, attemptsAllowed: 5 };
  const classA = await createOwnClass(users.A, 'Class A');
  const classB = await createOwnClass(users.B, 'Class B');
  const quizA = await createOwnQuiz(
    users.A,
    classA.id,
    { ...settings, title: 'Quiz A' },
    choiceSlots,
  );
  const draftA = await createOwnQuiz(
    users.A,
    classA.id,
    { ...settings, title: 'Draft A' },
    choiceSlots,
  );
  const quizB = await createOwnQuiz(
    users.B,
    classB.id,
    { ...settings, title: 'Quiz B' },
    choiceSlots,
  );
  await setOwnQuizStatus(users.A, quizA.id, 'published');
  await setOwnQuizStatus(users.B, quizB.id, 'published');
  await joinWithCode(users.S1, classA.joinCode);
  await joinWithCode(users.S2, classB.joinCode);
  const now = new Date();
  const s1Done = await startOrResume(users.S1, quizA.id, now);
  await submitOwnAttempt(users.S1, s1Done, now);
  const s1Open = await startOrResume(users.S1, quizA.id, now);
  const s2Done = await startOrResume(users.S2, quizB.id, now);
  await submitOwnAttempt(users.S2, s2Done, now);
  return {
    users,
    classA: { id: classA.id, joinCode: classA.joinCode },
    classB: { id: classB.id, joinCode: classB.joinCode },
    quizA: quizA.id,
    draftA: draftA.id,
    quizB: quizB.id,
    s1Done,
    s1Open,
    s2Done,
  };
}

/** The actor as the service sees them (re-read: roles and session versions change). */
async function as(w: World, actor: Actor): Promise<UserDto | null> {
  if (actor === 'anonymous') {
    ctx.sessionToken = null;
    return null;
  }
  const user = (await findUserById(w.users[actor].id))!;
  // A genuine session: a server-side session row and its cookie (lib/auth/session-token.ts).
  ctx.sessionToken = (await newSessionCookie(user))!.value;
  return user;
}

/** 'ok' or the ClassroomError/AuthorizationError code a call ends with. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
}

/** Runs `call` as every actor and returns what each got. */
async function matrix(
  w: World,
  call: (user: UserDto | null, actor: Actor) => Promise<unknown>,
  actors: readonly Actor[] = ACTORS,
): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const actor of actors)
    seen[actor] = await outcome(async () => call(await as(w, actor), actor));
  return seen;
}

/** Managed by A (and admins); B does not see it exists; students are not instructors. */
const MANAGED_BY_A = {
  anonymous: 'unauthenticated',
  S1: 'forbidden',
  S2: 'forbidden',
  A: 'ok',
  B: 'not_found',
  admin: 'ok',
};
/** S1's own attempt: nobody else finds it. */
const OWN_BY_S1 = {
  anonymous: 'unauthenticated',
  S1: 'ok',
  S2: 'not_found',
  A: 'not_found',
  B: 'not_found',
  admin: 'not_found',
};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** An action's result, or where its redirect pointed. */
async function run<T>(action: () => Promise<T>): Promise<T | { redirectTo: string }> {
  try {
    return await action();
  } catch (error) {
    const to = (error as { redirectTo?: string }).redirectTo;
    if (to) return { redirectTo: to };
    throw error;
  }
}

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  const it = useDatabase(provider, available);
  let w: World;
  beforeAll(async () => {
    if (available) w = await buildWorld();
  }, 120_000);

  describe('the classroom service behind the instructor actions', () => {
    it('reads of class A and quiz A: its instructor and admins only', async () => {
      const now = new Date();
      expect(await matrix(w, (u) => managedClass(u, w.classA.id))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => managedQuiz(u, w.quizA))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => managedQuiz(u, w.draftA))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => roster(u, w.classA.id))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => quizzesOfClass(u, w.classA.id))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => previewQuiz(u, w.quizA, 'en'))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => quizResults(u, w.quizA, now))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => gradebook(u, w.classA.id, now))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => gradebookCsv(u, w.classA.id, now))).toEqual(MANAGED_BY_A);
      expect(await matrix(w, (u) => reviewForInstructor(u, w.s1Done, 'en'))).toEqual(MANAGED_BY_A);
      // …and what A reads of class A holds nobody of class B.
      const a = await as(w, 'A');
      expect((await roster(a, w.classA.id)).members.map((m) => m.userId)).toEqual([w.users.S1.id]);
      const csv = await gradebookCsv(a, w.classA.id, now);
      expect(csv).toContain(w.users.S1.email);
      expect(csv).not.toContain(w.users.S2.email);
      // The mirror image: class B is B's.
      expect(await matrix(w, (u) => gradebook(u, w.classB.id, now))).toEqual({
        ...MANAGED_BY_A,
        A: 'not_found',
        B: 'ok',
      });
    });

    it('changes to class A and its quizzes: refused to all but A and admins, and nothing changes', async () => {
      const refusers = ['anonymous', 'S1', 'S2', 'B'] as const;
      const refused = Object.fromEntries(refusers.map((a) => [a, MANAGED_BY_A[a]]));
      const before = {
        cls: await findClass(w.classA.id),
        draft: await findQuiz(w.draftA),
        quiz: await findQuiz(w.quizA),
        members: (await roster(w.users.A, w.classA.id)).members,
        attempt: await findAttempt(w.s1Done),
      };
      const tries: [string, (u: UserDto | null) => Promise<unknown>][] = [
        ['rotateJoinCode', (u) => rotateJoinCode(u, w.classA.id)],
        ['archiveOwnClass', (u) => archiveOwnClass(u, w.classA.id, true)],
        ['removeFromRoster', (u) => removeFromRoster(u, w.classA.id, w.users.S1.id)],
        ['createOwnQuiz', (u) => createOwnQuiz(u, w.classA.id, baseSettings, choiceSlots)],
        [
          'updateOwnQuiz',
          (u) => updateOwnQuiz(u, w.draftA, { ...baseSettings, title: 'Taken over' }, choiceSlots),
        ],
        ['setOwnQuizStatus', (u) => setOwnQuizStatus(u, w.draftA, 'published')],
        ['deleteOwnQuiz', (u) => deleteOwnQuiz(u, w.quizA)],
        ['regradeQuiz', (u) => regradeQuiz(u, w.quizA)],
      ];
      for (const [name, call] of tries) {
        expect(await matrix(w, call, refusers), name).toEqual(refused);
      }
      expect(await findClass(w.classA.id)).toEqual(before.cls);
      expect(await findQuiz(w.draftA)).toEqual(before.draft);
      expect(await findQuiz(w.quizA)).toEqual(before.quiz);
      expect((await roster(w.users.A, w.classA.id)).members).toEqual(before.members);
      expect(await findAttempt(w.s1Done)).toEqual(before.attempt);
    });

    it('A and an admin may change class A’s quizzes', async () => {
      for (const actor of ['A', 'admin'] as const) {
        const u = await as(w, actor);
        const quiz = await createOwnQuiz(
          u,
          w.classA.id,
          { ...baseSettings, title: actor },
          choiceSlots,
        );
        await updateOwnQuiz(u, quiz.id, { ...baseSettings, title: `${actor} 2` }, choiceSlots);
        await setOwnQuizStatus(u, quiz.id, 'published');
        await setOwnQuizStatus(u, quiz.id, 'draft');
        expect(await regradeQuiz(u, w.quizA)).toMatchObject({ attempts: 1 });
        await deleteOwnQuiz(u, quiz.id);
        expect(await findQuiz(quiz.id)).toBeNull();
      }
    });
  });

  describe('the classroom service behind the student actions and routes', () => {
    it('S1’s attempts are S1’s alone', async () => {
      const now = new Date();
      expect(await matrix(w, (u) => attemptForStudent(u, w.s1Open, 'en', now))).toEqual(OWN_BY_S1);
      expect(await matrix(w, (u) => reviewOwnAttempt(u, w.s1Done, 'en', now))).toEqual(OWN_BY_S1);
      // Submitting a submitted attempt returns it as it is.
      expect(await matrix(w, (u) => submitOwnAttempt(u, w.s1Done, now))).toEqual(OWN_BY_S1);
      // Starting quiz A resumes S1's open attempt; nobody else is on class A's roster.
      const starts: Record<string, string> = {};
      expect(
        await matrix(w, async (u, actor) => (starts[actor] = await startOrResume(u, w.quizA, now))),
      ).toEqual(OWN_BY_S1);
      expect(starts.S1).toBe(w.s1Open);
      // A draft is not takeable by anyone, its instructor included.
      expect(await matrix(w, (u) => startOrResume(u, w.draftA, now))).toEqual({
        ...OWN_BY_S1,
        S1: 'not_found',
      });
    });

    it('only S1 saves into S1’s attempt; the others write nothing', async () => {
      const { questions } = await keyOf(w.s1Open);
      const response = correctResponse(questions[0]!);
      const save = (u: UserDto | null, clientRev: number) =>
        saveResponse(u, { attemptId: w.s1Open, position: 0, response, clientRev }, new Date());
      let rev = 1;
      expect(
        await matrix(w, (u) => save(u, rev++), ['anonymous', 'S2', 'A', 'B', 'admin']),
      ).toEqual({
        anonymous: 'unauthenticated',
        S2: 'not_found',
        A: 'not_found',
        B: 'not_found',
        admin: 'not_found',
      });
      expect((await findAttempt(w.s1Open))!.answers).toEqual([]);
      expect(await matrix(w, (u) => save(u, 100), ['S1'])).toEqual({ S1: 'ok' });
      expect((await findAttempt(w.s1Open))!.answers).toHaveLength(1);
    });

    it('joining with a code: signed in, not one’s own class', async () => {
      // B joining class A as a student is allowed (instructors may take courses too); A
      // cannot join their own class.
      expect(
        await matrix(w, (u) => joinWithCode(u, w.classB.joinCode), ['anonymous', 'B', 'S2']),
      ).toEqual({ anonymous: 'unauthenticated', B: 'refused', S2: 'ok' });
      expect(await matrix(w, (u) => joinWithCode(u, 'NOSUCHCODE'), ['S1'])).toEqual({
        S1: 'not_found',
      });
    });
  });

  describe('the actions themselves, as each actor', () => {
    it('setRoleAction (requireRole admin): refused to everyone but an admin; nothing changes', async () => {
      const target = w.users.S2;
      const guard: Record<string, string> = {};
      const results: Record<string, unknown> = {};
      for (const actor of ACTORS) {
        await as(w, actor);
        guard[actor] = await outcome(() => requireRole('admin'));
        if (actor === 'admin') continue;
        results[actor] = await adminActions.setRoleAction(
          { status: 'idle' },
          form({ userId: target.id, role: 'admin' }),
        );
        expect((await findUserById(target.id))!.role, actor).toBe('student');
      }
      expect(guard).toEqual({
        anonymous: 'unauthenticated',
        S1: 'forbidden',
        S2: 'forbidden',
        A: 'forbidden',
        B: 'forbidden',
        admin: 'ok',
      });
      expect(results).toEqual({
        anonymous: { status: 'error', message: 'unauthenticated' },
        S1: { status: 'error', message: 'forbidden' },
        S2: { status: 'error', message: 'forbidden' },
        A: { status: 'error', message: 'forbidden' },
        B: { status: 'error', message: 'forbidden' },
      });
      await as(w, 'admin');
      expect(
        await adminActions.setRoleAction(
          { status: 'idle' },
          form({ userId: target.id, role: 'instructor' }),
        ),
      ).toEqual({ status: 'ok' });
      expect((await findUserById(target.id))!.role).toBe('instructor');
      await setUserRole({ userId: target.id, role: 'student', actorId: w.users.admin.id });
      // A role granted in the session's absence takes effect at once (read from the database).
      await as(w, 'S1');
      await setUserRole({ userId: w.users.S1.id, role: 'admin', actorId: null });
      expect(await outcome(() => requireRole('admin'))).toBe('ok');
      await setUserRole({ userId: w.users.S1.id, role: 'student', actorId: null });
      expect(await outcome(() => requireRole('admin'))).toBe('forbidden');
    });

    it('class actions (create, rotate code, remove member): A and admins on class A only', async () => {
      const code = (await findClass(w.classA.id))!.joinCode;
      for (const actor of ['anonymous', 'S1', 'S2', 'B'] as const) {
        await as(w, actor);
        const rotated = await classActions.rotateCodeAction(
          { status: 'idle' },
          form({ classId: w.classA.id }),
        );
        const removed = await classActions.removeMemberAction(
          { status: 'idle' },
          form({ classId: w.classA.id, userId: w.users.S1.id }),
        );
        expect([rotated.status, removed.status], actor).toEqual(['error', 'error']);
      }
      expect((await findClass(w.classA.id))!.joinCode).toBe(code);
      expect((await roster(w.users.A, w.classA.id)).members.map((m) => m.userId)).toEqual([
        w.users.S1.id,
      ]);

      const created: Record<string, string> = {};
      for (const actor of ACTORS) {
        await as(w, actor);
        const result = await run(() =>
          teachActions.createClassAction({ status: 'idle' }, form({ name: `by ${actor}` })),
        );
        created[actor] = 'redirectTo' in result ? 'created' : (result.status ?? '');
      }
      expect(created).toEqual({
        anonymous: 'error',
        S1: 'error',
        S2: 'error',
        A: 'created',
        B: 'created',
        admin: 'created',
      });

      await as(w, 'A');
      expect(
        (await classActions.rotateCodeAction({ status: 'idle' }, form({ classId: w.classA.id })))
          .status,
      ).toBe('ok');
      expect((await findClass(w.classA.id))!.joinCode).not.toBe(code);
      w.classA.joinCode = (await findClass(w.classA.id))!.joinCode;
    });

    it('quiz actions (save, publish, delete, regrade, preview a slot): A and admins on quiz A only', async () => {
      const before = await findQuiz(w.draftA);
      const draftSettings = { ...baseSettings, title: 'Taken over', opensAt: null, closesAt: null };
      const refused: Record<string, string[]> = {};
      for (const actor of ['anonymous', 'S1', 'S2', 'B'] as const) {
        await as(w, actor);
        const results = [
          await teachQuizActions.saveQuizAction({
            target: { quizId: w.draftA },
            settings: draftSettings,
            slots: choiceSlots,
          }),
          await teachQuizActions.saveQuizAction({
            target: { classId: w.classA.id },
            settings: draftSettings,
            slots: choiceSlots,
          }),
          await teachQuizActions.setStatusAction(
            { status: 'idle' },
            form({ quizId: w.draftA, status: 'published' }),
          ),
          await run(() =>
            teachQuizActions.deleteQuizAction(
              { status: 'idle' },
              form({ quizId: w.draftA, classId: w.classA.id }),
            ),
          ),
          await teachQuizActions.regradeAction({ status: 'idle' }, form({ quizId: w.quizA })),
        ];
        refused[actor] = results.map((r) => ('status' in r ? r.status : 'redirected'));
      }
      expect(refused).toEqual(
        Object.fromEntries(['anonymous', 'S1', 'S2', 'B'].map((a) => [a, Array(5).fill('error')])),
      );
      expect(await findQuiz(w.draftA)).toEqual(before);
      expect(await quizzesOfClass(w.users.A, w.classA.id)).toHaveLength(2);

      // A slot preview carries its key: instructors only.
      const slot = { template: 'next-state', seed: 1, difficulty: 1 };
      const previews: Record<string, string> = {};
      for (const actor of ACTORS) {
        await as(w, actor);
        previews[actor] = (await teachQuizActions.previewSlotAction(slot)).status;
      }
      expect(previews).toEqual({
        anonymous: 'error',
        S1: 'error',
        S2: 'error',
        A: 'ok',
        B: 'ok',
        admin: 'ok',
      });

      for (const actor of ['A', 'admin'] as const) {
        await as(w, actor);
        const saved = await teachQuizActions.saveQuizAction({
          target: { classId: w.classA.id },
          settings: { ...draftSettings, title: `by ${actor}` },
          slots: choiceSlots,
        });
        expect(saved.status, actor).toBe('ok');
        const quizId = (saved as { quizId: string }).quizId;
        expect(
          (
            await teachQuizActions.setStatusAction(
              { status: 'idle' },
              form({ quizId, status: 'published' }),
            )
          ).status,
        ).toBe('ok');
        expect(
          (await teachQuizActions.regradeAction({ status: 'idle' }, form({ quizId: w.quizA })))
            .status,
        ).toBe('ok');
        expect(
          await run(() =>
            teachQuizActions.deleteQuizAction(
              { status: 'idle' },
              form({ quizId, classId: w.classA.id }),
            ),
          ),
        ).toEqual({ redirectTo: `/teach/classes/${w.classA.id}` });
        expect(await findQuiz(quizId)).toBeNull();
      }
    });

    it('student quiz actions (join, start): the session’s user, on their own classes', async () => {
      const started: Record<string, unknown> = {};
      for (const actor of ACTORS) {
        await as(w, actor);
        started[actor] = await run(() =>
          quizzesActions.startAction({ status: 'idle' }, form({ quizId: w.quizA })),
        );
      }
      expect(started).toEqual({
        anonymous: { status: 'error', code: 'unauthenticated' },
        S1: { redirectTo: `/quizzes/attempts/${w.s1Open}` },
        S2: { status: 'error', code: 'not_found' },
        A: { status: 'error', code: 'not_found' },
        B: { status: 'error', code: 'not_found' },
        admin: { status: 'error', code: 'not_found' },
      });
      await as(w, 'anonymous');
      expect(
        await quizzesActions.joinAction({ status: 'idle' }, form({ code: w.classA.joinCode })),
      ).toEqual({
        status: 'error',
        code: 'unauthenticated',
      });
      await as(w, 'A');
      expect(
        await quizzesActions.joinAction({ status: 'idle' }, form({ code: w.classA.joinCode })),
      ).toEqual({
        status: 'error',
        code: 'refused',
      });
    });

    it('account, progress and study actions act on the session’s user only', async () => {
      // A password change needs a session, and changes only the caller's password.
      await as(w, 'anonymous');
      expect(
        await accountActions.changePasswordAction(
          { status: 'idle' },
          form({ current: PASSWORD, next: 'a new password 1', confirm: 'a new password 1' }),
        ),
      ).toMatchObject({ status: 'error', field: null });
      const s2Hash = await findPasswordHash(w.users.S2.id);
      await as(w, 'S1');
      expect(
        await accountActions.changePasswordAction(
          { status: 'idle' },
          form({ current: PASSWORD, next: 'a new password 1', confirm: 'a new password 1' }),
        ),
      ).toMatchObject({ status: 'ok' });
      expect(await findPasswordHash(w.users.S2.id)).toBe(s2Hash);

      // Visitors get nothing of anyone's; the signed-in get their own.
      await as(w, 'anonymous');
      expect(await meActions.progressAction({ utcOffsetMinutes: 0 })).toBeNull();
      expect(await flashcardActions.statsAction({ utcOffsetMinutes: 0 })).toBeNull();
      expect(await flashcardActions.setRetentionAction(0.8)).toEqual({ ok: false });
      expect(await mergeActions.mergeVisitorProgressAction({})).toEqual({
        ok: false,
        error: 'signed-out',
      });

      // A practice answer is stored for the caller, never for a visitor.
      // (Each to a question the server issued to that caller: app/practice/ticket.ts.)
      const named = { template: 'next-state', seed: 7, difficulty: 1, locale: 'en' } as const;
      const question = generateQuestion(named.template, named);
      const issue = (holder: TicketHolder) =>
        sealTicket(named, holder, serverKey('practice-ticket'), new Date());
      const response = correctResponse(question);
      await as(w, 'anonymous');
      expect(
        await practiceActions.answerAction({
          ticket: await issue({ visitor: 'v-visitor-0001' }),
          visitorKey: 'v-visitor-0001',
          response,
        }),
      ).toMatchObject({ ok: true, saved: false });
      await as(w, 'S2');
      const s2Ticket = await issue({ user: w.users.S2.id });
      expect(await practiceActions.answerAction({ ticket: s2Ticket, response })).toMatchObject({
        ok: true,
        saved: true,
      });
      await as(w, 'S1');
      expect(await practiceActions.answerAction({ ticket: s2Ticket, response })).toMatchObject({
        ok: false,
        error: 'ticket',
        reason: 'foreign',
      });
      await as(w, 'S2');
      expect(await listRecentAnswers(w.users.S2.id, 10)).toHaveLength(1);
      expect(await listRecentAnswers(w.users.S1.id, 10)).toHaveLength(0);
      expect((await meActions.progressAction({ utcOffsetMinutes: 0 }))!.recentAnswers).toHaveLength(
        1,
      );
      await as(w, 'S1');
      expect((await meActions.progressAction({ utcOffsetMinutes: 0 }))!.recentAnswers).toHaveLength(
        0,
      );
      const next = await practiceActions.nextQuestionAction({ topics: [], difficulty: 1 });
      expect(next.ok).toBe(true);
      expect(JSON.stringify(next)).not.toMatch(/"answer"|"explanation"|"misconceptions"/);

      // Flashcard ratings, undo and the retention setting: the caller's own.
      const session = { desiredRetention: 0.9, utcOffsetMinutes: 0 };
      const s1Retention = await getDesiredRetention(w.users.S1.id);
      await as(w, 'S2');
      const first = await flashcardActions.sessionAction(session);
      expect(first.ok && first.card).toBeTruthy();
      const cardId = (first as { card: { id: string } }).card.id;
      expect(await flashcardActions.rateAction({ ...session, cardId, rating: 3 })).toMatchObject({
        ok: true,
      });
      expect(await flashcardActions.setRetentionAction(0.8)).toEqual({ ok: true });
      await as(w, 'S1');
      await flashcardActions.undoAction(session);
      expect(await listFlashcardStates(w.users.S2.id)).toHaveLength(1);
      expect(await listFlashcardStates(w.users.S1.id)).toHaveLength(0);
      expect(await getDesiredRetention(w.users.S1.id)).toBe(s1Retention);
      expect(await getDesiredRetention(w.users.S2.id)).toBe(0.8);
      expect((await flashcardActions.statsAction({ utcOffsetMinutes: 0 }))!.retention.total).toBe(
        0,
      );
    });

    it('signUpAction makes a student, whatever role the form claims', async () => {
      await as(w, 'admin');
      const email = `authz-signup-${provider}@example.com`;
      expect(
        await signupActions.signUpAction(
          { status: 'idle' },
          form({ name: 'New', email, password: 'long enough password', role: 'admin' }),
        ),
      ).toEqual({ status: 'ok' });
      const { findUserByEmail } = await import('@/lib/db');
      expect((await findUserByEmail(email))!.role).toBe('student');
    });
  });
});
