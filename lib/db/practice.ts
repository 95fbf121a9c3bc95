// Data access for practice: graded answers (stored first, the source of truth) and per-topic
// mastery, which is derived from them and updated with optimistic concurrency.
import 'server-only';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from './client';

export type PracticeAnswerDto = {
  id: string;
  userId: string;
  template: string;
  seed: number;
  difficulty: number;
  locale: string;
  topics: string[];
  /** The learner's response as stored (JSON text parsed); the caller validates its shape. */
  response: unknown;
  correct: boolean;
  score: number;
  misconception: string | null;
  createdAt: Date;
};

export type TopicMasteryDto = {
  topic: string;
  known: number;
  attempts: number;
  correct: number;
  updatedAt: Date;
};

export type NewPracticeAnswer = {
  userId: string;
  template: string;
  seed: number;
  difficulty: number;
  locale: string;
  topics: readonly string[];
  response: unknown;
  correct: boolean;
  score: number;
  misconception: string | null;
};

/**
 * The new mastery of a topic given its current value (null: never practised). Supplied by
 * the caller (lib/mastery) so the data layer holds no learning model; it may be called more
 * than once when a concurrent answer wins a race, so it must be pure.
 */
export type MasteryUpdate = (known: number | null, topic: string) => number;

export class MasteryConflictError extends Error {
  override name = 'MasteryConflictError';
}

const answerSelect = {
  id: true,
  userId: true,
  template: true,
  seed: true,
  difficulty: true,
  locale: true,
  topics: true,
  response: true,
  correct: true,
  score: true,
  misconception: true,
  createdAt: true,
} as const;

const masterySelect = {
  topic: true,
  known: true,
  attempts: true,
  correct: true,
  updatedAt: true,
  version: true,
} as const;

