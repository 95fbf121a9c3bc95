// Classes and quizzes for the quiz e2e tests, made through the classroom service on the e2e
// app's database (the instructor pages are built separately), and the answer keys the
// browser must not see before submitting.
import { inject } from 'vitest';
import type * as ClassroomModule from '@/lib/classroom';
import type * as DbModule from '@/lib/db';

type Classroom = typeof ClassroomModule;
type Db = typeof DbModule;

let loaded: Promise<{ classroom: Classroom; db: Db }> | null = null;

/** lib/db reads DATABASE_URL when it first connects: set it before importing. */
function modules() {
  if (!loaded) {
    process.env.DATABASE_URL = inject('databaseUrl');
    loaded = Promise.all([import('@/lib/classroom'), import('@/lib/db')]).then(
      ([classroom, db]) => ({ classroom, db }),
    );
  }
  return loaded;
}

export type QuizOptions = {
  title: string;
  timeLimitSec?: number | null;
  closesAt?: Date | null;
  reviewWhen?: 'immediately' | 'after_close' | 'never';
  attemptsAllowed?: number;
  /**
   * `random`: the same three templates in random slots, so each student's seeds are the
   * server's keyed choice (the payload search looks for them); `fixed` (default): seeds 1-3.
   */
  slots?: 'fixed' | 'random';
};

/** Three fixed questions, one of each common kind: a choice, a number, header fields. */
const SLOTS = [
  { kind: 'fixed', template: 'next-state', seed: 1, difficulty: 1, points: 2 },
  { kind: 'fixed', template: 'seq-ack-numbers', seed: 2, difficulty: 1, points: 1 },
  { kind: 'fixed', template: 'next-segment', seed: 3, difficulty: 1, points: 1 },
] as const;
const RANDOM_SLOTS = SLOTS.map(({ template, difficulty, points }) => ({
  kind: 'random' as const,
  template,
  topic: null,
  difficulty,
  count: 1,
  points,
}));

/** The demo instructor's new class with one published quiz; returns its join code and ids. */
export async function createClassWithQuiz(options: QuizOptions) {
  const { classroom, db } = await modules();
  const teacher = await db.findUserByEmail('teacher@ackademy.dev');
  if (!teacher) throw new Error('the demo instructor is missing from the e2e database');
  const cls = await classroom.createOwnClass(teacher, `${options.title} class`);
  const quiz = await classroom.createOwnQuiz(
    teacher,
    cls.id,
    {
      title: options.title,
      description: 'Predict what TCP does next.',
      timeLimitSec: options.timeLimitSec ?? null,
      opensAt: null,
      closesAt: options.closesAt ?? null,
      attemptsAllowed: options.attemptsAllowed ?? 2,
      gradingMethod: 'highest',
      shuffle: false,
      reviewWhen: options.reviewWhen ?? 'immediately',
      reviewAnswers: true,
      reviewExplanation: true,
    },
    options.slots === 'random' ? RANDOM_SLOTS : SLOTS,
  );
  await classroom.setOwnQuizStatus(teacher, quiz.id, 'published');
  return { classId: cls.id, className: cls.name, joinCode: cls.joinCode, quizId: quiz.id };
}

export type KeyedQuestion = {
  position: number;
  kind: string;
  answer: unknown;
  explanation: string;
  misconceptions: Record<string, string>;
};

/** The full questions of an attempt, keys included, as the server generates them. */
export async function attemptKeys(attemptId: string, locale: 'en' | 'zh' = 'en') {
  const { classroom, db } = await modules();
  const attempt = await db.findAttempt(attemptId);
  if (!attempt) throw new Error(`no attempt ${attemptId}`);
  const layout = classroom.parseLayout(attempt.layout);
  return layout.map((item, position): KeyedQuestion => {
    const q = classroom.questionFor(item, locale);
    return {
      position,
      kind: q.kind,
      answer: q.answer,
      explanation: q.explanation,
      misconceptions: (q.misconceptions ?? {}) as Record<string, string>,
    };
  });
}

/** The attempt's questions exactly as the server generated them (stems, options, keys). */
export async function attemptQuestions(attemptId: string, locale: 'en' | 'zh' = 'en') {
  const { classroom, db } = await modules();
  const attempt = await db.findAttempt(attemptId);
  if (!attempt) throw new Error(`no attempt ${attemptId}`);
  return classroom.parseLayout(attempt.layout).map((item) => classroom.questionFor(item, locale));
}

/** The attempt's layout as stored: templates and seeds (never sent to its student). */
export async function attemptLayout(attemptId: string) {
  const { classroom, db } = await modules();
  const attempt = await db.findAttempt(attemptId);
  if (!attempt) throw new Error(`no attempt ${attemptId}`);
  return classroom.parseLayout(attempt.layout);
}

/** The demo instructor removes a student from the class, or sets the quiz's status. */
export async function asInstructor(
  change:
    { removeStudent: string; classId: string } | { quizId: string; status: 'draft' | 'published' },
) {
  const { classroom, db } = await modules();
  const teacher = await db.findUserByEmail('teacher@ackademy.dev');
  if (!teacher) throw new Error('the demo instructor is missing from the e2e database');
  if ('removeStudent' in change) {
    const student = await db.findUserByEmail(change.removeStudent);
    if (!student) throw new Error(`no user ${change.removeStudent}`);
    await classroom.removeFromRoster(teacher, change.classId, student.id);
  } else {
    await classroom.setOwnQuizStatus(teacher, change.quizId, change.status);
  }
}

export async function storedAttempt(attemptId: string) {
  const { db } = await modules();
  return db.findAttempt(attemptId);
}

export async function closeFixtures() {
  if (loaded) await (await loaded).db.disconnectDb();
}
