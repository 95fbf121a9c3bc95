// Builders for the classroom integration tests: an instructor with a class, students on its
// roster, a published quiz, and the key-derived responses a test needs to answer right or
// wrong (the service hides the key from students, so tests rebuild the questions).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findAttempt, type UserDto } from '@/lib/db';
import { createUser } from '@/lib/db/users';
import {
  createOwnClass,
  createOwnQuiz,
  joinWithCode,
  parseLayout,
  questionFor,
  setOwnQuizStatus,
} from '@/lib/classroom';
import type { QuizSettings, SlotSpec } from '@/lib/quiz';
import type { LayoutItem } from '@/lib/quiz';
import { keyAsResponse, type Question } from '@/lib/questions';
import { createTestDatabase, type Provider, type TestDatabase } from './databases';

// Variants are keyed by a key derived from the session secret (lib/classroom's variantSeed).
process.env.NEXTAUTH_SECRET ??= 'classroom-test-secret-0123456789abcdef';

/** 10:00 UTC on a quiz day; tests pass times relative to it. */
export const T0 = new Date('2026-03-02T10:00:00Z');
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
export const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

export const baseSettings: QuizSettings = {
  title: 'Handshake quiz',
  description: 'Three-way handshake',
  timeLimitSec: null,
  opensAt: null,
  closesAt: null,
  attemptsAllowed: 0,
  gradingMethod: 'highest',
  shuffle: false,
  reviewWhen: 'immediately',
  reviewAnswers: true,
  reviewExplanation: true,
};

/** Two fixed choice questions (1 and 2 points) and a random choice slot of two (3 points each). */
export const choiceSlots: SlotSpec[] = [
  { kind: 'fixed', template: 'next-state', seed: 1, difficulty: 1, points: 1 },
  { kind: 'fixed', template: 'why', seed: 2, difficulty: 1, points: 2 },
  { kind: 'random', template: 'why', topic: null, difficulty: 2, count: 2, points: 3 },
];

let serial = 0;
export async function makeUser(role: UserDto['role'], name?: string): Promise<UserDto> {
  serial += 1;
  const tag = name ?? `${role}${serial}`;
  return createUser({
    email: `${role}-${serial}@example.com`,
    name: tag,
    passwordHash: null,
    role,
  });
}

export type Course = {
  instructor: UserDto;
  students: UserDto[];
  classId: string;
  quizId: string;
};

/** An instructor, a class, `students` joined with its code, and a published quiz. */
export async function course(
  options: {
    students?: number;
    settings?: Partial<QuizSettings>;
    slots?: SlotSpec[];
    publish?: boolean;
  } = {},
): Promise<Course> {
  const instructor = await makeUser('instructor');
  const cls = await createOwnClass(instructor, 'TCP 101');
  const students: UserDto[] = [];
  for (let i = 0; i < (options.students ?? 1); i++) {
    const s = await makeUser('student');
    await joinWithCode(s, cls.joinCode);
    students.push(s);
  }
  const quiz = await createOwnQuiz(
    instructor,
    cls.id,
    { ...baseSettings, ...options.settings },
    options.slots ?? choiceSlots,
  );
  if (options.publish !== false) await setOwnQuizStatus(instructor, quiz.id, 'published');
  return { instructor, students, classId: cls.id, quizId: quiz.id };
}

/** The attempt's layout and full questions (with keys), as the server generates them. */
export async function keyOf(
  attemptId: string,
): Promise<{ layout: LayoutItem[]; questions: Question[] }> {
  const attempt = await findAttempt(attemptId);
  if (!attempt) throw new Error(`no attempt ${attemptId}`);
  const layout = parseLayout(attempt.layout);
  return { layout, questions: layout.map((item) => questionFor(item, 'en')) };
}

/** The response that scores 1 on this question. */
export const correctResponse = keyAsResponse;

/** A response that scores 0 on a choice question: a wrong option, one with a misconception if any. */
export function wrongResponse(question: Question): { option: string } {
  if (question.kind !== 'choice')
    throw new Error(`wrongResponse needs a choice question, got ${question.kind}`);
  const named = Object.keys(question.misconceptions).find((id) => id !== question.answer.option);
  const other = question.options.find((o) => o.id !== question.answer.option)!.id;
  return { option: named ?? other };
}

/** Expects a ClassroomError with this code (and message, when given). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message?: string,
): Promise<void> {
  await expect(promise).rejects.toMatchObject({
    name: 'ClassroomError',
    code,
    ...(message === undefined ? {} : { message }),
  });
}

/**
 * One migrated database per provider for a describe block: created before its first test,
 * dropped after its last. Returns `test`, skipped when the provider is unavailable.
 */
export function useDatabase(provider: Provider, available: boolean) {
  let current: TestDatabase | null = null;
  beforeAll(async () => {
    if (available) current = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await current?.dispose();
    current = null;
  });
  return test.skipIf(!available);
}
