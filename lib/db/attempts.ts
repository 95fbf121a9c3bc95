// Data access for quiz attempts and their answers: the durable part of taking a quiz. Every
// save is one committed transaction; saves and submission serialise on the attempt's row, so
// an acknowledged save is either graded by the submission or refused, never silently lost.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Db } from './client';
import { hitRateLimitIn } from './rate-limits';
import { Prisma } from './generated/sqlite/client';
import { columns, table } from './sql';
import type { QuizReachFacts } from './quizzes';

export type AttemptStatus = 'in_progress' | 'submitted';
export type SubmitKind = 'student' | 'auto';

export type AttemptDto = {
  id: string;
  quizId: string;
  userId: string;
  number: number;
  status: AttemptStatus;
  /** JSON text of the layout; lib/quiz layoutSchema parses it. */
  layout: string;
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  submitKind: SubmitKind | null;
  score: number | null;
  maxScore: number;
};

export type AnswerDto = {
  position: number;
  /** The stored response, parsed from JSON; the grader validates its shape. */
  response: unknown;
  clientRev: number;
  savedAt: Date;
  fraction: number | null;
  misconception: string | null;
};

export type AttemptWithAnswers = AttemptDto & { answers: AnswerDto[] };

/** Grades one stored response (position in the layout) for submission and regrades. */
export type AnswerGrader = (
  position: number,
  response: unknown,
) => { fraction: number; misconception: string | null };

export class AttemptExistsError extends Error {
  override name = 'AttemptExistsError';
}

const attemptSelect = {
  id: true,
  quizId: true,
  userId: true,
  number: true,
  status: true,
  layout: true,
  startedAt: true,
  deadline: true,
  submittedAt: true,
  submitKind: true,
  score: true,
  maxScore: true,
} as const;

const answerSelect = {
  position: true,
  response: true,
  clientRev: true,
  savedAt: true,
  fraction: true,
  misconception: true,
} as const;

type AttemptRow = Omit<AttemptDto, 'status' | 'submitKind'> & {
  status: string;
  submitKind: string | null;
};
type AnswerRow = Omit<AnswerDto, 'response'> & { response: string };

function toAttempt(row: AttemptRow): AttemptDto {
  return {
    ...row,
    status: row.status === 'submitted' ? 'submitted' : 'in_progress',
    submitKind: row.submitKind === 'student' || row.submitKind === 'auto' ? row.submitKind : null,
  };
}

