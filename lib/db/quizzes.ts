// Data access for quizzes and their slots. Rows are parsed back through lib/quiz's schemas,
// so a quiz leaves this module as the same typed settings it was saved as.
import 'server-only';
import {
  GRADING_METHODS,
  QUIZ_STATUSES,
  REVIEW_WHEN,
  deadlineFor,
  slotSpecSchema,
  type QuizSettings,
  type QuizStatus,
  type SlotSpec,
} from '@/lib/quiz';
import { db } from './client';

export type QuizDto = QuizSettings & {
  id: string;
  classId: string;
  /** The instructor who owns the quiz's class. */
  ownerId: string;
  status: QuizStatus;
  createdAt: Date;
  updatedAt: Date;
  slots: SlotSpec[];
};

/**
 * What decides a student's access to a quiz and their attempts at it (lib/classroom's
 * studentReach): the quiz's status, whether its class is archived, and whether the student is
 * on its roster now.
 */
export type QuizReachFacts = { status: string; archived: boolean; member: boolean };

export class QuizLockedError extends Error {
  override name = 'QuizLockedError';
  constructor() {
    super('students have attempted this quiz: only points and settings may change');
  }
}

const quizSelect = {
  id: true,
  classId: true,
  title: true,
  description: true,
  status: true,
  timeLimitSec: true,
  opensAt: true,
  closesAt: true,
  attemptsAllowed: true,
  gradingMethod: true,
  shuffle: true,
  reviewWhen: true,
  reviewAnswers: true,
  reviewExplanation: true,
  createdAt: true,
  updatedAt: true,
  class: { select: { ownerId: true } },
  slots: {
    orderBy: { position: 'asc' },
    select: {
      kind: true,
      template: true,
      topic: true,
      difficulty: true,
      count: true,
      seed: true,
      points: true,
    },
  },
} as const;

type SlotRow = {
  kind: string;
  template: string | null;
  topic: string | null;
  difficulty: number;
  count: number;
  seed: number | null;
  points: number;
};

/**
 * Seeds are unsigned 32-bit (hashSeed's range) but QuizSlot.seed is a signed 32-bit INTEGER
 * on PostgreSQL: stored as the same 32 bits read signed, read back unsigned.
 */
const toInt32 = (seed: number) => seed | 0;
const fromInt32 = (stored: number) => stored >>> 0;

function slotFromRow(row: SlotRow): SlotSpec {
  const value =
    row.kind === 'fixed'
      ? {
          kind: 'fixed',
          template: row.template,
          seed: row.seed === null ? null : fromInt32(row.seed),
          difficulty: row.difficulty,
          points: row.points,
        }
      : {
          kind: 'random',
          template: row.template,
          topic: row.topic,
          difficulty: row.difficulty,
          count: row.count,
          points: row.points,
        };
  return slotSpecSchema.parse(value);
}

function slotToRow(slot: SlotSpec, position: number) {
  return slot.kind === 'fixed'
    ? {
        position,
        kind: slot.kind,
        template: slot.template,
        topic: null,
        difficulty: slot.difficulty,
        count: 1,
        seed: toInt32(slot.seed),
        points: slot.points,
      }
    : {
        position,
        kind: slot.kind,
        template: slot.template,
        topic: slot.topic,
        difficulty: slot.difficulty,
        count: slot.count,
        seed: null,
        points: slot.points,
      };
}

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`stored quiz has an unknown ${what}: ${value}`);
}

type QuizRow = {
  id: string;
  classId: string;
  title: string;
  description: string;
  status: string;
  timeLimitSec: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  attemptsAllowed: number;
  gradingMethod: string;
  shuffle: boolean;
  reviewWhen: string;
  reviewAnswers: boolean;
  reviewExplanation: boolean;
  createdAt: Date;
  updatedAt: Date;
  class: { ownerId: string };
  slots: SlotRow[];
};

function toDto(row: QuizRow): QuizDto {
  const { class: owner, slots, ...rest } = row;
  return {
    ...rest,
    ownerId: owner.ownerId,
    status: oneOf(QUIZ_STATUSES, row.status, 'status'),
    gradingMethod: oneOf(GRADING_METHODS, row.gradingMethod, 'grading method'),
    reviewWhen: oneOf(REVIEW_WHEN, row.reviewWhen, 'review policy'),
    slots: slots.map(slotFromRow),
  };
}

export async function createQuiz(input: {
  classId: string;
  settings: QuizSettings;
  slots: readonly SlotSpec[];
}): Promise<QuizDto> {
  const client = await db();
  const row = await client.quiz.create({
    data: {
      classId: input.classId,
      ...input.settings,
      slots: { create: input.slots.map(slotToRow) },
    },
    select: quizSelect,
  });
  return toDto(row);
}

