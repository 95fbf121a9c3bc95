// Topics are a property of a seed: questionAbout finds, among candidate seeds, the first whose
// question carries a topic, so practice and quiz topic slots serve questions on that topic.
import { QuestionError } from './errors';
import { TEMPLATES, generateQuestion } from './registry';
import {
  DIFFICULTIES,
  TEMPLATE_IDS,
  TOPICS,
  type Difficulty,
  type TemplateId,
  type Topic,
} from './types';

/** How many candidates are tried before a topic is declared out of reach for the template. */
export const TOPIC_CANDIDATES = 64;

/** Errors that say the request itself is wrong: no other seed would do better. */
const REQUEST_ERRORS = new Set(['UNKNOWN_TEMPLATE', 'BAD_DIFFICULTY', 'BAD_LOCALE', 'BAD_SEED']);

/**
 * The first of the first {@link TOPIC_CANDIDATES} candidate seeds whose question (template,
 * seed, difficulty; topics do not depend on the locale) carries `topic`, or null. A seed whose
 * question fails to generate is passed over, like one on another topic; a wrong template or
 * difficulty still throws.
 */
export function findQuestionAbout(
  template: string,
  topic: Topic,
  difficulty: Difficulty,
  candidateSeeds: Iterable<number>,
): number | null {
  let tried = 0;
  for (const seed of candidateSeeds) {
    if (tried++ >= TOPIC_CANDIDATES) break;
    try {
      const q = generateQuestion(template, { seed, difficulty, locale: 'en' });
      if (q.topics.includes(topic)) return seed;
    } catch (error) {
      if (error instanceof QuestionError && REQUEST_ERRORS.has(error.code)) throw error;
    }
  }
  return null;
}

/**
 * The first candidate seed whose question carries `topic`.
 *
 * @throws QuestionError('NO_QUESTION_FOR_TOPIC') when none of the first
 * {@link TOPIC_CANDIDATES} does.
 * @example questionAbout('listen-queues', 'syn-flood', 3, [11, 12, 13]) // 11
 */
export function questionAbout(
  template: string,
  topic: Topic,
  difficulty: Difficulty,
  candidateSeeds: Iterable<number>,
): number {
  const seed = findQuestionAbout(template, topic, difficulty, candidateSeeds);
  if (seed === null)
    throw new QuestionError(
      'NO_QUESTION_FOR_TOPIC',
      `no ${template} question at difficulty ${difficulty} is about ${topic} among the first ${TOPIC_CANDIDATES} candidate seeds`,
    );
  return seed;
}

const PROBE_SEEDS = Array.from({ length: TOPIC_CANDIDATES }, (_, i) => i + 1);
const serving = new Map<string, TemplateId[]>();

/**
 * The templates that serve questions on `topic` at `difficulty`: those whose declared topics
 * include it and that have such a question among seeds 1–{@link TOPIC_CANDIDATES}. A template's
 * declared topics are what some of its questions are about, not necessarily at every
 * difficulty. A function of the generators' code, so computed once per process.
 */
export function templatesAbout(topic: Topic, difficulty: Difficulty): TemplateId[] {
  const key = `${topic}|${difficulty}`;
  let ids = serving.get(key);
  if (ids === undefined) {
    ids = TEMPLATE_IDS.filter(
      (id) =>
        TEMPLATES[id].topics.includes(topic) &&
        TEMPLATES[id].difficulties.includes(difficulty) &&
        findQuestionAbout(id, topic, difficulty, PROBE_SEEDS) !== null,
    );
    serving.set(key, ids);
  }
  return [...ids];
}

/** A request from outside lib/questions, where template, topic and difficulty are plain values. */
export interface TopicRequest {
  template: string;
  topic: string;
  difficulty: number;
}

/**
 * The seed chooser practice (lib/mastery) and quiz topic slots (lib/quiz) are given: the first
 * candidate whose question is about the topic, or null, also for a template that serves no
 * question on the topic at that difficulty (answered without generating anything) or a topic
 * or difficulty outside the vocabularies.
 */
export function seedAbout(wanted: TopicRequest, candidateSeeds: Iterable<number>): number | null {
  const topic = TOPICS.find((t) => t === wanted.topic);
  const difficulty = DIFFICULTIES.find((d) => d === wanted.difficulty);
  if (topic === undefined || difficulty === undefined) return null;
  if (!templatesAbout(topic, difficulty).some((id) => id === wanted.template)) return null;
  return findQuestionAbout(wanted.template, topic, difficulty, candidateSeeds);
}
