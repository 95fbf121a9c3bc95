// The quiz flow of the load test, for many simulated students at once: sign in (spread over
// a few minutes, as a class arrives), open the quiz and start within the same minute (the
// burst), autosave each answer after some think time, then submit.
import { BrowserSession } from './browser-session';
import { LOAD_PASSWORD, type LoadStudent } from './fixture';
import { StepStats } from './stats';

export const STEPS = [
  'csrf',
  'sign-in',
  'open quiz',
  'start',
  'attempt page',
  'attempt data',
  'autosave',
  'submit',
] as const;
export type Step = (typeof STEPS)[number];
export type FlowStats = Record<Step, StepStats>;

export type FlowOptions = {
  /** One base URL per app instance. */
  baseUrls: readonly string[];
  /**
   * sticky: student i stays on instance i mod n; rotate: each student's successive requests
   * go to successive instances (no session affinity at all).
   */
  routing: 'sticky' | 'rotate';
  quizId: string;
  signInSpreadSec: number;
  /** Every student opens and starts the quiz within this many seconds. */
  burstSec: number;
  /** Think time before each autosave, uniform in [min, max] seconds. */
  thinkSec: [number, number];
  /** A deterministic PRNG for offsets and think times (the driver's, not the app's). */
  random: () => number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function emptyStats(): FlowStats {
  return Object.fromEntries(STEPS.map((s) => [s, new StepStats()])) as FlowStats;
}

export type Student = LoadStudent & { session: BrowserSession; attemptId: string | null };

export function makeStudents(students: readonly LoadStudent[], options: FlowOptions): Student[] {
  return students.map((s, i) => ({
    ...s,
    // 10.x.y.z: one address per student, as if each came from their own network.
    session: new BrowserSession(
      options.routing === 'rotate'
        ? options.baseUrls
        : [options.baseUrls[i % options.baseUrls.length]!],
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ),
    attemptId: null,
  }));
}

export async function signInAll(
  students: Student[],
  stats: FlowStats,
  options: FlowOptions,
): Promise<void> {
  await Promise.all(
    students.map(async (student) => {
      await sleep(options.random() * options.signInSpreadSec * 1000);
      const csrf = await student.session.request(stats.csrf, 'GET', '/api/auth/csrf');
      const token = (csrf.body as { csrfToken?: string } | null)?.csrfToken ?? '';
      await student.session.request(
        stats['sign-in'],
        'POST',
        '/api/auth/callback/credentials',
        {
          form: {
            csrfToken: token,
            email: student.email,
            password: LOAD_PASSWORD,
            json: 'true',
            callbackUrl: '/',
          },
        },
        // Success is the session cookie, not only the status: NextAuth reports a failed
        // sign-in with a 200/302 whose URL names the error.
        (status) => status < 400 && student.session.hasCookie('session-token'),
      );
    }),
  );
}

export async function startBurst(
  students: Student[],
  stats: FlowStats,
  options: FlowOptions,
): Promise<void> {
  await Promise.all(
    students.map(async (student) => {
      await sleep(options.random() * options.burstSec * 1000);
      await student.session.request(stats['open quiz'], 'GET', `/quizzes/${options.quizId}`);
      const started = await student.session.request(
        stats.start,
        'POST',
        `/api/quizzes/${options.quizId}/attempts`,
        { json: {} },
      );
      const id = (started.body as { attemptId?: string } | null)?.attemptId;
      if (!id) return;
      student.attemptId = id;
      await student.session.request(stats['attempt page'], 'GET', `/quizzes/attempts/${id}`);
      // The page's script then loads the questions, as a browser does.
      await student.session.request(stats['attempt data'], 'GET', `/api/attempts/${id}?locale=en`);
    }),
  );
}

/** Saves every answer once after think time, then revises two of them, as people do. */
export async function autosaveAll(
  students: Student[],
  responses: Map<string, unknown[]>,
  stats: FlowStats,
  options: FlowOptions,
): Promise<void> {
  const [lo, hi] = options.thinkSec;
  await Promise.all(
    students.map(async (student) => {
      const mine = responses.get(student.userId);
      if (!student.attemptId || !mine) return;
      const order = [...mine.keys(), 0, mine.length - 1];
      let rev = 0;
      for (const position of order) {
        await sleep((lo + options.random() * (hi - lo)) * 1000);
        rev += 1;
        await student.session.request(
          stats.autosave,
          'POST',
          `/api/attempts/${student.attemptId}/answers`,
          {
            json: { position, response: mine[position], clientRev: rev },
          },
        );
      }
    }),
  );
}

export async function submitAll(
  students: Student[],
  stats: FlowStats,
  options: FlowOptions,
  spreadSec: number,
): Promise<void> {
  await Promise.all(
    students.map(async (student) => {
      if (!student.attemptId) return;
      await sleep(options.random() * spreadSec * 1000);
      await student.session.request(
        stats.submit,
        'POST',
        `/api/attempts/${student.attemptId}/submit`,
        { json: {} },
      );
    }),
  );
}