type AnswerRow = Omit<PracticeAnswerDto, 'topics' | 'response'> & {
  topics: string;
  response: string;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toAnswerDto(row: AnswerRow): PracticeAnswerDto {
  const topics = parseJson(row.topics);
  return {
    ...row,
    topics: Array.isArray(topics) ? topics.filter((t) => typeof t === 'string') : [],
    response: parseJson(row.response),
  };
}

function toMasteryDto(row: TopicMasteryDto & { version: number }): TopicMasteryDto {
  const { version: _version, ...dto } = row;
  return dto;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/** More than this many lost races on one row means something else is wrong. */
const MAX_ATTEMPTS = 50;

async function updateTopic(
  userId: string,
  topic: string,
  correct: boolean,
  update: MasteryUpdate,
): Promise<TopicMasteryDto> {
  const client = await db();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await client.topicMastery.findUnique({
      where: { userId_topic: { userId, topic } },
      select: masterySelect,
    });
    if (!row) {
      try {
        const created = await client.topicMastery.create({
          data: {
            userId,
            topic,
            known: update(null, topic),
            attempts: 1,
            correct: correct ? 1 : 0,
          },
          select: masterySelect,
        });
        return toMasteryDto(created);
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another answer created it first: update it
        throw error;
      }
    }
    // Compare-and-set on `version`: if another answer updated the row since we read it, no
    // row matches, and we read again and recompute from the newer value.
    const { count } = await client.topicMastery.updateMany({
      where: { userId, topic, version: row.version },
      data: {
        known: update(row.known, topic),
        attempts: { increment: 1 },
        correct: { increment: correct ? 1 : 0 },
        version: { increment: 1 },
      },
    });
    if (count === 1) {
      const fresh = await client.topicMastery.findUniqueOrThrow({
        where: { userId_topic: { userId, topic } },
        select: masterySelect,
      });
      return toMasteryDto(fresh);
    }
  }
  throw new MasteryConflictError(`mastery of ${topic} kept changing under ${MAX_ATTEMPTS} updates`);
}

/**
 * Stores a graded answer, then updates the mastery of each of its topics. The answer is
 * committed before mastery is touched: it is the record, and mastery can be replayed from
 * the answers if an update is ever lost.
 */
export async function recordPracticeAnswer(
  input: NewPracticeAnswer,
  update: MasteryUpdate,
): Promise<{ answer: PracticeAnswerDto; mastery: TopicMasteryDto[] }> {
  const client = await db();
  const row = await client.practiceAnswer.create({
    data: {
      userId: input.userId,
      template: input.template,
      seed: input.seed,
      difficulty: input.difficulty,
      locale: input.locale,
      topics: JSON.stringify(input.topics),
      response: JSON.stringify(input.response ?? null),
      correct: input.correct,
      score: input.score,
      misconception: input.misconception,
    },
    select: answerSelect,
  });
  const mastery: TopicMasteryDto[] = [];
  for (const topic of new Set(input.topics)) {
    mastery.push(await updateTopic(input.userId, topic, input.correct, update));
  }
  return { answer: toAnswerDto(row), mastery };
}

export async function listTopicMastery(userId: string): Promise<TopicMasteryDto[]> {
  const client = await db();
  const rows = await client.topicMastery.findMany({
    where: { userId },
    select: masterySelect,
    orderBy: { topic: 'asc' },
  });
  return rows.map(toMasteryDto);
}

/** The learner's latest answers, oldest first (what the next-question policy reads). */
export async function listRecentAnswers(userId: string, limit = 50): Promise<PracticeAnswerDto[]> {
  const client = await db();
  const rows = await client.practiceAnswer.findMany({
    where: { userId },
    select: answerSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.reverse().map(toAnswerDto);
}

export async function countPracticeAnswers(userId: string): Promise<number> {
  const client = await db();
  return client.practiceAnswer.count({ where: { userId } });
}

/** Templates the learner has answered wrongly at least once (their mistake flashcards). */
export async function listMistakenTemplates(userId: string): Promise<string[]> {
  const client = await db();
  const rows = await client.practiceAnswer.findMany({
    where: { userId, correct: false },
    select: { template: true },
    distinct: ['template'],
    orderBy: { template: 'asc' },
  });
  return rows.map((r) => r.template);
}

/** A graded answer carried over from a visitor's browser (see mergePracticeAnswers). */
export type MergedPracticeAnswer = Omit<NewPracticeAnswer, 'userId'> & {
  /** Derived by the caller from the user and the record, so a second merge finds it. */
  id: string;
  answeredAt: Date;
  /** This answer's mastery update (its guess rate depends on the question). */
  update: MasteryUpdate;
};

class MergeRaceError extends Error {
  override name = 'MergeRaceError';
}

/** A merge that lost a race retries from scratch and then finds the winner's rows. */
const MERGE_ATTEMPTS = 5;

/**
 * Stores a visitor's answers in the account and replays them, oldest first, through each
 * topic's mastery, all in one transaction. Answers whose id is already stored are skipped,
 * so posting the same batch twice counts it once.
 */
/** Rows per INSERT of a merge (see mergePracticeAnswers). */
const MERGE_INSERT_ROWS = 25;

export async function mergePracticeAnswers(
  userId: string,
  answers: readonly MergedPracticeAnswer[],
): Promise<{ added: number; duplicates: number }> {
  const client = await db();
  const unique = [...new Map(answers.map((a) => [a.id, a])).values()];
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(
        async (tx) => {
          const stored = await tx.practiceAnswer.findMany({
            where: { id: { in: unique.map((a) => a.id) } },
            select: { id: true },
          });
          const seen = new Set(stored.map((s) => s.id));
          const fresh = unique
            .filter((a) => !seen.has(a.id))
            .sort(
              (a, b) => a.answeredAt.getTime() - b.answeredAt.getTime() || (a.id < b.id ? -1 : 1),
            );
          // In rows of MERGE_INSERT_ROWS, letting other requests in between: one statement for
          // a whole 250-answer batch kept the event loop busy for about 100 ms on PostgreSQL
          // (a 3,000-parameter query), and SQLite's driver, synchronous, never yields alone.
          for (let i = 0; i < fresh.length; i += MERGE_INSERT_ROWS) {
            if (i > 0) await nextTurn();
            await tx.practiceAnswer.createMany({
              data: fresh.slice(i, i + MERGE_INSERT_ROWS).map((a) => ({
                id: a.id,
                userId,
                template: a.template,
                seed: a.seed,
                difficulty: a.difficulty,
                locale: a.locale,
                topics: JSON.stringify(a.topics),
                response: JSON.stringify(a.response ?? null),
                correct: a.correct,
                score: a.score,
                misconception: a.misconception,
                createdAt: a.answeredAt,
              })),
            });
          }
          const topics = new Set(fresh.flatMap((a) => [...new Set(a.topics)]));
          for (const topic of topics) {
            const row = await tx.topicMastery.findUnique({
              where: { userId_topic: { userId, topic } },
              select: masterySelect,
            });
            let known: number | null = row?.known ?? null;
            let attempts = 0;
            let correct = 0;
            for (const a of fresh) {
              if (!a.topics.includes(topic)) continue;
              known = a.update(known, topic);
              attempts += 1;
              if (a.correct) correct += 1;
            }
            if (known === null) continue;
            if (!row) {
              await tx.topicMastery.create({ data: { userId, topic, known, attempts, correct } });
              continue;
            }
            // The same compare-and-set as a live answer: one that landed since we read the
            // row makes this merge start again rather than overwrite it.
            const { count } = await tx.topicMastery.updateMany({
              where: { userId, topic, version: row.version },
              data: {
                known,
                attempts: { increment: attempts },
                correct: { increment: correct },
                version: { increment: 1 },
              },
            });
            if (count !== 1) throw new MergeRaceError(`mastery of ${topic} changed during a merge`);
          }
          return { added: fresh.length, duplicates: answers.length - fresh.length };
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      const raced = isUniqueViolation(error) || error instanceof MergeRaceError;
      if (!raced || attempt >= MERGE_ATTEMPTS) throw error;
    }
  }
}

/** Times and results of the learner's answers in a range, oldest first (the /me charts). */
export async function listPracticeActivity(
  userId: string,
  range: { from: Date; to: Date },
): Promise<{ createdAt: Date; correct: boolean }[]> {
  const client = await db();
  return client.practiceAnswer.findMany({
    where: { userId, createdAt: { gte: range.from, lt: range.to } },
    select: { createdAt: true, correct: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