function toAnswer(row: AnswerRow): AnswerDto {
  return { ...row, response: JSON.parse(row.response) as unknown };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Starts attempt `number`. Two tabs starting at once both try the same number; the unique
 * index lets one win and the other gets AttemptExistsError (and resumes the winner's).
 */
export async function createAttempt(input: {
  quizId: string;
  userId: string;
  number: number;
  layout: string;
  startedAt: Date;
  deadline: Date | null;
  maxScore: number;
}): Promise<AttemptDto> {
  const client = await db();
  try {
    return toAttempt(await client.quizAttempt.create({ data: input, select: attemptSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AttemptExistsError('attempt already started');
    throw error;
  }
}

export async function listAttempts(quizId: string, userId: string): Promise<AttemptDto[]> {
  const client = await db();
  const rows = await client.quizAttempt.findMany({
    where: { quizId, userId },
    orderBy: { number: 'asc' },
    select: attemptSelect,
  });
  return rows.map(toAttempt);
}

export async function listQuizAttempts(quizId: string): Promise<AttemptDto[]> {
  const client = await db();
  const rows = await client.quizAttempt.findMany({
    where: { quizId },
    orderBy: [{ userId: 'asc' }, { number: 'asc' }],
    select: attemptSelect,
  });
  return rows.map(toAttempt);
}

/** Every attempt at every quiz of a class, for the gradebook. */
export async function listClassAttempts(classId: string): Promise<AttemptDto[]> {
  const client = await db();
  const rows = await client.quizAttempt.findMany({
    where: { quiz: { classId } },
    orderBy: [{ quizId: 'asc' }, { userId: 'asc' }, { number: 'asc' }],
    select: attemptSelect,
  });
  return rows.map(toAttempt);
}

export async function findAttempt(id: string): Promise<AttemptWithAnswers | null> {
  const client = await db();
  const row = await client.quizAttempt.findUnique({
    where: { id },
    select: { ...attemptSelect, answers: { orderBy: { position: 'asc' }, select: answerSelect } },
  });
  if (!row) return null;
  const { answers, ...attempt } = row;
  return { ...toAttempt(attempt), answers: answers.map(toAnswer) };
}

/** The attempt row alone (no answers): what an autosave needs to check. */
export async function findAttemptHeader(id: string): Promise<AttemptDto | null> {
  const client = await db();
  const row = await client.quizAttempt.findUnique({ where: { id }, select: attemptSelect });
  return row ? toAttempt(row) : null;
}

/** Submitted attempts of a quiz with their answers, for statistics and regrades. */
export async function listSubmittedAttemptsWithAnswers(
  quizId: string,
): Promise<AttemptWithAnswers[]> {
  const client = await db();
  const rows = await client.quizAttempt.findMany({
    where: { quizId, status: 'submitted' },
    orderBy: [{ userId: 'asc' }, { number: 'asc' }],
    select: { ...attemptSelect, answers: { orderBy: { position: 'asc' }, select: answerSelect } },
  });
  return rows.map(({ answers, ...attempt }) => ({
    ...toAttempt(attempt),
    answers: answers.map(toAnswer),
  }));
}

export type SaveResult =
  | { status: 'saved'; attempt: AttemptDto }
  /** A newer save (higher clientRev) is already stored; it stays. */
  | { status: 'superseded'; attempt: AttemptDto }
  /** Submitted, or past `acceptUntil`: nothing was written. */
  | { status: 'closed'; attempt: AttemptDto }
  /** No attempt with this id belongs to this user. */
  | { status: 'missing' }
  /** Over the save limit: counted, nothing else written. */
  | { status: 'rate_limited'; retryAfterSec: number };

/** A fixed-window limit on saves, counted in the save's own transaction. */
export type SaveLimit = { key: string; windowMs: number; limit: number };

/** A raw query's boolean or count: PostgreSQL gives booleans and bigints, SQLite numbers. */
function truthy(value: unknown): boolean {
  return value === true || (typeof value !== 'boolean' && Number(value) > 0);
}

/**
 * Saves one answer in one transaction: the attempt's row is updated first (its revision
 * bump takes the row lock on PostgreSQL, so saves and the submission serialise), which also
 * reads the attempt, and what decides whether its student may still work on it (the quiz's
 * status, the class's archived flag, the student's membership), for `admit`; then the
 * rate-limit count, then the answer, kept only if its clientRev is newer than the stored one.
 * `admit` sees all that before anything is written and returns until when saves are
 * accepted; an error it throws rolls everything back.
 */
export async function saveAnswer(input: {
  attemptId: string;
  userId: string;
  position: number;
  response: unknown;
  clientRev: number;
  now: Date;
  admit?: (attempt: AttemptDto, reach: QuizReachFacts) => { acceptUntil: Date | null };
  limit?: SaveLimit;
}): Promise<SaveResult> {
  const client = await db();
  // Raw SQL (lib/db/sql.ts): this is the statement list of every autosave.
  const result = await client.$transaction(async (tx): Promise<SaveResult | null> => {
    // The facts are read by primary key and the roster's unique index, in the same statement.
    const [row] = await tx.$queryRaw<
      (AttemptRow & { quizStatus: string; classArchived: unknown; memberCount: unknown })[]
    >`
      UPDATE ${table('QuizAttempt')} SET "revision" = "revision" + 1
      WHERE "id" = ${input.attemptId} AND "userId" = ${input.userId} AND "status" = 'in_progress'
      RETURNING ${columns(Object.keys(attemptSelect))},
        (SELECT q."status" FROM ${table('Quiz')} q
          WHERE q."id" = "QuizAttempt"."quizId") AS "quizStatus",
        (SELECT c."archived" FROM ${table('Quiz')} q JOIN ${table('Class')} c ON c."id" = q."classId"
          WHERE q."id" = "QuizAttempt"."quizId") AS "classArchived",
        (SELECT COUNT(*) FROM ${table('Quiz')} q
          JOIN ${table('ClassMember')} m ON m."classId" = q."classId"
          WHERE q."id" = "QuizAttempt"."quizId" AND m."userId" = "QuizAttempt"."userId"
        ) AS "memberCount"`;
    // No open attempt of this user's: the caller finds out which (below, outside).
    if (!row) return null;
    const { quizStatus, classArchived, memberCount, ...attemptRow } = row;
    const attempt = toAttempt(attemptRow);
    const reach = {
      status: quizStatus,
      archived: truthy(classArchived),
      member: truthy(memberCount),
    };
    const { acceptUntil } = input.admit?.(attempt, reach) ?? { acceptUntil: null };
    if (input.limit) {
      const hit = await hitRateLimitIn(tx, input.limit.key, input.limit.windowMs, input.now);
      if (hit.count > input.limit.limit) {
        const endsAt = hit.windowStart.getTime() + input.limit.windowMs;
        return {
          status: 'rate_limited',
          retryAfterSec: Math.max(1, Math.ceil((endsAt - input.now.getTime()) / 1000)),
        };
      }
    }
    if (acceptUntil && input.now > acceptUntil) return { status: 'closed', attempt };
    // Written only over an older revision: a late save never overwrites a newer one.
    const answers = table('QuizAnswer');
    const written = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO ${answers} ("id", "attemptId", "position", "response", "clientRev", "savedAt")
      VALUES (${randomUUID()}, ${input.attemptId}, ${input.position},
              ${JSON.stringify(input.response)}, ${input.clientRev}, ${input.now})
      ON CONFLICT ("attemptId", "position") DO UPDATE
        SET "response" = excluded."response", "clientRev" = excluded."clientRev",
            "savedAt" = excluded."savedAt"
        WHERE ${answers}."clientRev" < excluded."clientRev"
      RETURNING "id"`;
    return { status: written.length > 0 ? 'saved' : 'superseded', attempt };
  });
  if (result) return result;
  const attempt = await findAttemptHeader(input.attemptId);
  return attempt && attempt.userId === input.userId
    ? { status: 'closed', attempt }
    : { status: 'missing' };
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function gradeInto(
  tx: Tx,
  attemptId: string,
  grade: AnswerGrader,
  points: readonly number[],
): Promise<{ score: number; maxScore: number }> {
  const answers = await tx.quizAnswer.findMany({ where: { attemptId }, select: answerSelect });
  let score = 0;
  const graded = answers.map((answer) => {
    const result = grade(answer.position, JSON.parse(answer.response) as unknown);
    score += result.fraction * (points[answer.position] ?? 0);
    return { position: answer.position, ...result };
  });
  if (graded.length > 0) {
    // One statement for all the answers (a class submitting at once sends a thousand of
    // these): each row's values picked by position.
    const pick = (value: (g: (typeof graded)[number]) => Prisma.Sql) =>
      Prisma.join(
        graded.map((g) => Prisma.sql`WHEN ${g.position} THEN ${value(g)}`),
        ' ',
      );
    await tx.$executeRaw`
      UPDATE ${table('QuizAnswer')}
      SET "fraction" = CASE "position" ${pick((g) => Prisma.sql`CAST(${g.fraction} AS DOUBLE PRECISION)`)} END,
          "misconception" = CASE "position" ${pick((g) => Prisma.sql`CAST(${g.misconception} AS TEXT)`)} END
      WHERE "attemptId" = ${attemptId} AND "position" IN (${Prisma.join(graded.map((g) => g.position))})`;
  }
  const maxScore = points.reduce((s, p) => s + p, 0);
  return { score: Math.round(score * 1e6) / 1e6, maxScore: Math.round(maxScore * 1e6) / 1e6 };
}

/**
 * Submits and grades an attempt exactly once: the conditional status update lets one caller
 * through; a second tab, a timer sweep or a retry finds it submitted and changes nothing.
 * `points` lists each layout position's points.
 */
export async function submitAttempt(input: {
  attemptId: string;
  now: Date;
  kind: SubmitKind;
  grade: AnswerGrader;
  points: readonly number[];
}): Promise<{ submitted: boolean; attempt: AttemptDto }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const { count } = await tx.quizAttempt.updateMany({
      where: { id: input.attemptId, status: 'in_progress' },
      data: { status: 'submitted', submittedAt: input.now, submitKind: input.kind },
    });
    if (count === 1) {
      const { score, maxScore } = await gradeInto(tx, input.attemptId, input.grade, input.points);
      const [graded] = await tx.$queryRaw<AttemptRow[]>`
        UPDATE ${table('QuizAttempt')} SET "score" = ${score}, "maxScore" = ${maxScore}
        WHERE "id" = ${input.attemptId}
        RETURNING ${columns(Object.keys(attemptSelect))}`;
      if (graded) return { submitted: true, attempt: toAttempt(graded) };
    }
    const row = await tx.quizAttempt.findUniqueOrThrow({
      where: { id: input.attemptId },
      select: attemptSelect,
    });
    return { submitted: false, attempt: toAttempt(row) };
  });
}

/** Re-grades a submitted attempt (after a points change), keeping its responses. */
export async function regradeAttempt(input: {
  attemptId: string;
  grade: AnswerGrader;
  points: readonly number[];
}): Promise<{ before: number | null; after: number }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const row = await tx.quizAttempt.findUniqueOrThrow({
      where: { id: input.attemptId },
      select: { status: true, score: true },
    });
    if (row.status !== 'submitted') return { before: row.score, after: row.score ?? 0 };
    const { score, maxScore } = await gradeInto(tx, input.attemptId, input.grade, input.points);
    await tx.quizAttempt.update({ where: { id: input.attemptId }, data: { score, maxScore } });
    return { before: row.score, after: score };
  });
}

/** In-progress attempts whose deadline has passed: to be auto-submitted. */
export async function listExpiredAttempts(quizId: string, before: Date): Promise<AttemptDto[]> {
  const client = await db();
  const rows = await client.quizAttempt.findMany({
    where: { quizId, status: 'in_progress', deadline: { lt: before } },
    select: attemptSelect,
  });
  return rows.map(toAttempt);
}
