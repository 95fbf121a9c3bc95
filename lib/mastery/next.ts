// The "what comes next" policy of a practice session: a mistaken template returns after a few
// other questions with fresh numbers; otherwise the weakest chosen topic is practised next.
// Either way the question is about the topic it is chosen for (its seed is chosen for it).
import { BKT_DEFAULTS } from './bkt';

export interface TemplateInfo {
  id: string;
  topics: readonly string[];
  difficulties: readonly number[];
}

/** One past answer, oldest first in the history passed to chooseNext. */
export interface PastAnswer {
  template: string;
  seed: number;
  correct: boolean;
}

export interface TopicMastery {
  topic: string;
  known: number;
  attempts: number;
}

export type DifficultyChoice = 1 | 2 | 3 | 'adaptive';

/** A question wanted: this template at this difficulty, about this topic. */
export interface SeedWanted {
  template: string;
  topic: string;
  difficulty: number;
}

/**
 * The first of `candidates` whose question is about `wanted.topic`, or null when none is. A
 * template's topics are what it can be about; a question's are what it is about, which only
 * the generator knows: the app passes lib/questions' findQuestionAbout, so this stays pure.
 */
export type SeedAbout = (wanted: SeedWanted, candidates: Iterable<number>) => number | null;

export interface NextInput {
  templates: readonly TemplateInfo[];
  /** The topics the learner chose; empty means mixed (every topic a template covers). */
  topics: readonly string[];
  mastery: readonly TopicMastery[];
  /** This learner's answers, oldest first (the last ~50 are enough). */
  history: readonly PastAnswer[];
  difficulty: DifficultyChoice;
  /** Stable per learner (user id, or the browser's visitor id): part of every seed. */
  learnerKey: string;
  /** How many answers the learner has given in total: the position of the next question. */
  position: number;
  /**
   * A question's seed from (learner key, template, position, salt). The learner knows all four,
   * so the caller passes a function keyed with a server secret: a seed they could compute
   * would let them compute the key with the open-source generator.
   */
  seedOf: (parts: readonly (string | number)[]) => number;
  /** Chooses among this learner's fresh seeds one whose question carries the topic. */
  seedAbout: SeedAbout;
}

export interface NextQuestion {
  template: string;
  seed: number;
  difficulty: number;
  /** Why this question: a retry of a mistake, or practice of the weakest topic. */
  reason: 'retry' | 'weakest';
  /**
   * The topic the choice was made for, and one the question is about (for a retry: the first
   * chosen topic of the template that a fresh question carries).
   */
  topic: string;
}

/** A mistake comes back after this many other questions (spacing beats immediate repetition). */
export const RETRY_GAP = 3;

/**
 * Topics touched by this many latest questions rest while other chosen topics remain, so the
 * session interleaves topics (interleaved practice beats blocked practice for discrimination)
 * and a learner who keeps failing one topic is not held on it question after question.
 */
export const REST_WINDOW = 2;

export class MasteryError extends Error {
  override name = 'MasteryError';
}

function knownOf(mastery: readonly TopicMastery[], topic: string): TopicMastery {
  return (
    mastery.find((m) => m.topic === topic) ?? { topic, known: BKT_DEFAULTS.prior, attempts: 0 }
  );
}

/** Adaptive difficulty: start easy, harder as the topic is known. */
export function difficultyFor(known: number): 1 | 2 | 3 {
  if (known < 0.4) return 1;
  if (known < 0.75) return 2;
  return 3;
}

/**
 * The difficulties to try, best first: the one wanted, then the nearest the templates offer
 * (the easier one on a tie).
 */
function difficultiesFor(
  choice: DifficultyChoice,
  known: number,
  offered: readonly number[],
): number[] {
  const want = choice === 'adaptive' ? difficultyFor(known) : choice;
  if (offered.length === 0) return [want];
  return [...new Set(offered)].sort((a, b) => Math.abs(a - want) - Math.abs(b - want) || a - b);
}

/** Seeds for `template` that this learner has not seen for it yet, lazily, without end. */
function* freshSeeds(input: NextInput, template: string): Generator<number> {
  const used = new Set(input.history.filter((h) => h.template === template).map((h) => h.seed));
  for (let salt = 0; ; salt++) {
    const seed = input.seedOf([input.learnerKey, template, input.position, salt]);
    if (!used.has(seed)) yield seed;
  }
}

