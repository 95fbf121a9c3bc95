'use server';
// Server actions of /practice: choose and generate the next question (its key and seed never
// leave the server: the browser gets a sealed ticket), and grade an answer to a question issued
// to this learner, storing it and the new mastery before replying. Both are rate-limited.
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
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
  seedAbout,
  toPublicQuestion,
  type Answer,
  type PublicQuestion,
  type QuestionIdentity,
} from '@/lib/questions';
import {
  checkRateLimit,
  clientIp,
  keyedSeed,
  rateLimitedMessage,
  securityEnv,
  serverKey,
  type RateLimitPolicy,
} from '@/lib/security';
import { answerInputSchema, nextInputSchema, type LocalMastery, type Ticket } from './schema';
import { openTicket, sealTicket, type TicketHolder, type TicketRefusal } from './ticket';

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
  | { ok: false; error: 'invalid' | 'no-template' | 'generation-failed' }
  | { ok: false; error: 'limited'; message: string };

export type MasteryChange = { topic: string; before: number; after: number };

export type AnswerResult =
  | {
      ok: true;
      correct: boolean;
      score: number;
      feedback: string;
      explanation: string;
      answer: Answer;
      /** The question answered, now that its key is shown (a visitor's history; diagrams). */
      question: QuestionIdentity;
      misconception: { id: string; text: string } | null;
      lesson: { slug: string; title: string };
      mastery: MasteryChange[];
      /** True when the answer is stored in the account (signed in). */
      saved: boolean;
    }
  | { ok: false; error: 'invalid' }
  | { ok: false; error: 'response' | 'limited'; message: string }
  | { ok: false; error: 'ticket'; reason: TicketRefusal; message: string };

async function uiLocale(): Promise<'zh' | 'en'> {
  return (await getLocale()) === 'zh' ? 'zh' : 'en';
}

/** Also avoids a question whose generation fails: the next position gives other numbers. */
const GENERATION_ATTEMPTS = 3;

/**
 * Counts one request under the account's policy, or a visitor's address's; a refusal's
 * message in the visitor's language, or null to go on.
 */
async function limited(
  userId: string | null,
  policies: { account: RateLimitPolicy; address: RateLimitPolicy },
): Promise<string | null> {
  const verdict = userId
    ? await checkRateLimit(policies.account, userId)
    : await checkRateLimit(policies.address, clientIp(await headers(), securityEnv()));
  return verdict.ok ? null : rateLimitedMessage(verdict.retryAfterSec);
}

/**
 * A question's seed: keyed with a server secret, since the learner knows every part (their
 * id or browser key, the template, their position) and a seed they could compute would let
 * them compute the key with the open-source generator.
 */
function keyedPracticeSeed(parts: readonly (string | number)[]): number {
  // Questions take any integer; a positive 31-bit seed fits the stored INTEGER column.
  return keyedSeed(serverKey('practice-seed'), parts.join('|')) & 0x7fffffff || 1;
}

export async function nextQuestionAction(raw: unknown): Promise<NextQuestionResult> {
  const parsed = nextInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const input = parsed.data;
  const locale = await uiLocale();
  const user = await getCurrentUser();
  const refusal = await limited(user?.id ?? null, {
    account: 'practice-next-account',
    address: 'practice-next-ip',
  });
  if (refusal !== null) return { ok: false, error: 'limited', message: refusal };

  let history: PastAnswer[];
  let mastery: TopicMastery[];
  let position: number;
  let learnerKey: string;
  let holder: TicketHolder;
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
    holder = { user: user.id };
  } else {
    // A visitor's tickets are issued to their browser key: without one, nobody could answer.
    const visitor = input.visitor;
    if (!visitor) return { ok: false, error: 'invalid' };
    ({ history, mastery, position } = visitor);
    learnerKey = visitor.key;
    holder = { visitor: visitor.key };
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
        seedOf: keyedPracticeSeed,
        // Only a seed whose question is about the topic it is chosen for (issue 18).
        seedAbout,
      });
    } catch (error) {
      if (error instanceof MasteryError) return { ok: false, error: 'no-template' };
      throw error;
    }
    if (!isTemplateId(next.template)) return { ok: false, error: 'no-template' };
    const difficulty = next.difficulty === 1 || next.difficulty === 2 ? next.difficulty : 3;
    try {
      const question = generateQuestion(next.template, { seed: next.seed, locale, difficulty });
      const ticket = await sealTicket(
        { template: next.template, seed: next.seed, difficulty, locale },
        holder,
        serverKey('practice-ticket'),
        new Date(),
      );
      return {
        ok: true,
        question: toPublicQuestion(question),
        ticket,
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
  const { response, visitorMastery, visitorKey } = parsed.data;
  const user = await getCurrentUser();
  // Before any grading work: a script cannot flood the store or the CPU.
  const refusal = await limited(user?.id ?? null, {
    account: 'answer-account',
    address: 'answer-ip',
  });
  if (refusal !== null) return { ok: false, error: 'limited', message: refusal };

  // Only a question this server issued to this account (or this visitor's browser), in its life.
  const holder: TicketHolder | null = user
    ? { user: user.id }
    : visitorKey
      ? { visitor: visitorKey }
      : null;
  const opened = holder
    ? await openTicket(parsed.data.ticket, holder, serverKey('practice-ticket'), new Date())
    : ({ ok: false, reason: 'foreign' } as const);
  if (!opened.ok) {
    const t = await getTranslations('practice');
    return {
      ok: false,
      error: 'ticket',
      reason: opened.reason,
      message: t(`ticket.${opened.reason}`),
    };
  }
  const ticket = opened.question;
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
    question: ticket,
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
