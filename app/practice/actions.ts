'use server';
// Server actions of /practice: choose and generate the next question (its key never leaves
// the server), and grade an answer, storing it and the new mastery before replying.
import { getLocale } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { contentIndex } from '@/lib/content';
import {
  countPracticeAnswers,
  listRecentAnswers,
  listTopicMastery,
  recordPracticeAnswer,
} from '@/lib/db';
import {
  BKT_DEFAULTS,
  chooseNext,
  guessFor,
  MasteryError,
  updateMastery,
  type PastAnswer,
  type TopicMastery,
} from '@/lib/mastery';
import {
  describeMisconception,
  generateQuestion,
  grade,
  isTemplateId,
  listTemplates,
  toPublicQuestion,
  type Answer,
  type PublicQuestion,
} from '@/lib/questions';
import { checkRateLimit, rateLimitedMessage } from '@/lib/security';
import { answerInputSchema, nextInputSchema, type LocalMastery, type Ticket } from './schema';

export type NextQuestionResult =
  | {
      ok: true;
      question: PublicQuestion;
      ticket: Ticket;
      reason: 'retry' | 'weakest';
      topic: string;
      /** Answers given so far (this question's number minus one). */
      position: number;
    }
  | { ok: false; error: 'invalid' | 'no-template' | 'generation-failed' };

export type MasteryChange = { topic: string; before: number; after: number };

export type AnswerResult =
  | {
      ok: true;
      correct: boolean;
      score: number;
      feedback: string;
      explanation: string;
      answer: Answer;
      misconception: { id: string; text: string } | null;
      lesson: { slug: string; title: string };
      mastery: MasteryChange[];
      /** True when the answer is stored in the account (signed in). */
      saved: boolean;
    }
  | { ok: false; error: 'invalid' }
  | { ok: false; error: 'response'; message: string };

async function uiLocale(): Promise<'zh' | 'en'> {
  return (await getLocale()) === 'zh' ? 'zh' : 'en';
}

/** Also avoids a question whose generation fails: the next position gives other numbers. */
const GENERATION_ATTEMPTS = 3;

export async function nextQuestionAction(raw: unknown): Promise<NextQuestionResult> {
  const parsed = nextInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const input = parsed.data;
  const locale = await uiLocale();
  const user = await getCurrentUser();

  let history: PastAnswer[];
  let mastery: TopicMastery[];
  let position: number;
  let learnerKey: string;
  if (user) {
    const [recent, topics, count] = await Promise.all([
      listRecentAnswers(user.id, 50),
      listTopicMastery(user.id),
      countPracticeAnswers(user.id),
    ]);
    history = recent.map((a) => ({ template: a.template, seed: a.seed, correct: a.correct }));
    mastery = topics;
    position = count;
    learnerKey = user.id;
  } else {
    const visitor = input.visitor ?? { key: 'anonymous', history: [], mastery: [], position: 0 };
    ({ history, mastery, position } = visitor);
    learnerKey = visitor.key;
  }

  for (let attempt = 0; attempt < GENERATION_ATTEMPTS; attempt++) {
    let next;
    try {
      next = chooseNext({
        templates: listTemplates(),
        topics: input.topics,
        mastery,
        history,
        difficulty: input.difficulty,
        learnerKey,
        // A failed generation moves far from the learner's real positions.
        position: position + attempt * 1_000_003,
      });
    } catch (error) {
      if (error instanceof MasteryError) return { ok: false, error: 'no-template' };
      throw error;
    }
    if (!isTemplateId(next.template)) return { ok: false, error: 'no-template' };
    const difficulty = next.difficulty === 1 || next.difficulty === 2 ? next.difficulty : 3;
    try {
      const question = generateQuestion(next.template, { seed: next.seed, locale, difficulty });
      return {
        ok: true,
        question: toPublicQuestion(question),
        ticket: { template: next.template, seed: next.seed, difficulty, locale },
        reason: next.reason,
        topic: next.topic,
        position,
      };
    } catch (error) {
      console.error(`practice: ${next.template} seed ${next.seed} failed to generate`, error);
    }
  }
  return { ok: false, error: 'generation-failed' };
}

function knownIn(list: readonly LocalMastery[], topic: string): number {
  return list.find((m) => m.topic === topic)?.known ?? BKT_DEFAULTS.prior;
}

export async function answerAction(raw: unknown): Promise<AnswerResult> {
  const parsed = answerInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const { ticket, response, visitorMastery } = parsed.data;
  const question = generateQuestion(ticket.template, {
    seed: ticket.seed,
    locale: ticket.locale,
    difficulty: ticket.difficulty,
  });
  const result = grade(question, response);
  if (!result.valid) return { ok: false, error: 'response', message: result.error.message };

  // A right guess among two options says less than a right sequence number (lib/mastery).
  const guess = guessFor(question.kind, 'options' in question ? question.options.length : 0);
  const update = (known: number | null) =>
    updateMastery(known ?? BKT_DEFAULTS.prior, result.score, { guess });
  const user = await getCurrentUser();
  // Answers per account are rate-limited (lib/security): a script cannot flood the store.
  if (user) {
    const limit = await checkRateLimit('answer-account', user.id);
    if (!limit.ok) {
      return {
        ok: false,
        error: 'response',
        message: await rateLimitedMessage(limit.retryAfterSec),
      };
    }
  }

  let mastery: MasteryChange[];
  if (user) {
    const before = await listTopicMastery(user.id);
    const stored = await recordPracticeAnswer(
      {
        userId: user.id,
        template: ticket.template,
        seed: ticket.seed,
        difficulty: ticket.difficulty,
        locale: ticket.locale,
        topics: question.topics,
        response,
        correct: result.correct,
        score: result.score,
        misconception: result.misconception ?? null,
      },
      update,
    );
    mastery = stored.mastery.map((m) => ({
      topic: m.topic,
      before: before.find((b) => b.topic === m.topic)?.known ?? BKT_DEFAULTS.prior,
      after: m.known,
    }));
  } else {
    mastery = [...new Set(question.topics)].map((topic) => {
      const known = knownIn(visitorMastery ?? [], topic);
      return { topic, before: known, after: update(known) };
    });
  }

  const lesson = contentIndex().lesson(ticket.locale, question.lesson);
  return {
    ok: true,
    correct: result.correct,
    score: result.score,
    feedback: result.feedback,
    explanation: question.explanation,
    answer: question.answer,
    misconception: result.misconception
      ? {
          id: result.misconception,
          text: describeMisconception(result.misconception, ticket.locale),
        }
      : null,
    lesson: { slug: question.lesson, title: lesson?.title ?? question.lesson },
    mastery,
    saved: user !== null,
  };
}