type Found = { template: TemplateInfo; seed: number; difficulty: number };

/**
 * A fresh question on `topic` from the first of `templates` that has one, at the nearest
 * difficulty to the one wanted that has one: a topic honoured comes before a difficulty.
 */
function questionOn(
  input: NextInput,
  topic: string,
  templates: readonly TemplateInfo[],
): Found | null {
  const offered = templates.flatMap((t) => t.difficulties);
  for (const difficulty of difficultiesFor(
    input.difficulty,
    knownOf(input.mastery, topic).known,
    offered,
  )) {
    for (const template of templates) {
      if (template.difficulties.length > 0 && !template.difficulties.includes(difficulty)) continue;
      const seed = input.seedAbout(
        { template: template.id, topic, difficulty },
        freshSeeds(input, template.id),
      );
      if (seed !== null) return { template, seed, difficulty };
    }
  }
  return null;
}

/** Mistaken templates not answered correctly since, whose mistake is at least RETRY_GAP old. */
function dueRetry(input: NextInput, eligible: readonly TemplateInfo[]): TemplateInfo | null {
  const ids = new Set(eligible.map((t) => t.id));
  const n = input.history.length;
  for (let i = 0; i < n; i++) {
    const h = input.history[i];
    if (!h || h.correct || !ids.has(h.template)) continue;
    if (n - 1 - i < RETRY_GAP) break; // later mistakes are younger still
    const settled = input.history.slice(i + 1).some((later) => later.template === h.template);
    if (!settled) return eligible.find((t) => t.id === h.template) ?? null;
  }
  return null;
}

/**
 * The next question of a session. Deterministic: the same input gives the same question, so a
 * reload resumes where the learner was.
 */
export function chooseNext(input: NextInput): NextQuestion {
  const chosen =
    input.topics.length > 0 ? input.topics : [...new Set(input.templates.flatMap((t) => t.topics))];
  const eligible = input.templates.filter((t) => t.topics.some((topic) => chosen.includes(topic)));
  if (eligible.length === 0) {
    throw new MasteryError(`no template covers the topics ${chosen.join(', ') || '(none)'}`);
  }

  const retry = dueRetry(input, eligible);
  if (retry) {
    // The mistaken template again, on a chosen topic a fresh question of it is about.
    for (const topic of retry.topics.filter((t) => chosen.includes(t))) {
      const found = questionOn(input, topic, [retry]);
      if (found) return { template: retry.id, ...pick(found), reason: 'retry', topic };
    }
  }

  // Weakest first; among equals the less practised, then the order the topics were given in.
  const covered = chosen.filter((topic) => eligible.some((t) => t.topics.includes(topic)));
  const resting = new Set(
    input.history
      .slice(-REST_WINDOW)
      .flatMap((h) => input.templates.find((t) => t.id === h.template)?.topics ?? []),
  );
  const awake = covered.filter((topic) => !resting.has(topic));
  const rank = (topics: readonly string[]) =>
    topics
      .map((topic, order) => ({ ...knownOf(input.mastery, topic), order }))
      .sort((a, b) => a.known - b.known || a.attempts - b.attempts || a.order - b.order);
  // The awake topics first; a topic no template can serve a question on now gives way to the
  // next weakest (a resting one last), so the label "weakest topic" is always true.
  const ranked = [...rank(awake), ...rank(covered.filter((topic) => !awake.includes(topic)))];
  if (ranked.length === 0) throw new MasteryError('no topic to practise');

  // Among the templates for a topic, the one used least recently first, so the kinds rotate.
  const lastUse = (id: string) => {
    for (let i = input.history.length - 1; i >= 0; i--)
      if (input.history[i]?.template === id) return i;
    return -1;
  };
  for (const { topic } of ranked) {
    const candidates = eligible
      .filter((t) => t.topics.includes(topic))
      .sort((a, b) => lastUse(a.id) - lastUse(b.id));
    const found = questionOn(input, topic, candidates);
    if (found) return { template: found.template.id, ...pick(found), reason: 'weakest', topic };
  }
  throw new MasteryError(`no template has a question on ${chosen.join(', ')}`);
}

const pick = (found: Found) => ({ seed: found.seed, difficulty: found.difficulty });
