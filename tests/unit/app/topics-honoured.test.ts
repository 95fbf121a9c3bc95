// Topics honoured (issue 18, finding 8), with the real generators wired as the app wires them:
// practice on a chosen topic serves only questions about it, labelled with a topic they carry,
// retries included; a quiz topic slot (attempts, the instructor's preview, the paper export:
// all planVariant) serves only questions on its topic. Over every topic × difficulty a
// template offers.
import { beforeAll, describe, expect, test } from 'vitest';
import { planVariant } from '@/lib/classroom/variants';
import { chooseNext, hashSeed, type PastAnswer } from '@/lib/mastery';
import {
  DIFFICULTIES,
  TOPICS,
  generateQuestion,
  listTemplates,
  seedAbout,
  templatesAbout,
  type Difficulty,
  type Topic,
} from '@/lib/questions';

beforeAll(() => {
  // planVariant keys seeds with the server secret; any secret will do here.
  process.env.NEXTAUTH_SECRET ??= 'topics-honoured test secret';
});

const templates = listTemplates();
/** Every topic × difficulty some template lists (what the practice and quiz forms offer). */
const offered = TOPICS.flatMap((topic) =>
  DIFFICULTIES.filter((d) =>
    templates.some((t) => t.topics.includes(topic) && t.difficulties.includes(d)),
  ).map((difficulty) => [topic, difficulty] as [Topic, Difficulty]),
);

const topicsOf = (template: string, seed: number, difficulty: number) =>
  generateQuestion(template, { seed, difficulty: difficulty as Difficulty, locale: 'en' }).topics;

describe.each(offered)('practice on %s at difficulty %i', (topic, difficulty) => {
  test('every question is about it, retries included, and says so', () => {
    const history: PastAnswer[] = [];
    for (let position = 0; position < 5; position++) {
      const next = chooseNext({
        templates,
        topics: [topic],
        mastery: [],
        history,
        difficulty,
        learnerKey: `learner-${topic}`,
        position,
        seedOf: (parts) => hashSeed(...parts),
        seedAbout,
      });
      expect(next.topic).toBe(topic);
      expect(topicsOf(next.template, next.seed, next.difficulty), JSON.stringify(next)).toContain(
        topic,
      );
      // Wrong first, so a retry of the mistaken template comes due within the session.
      history.push({ template: next.template, seed: next.seed, correct: position > 0 });
    }
  });
});

test('mixed practice: the topic a question is labelled with is one it carries', () => {
  const history: PastAnswer[] = [];
  for (let position = 0; position < 12; position++) {
    const next = chooseNext({
      templates,
      topics: [],
      mastery: [],
      history,
      difficulty: 'adaptive',
      learnerKey: 'mixed learner',
      position,
      seedOf: (parts) => hashSeed(...parts),
      seedAbout,
    });
    expect(topicsOf(next.template, next.seed, next.difficulty)).toContain(next.topic);
    history.push({ template: next.template, seed: next.seed, correct: position % 3 !== 0 });
  }
});

const served = offered.filter(([topic, d]) => templatesAbout(topic, d).length > 0);

describe.each(served)('a quiz topic slot on %s at difficulty %i', (topic, difficulty) => {
  test('every question of every student is about it, from every serving template', () => {
    const serving = templatesAbout(topic, difficulty);
    const slot = {
      kind: 'random' as const,
      template: null,
      topic,
      difficulty,
      count: serving.length + 1,
      points: 1,
    };
    for (const userId of ['alice', 'bob']) {
      const items = planVariant({ quizId: 'quiz-topics', userId, attempt: 1 }, [slot], false);
      expect(new Set(items.map((i) => i.template))).toEqual(new Set(serving));
      for (const item of items) {
        expect(item.difficulty).toBe(difficulty);
        expect(topicsOf(item.template, item.seed, item.difficulty)).toContain(topic);
      }
    }
  });
});