export async function findQuiz(id: string): Promise<QuizDto | null> {
  const client = await db();
  const row = await client.quiz.findUnique({ where: { id }, select: quizSelect });
  return row ? toDto(row) : null;
}

/**
 * A quiz as a student reaches it, with whether its class is archived and whether the student
 * is on its roster: one call where the quiz page and every start made three.
 */
export async function findQuizForMember(
  id: string,
  userId: string,
): Promise<{ quiz: QuizDto; archived: boolean; member: boolean } | null> {
  const client = await db();
  const row = await client.quiz.findUnique({
    where: { id },
    select: {
      ...quizSelect,
      class: {
        select: {
          ownerId: true,
          archived: true,
          members: { where: { userId }, select: { id: true }, take: 1 },
        },
      },
    },
  });
  if (!row) return null;
  return {
    quiz: toDto(row),
    archived: row.class.archived,
    member: row.class.members.length > 0,
  };
}

export async function listQuizzesOfClass(classId: string): Promise<QuizDto[]> {
  const client = await db();
  const rows = await client.quiz.findMany({
    where: { classId },
    orderBy: { createdAt: 'asc' },
    select: quizSelect,
  });
  return rows.map(toDto);
}

/** Published quizzes of the classes a student is on. */
export async function listQuizzesForStudent(
  userId: string,
): Promise<(QuizDto & { className: string })[]> {
  const client = await db();
  const rows = await client.quiz.findMany({
    where: { status: 'published', class: { archived: false, members: { some: { userId } } } },
    // Soonest closing first and open-ended last on both providers (SQLite sorts NULL first).
    orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    select: { ...quizSelect, class: { select: { ownerId: true, name: true } } },
  });
  return rows.map((row) => ({ ...toDto(row), className: row.class.name }));
}

/**
 * Saves settings and slots. Once a student has an attempt, the questions are fixed (their
 * layouts point at slots); only settings and points may change, and points need a regrade.
 */
export async function updateQuiz(
  id: string,
  settings: QuizSettings,
  slots: readonly SlotSpec[],
): Promise<{ quiz: QuizDto; pointsChanged: boolean }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const current = await tx.quiz.findUniqueOrThrow({ where: { id }, select: quizSelect });
    const attempts = await tx.quizAttempt.count({ where: { quizId: id } });
    const before = current.slots.map(slotFromRow);
    let pointsChanged = false;
    if (attempts > 0) {
      const sameQuestions =
        before.length === slots.length &&
        before.every(
          (b, i) =>
            JSON.stringify({ ...b, points: 0 }) === JSON.stringify({ ...slots[i]!, points: 0 }),
        );
      if (!sameQuestions) throw new QuizLockedError();
      pointsChanged = before.some((b, i) => b.points !== slots[i]!.points);
      for (const [position, slot] of slots.entries()) {
        await tx.quizSlot.update({
          where: { quizId_position: { quizId: id, position } },
          data: { points: slot.points },
        });
      }
    } else {
      await tx.quizSlot.deleteMany({ where: { quizId: id } });
      await tx.quizSlot.createMany({
        data: slots.map((s, i) => ({ ...slotToRow(s, i), quizId: id })),
      });
    }
    const row = await tx.quiz.update({ where: { id }, data: settings, select: quizSelect });
    // Attempts in progress follow the quiz's current time limit and close time: closing the
    // quiz ends them at the close, extending it gives back time the old close cut off.
    const open = await tx.quizAttempt.findMany({
      where: { quizId: id, status: 'in_progress' },
      select: { id: true, startedAt: true, deadline: true },
    });
    for (const attempt of open) {
      const due = deadlineFor(settings, attempt.startedAt);
      // Never before the start: a close time moved into the past ends the attempt at once.
      const deadline = due && due.getTime() < attempt.startedAt.getTime() ? attempt.startedAt : due;
      if (deadline?.getTime() === attempt.deadline?.getTime()) continue;
      await tx.quizAttempt.updateMany({
        where: { id: attempt.id, status: 'in_progress' },
        data: { deadline },
      });
    }
    return { quiz: toDto(row), pointsChanged };
  });
}

export async function setQuizStatus(id: string, status: QuizStatus): Promise<void> {
  const client = await db();
  await client.quiz.update({ where: { id }, data: { status } });
}

export async function deleteQuiz(id: string): Promise<void> {
  const client = await db();
  await client.quiz.delete({ where: { id } });
}
