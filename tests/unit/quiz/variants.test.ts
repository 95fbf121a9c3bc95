// Per-student variants: a layout is a pure function of (quiz, student, attempt), the slots and
// the server's key, so a reload or a regrade rebuilds it, neighbours get different numbers,
// and a student who knows every input but not the key cannot rebuild it (issue 19, finding 2).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRng, hashSeed } from '@/lib/engine';
import { keyedSeed, serverKey } from '@/lib/security';
import { listTemplates, templatesAbout, type Topic } from '@/lib/questions';
import {
  LIMITS,
  VariantError,
  candidateTemplates,
  firstCandidate,
  layoutSchema,
  planAttempt,
  questionCount,
  type LayoutItem,
  type SeedChooser,
  type SlotSpec,
  type SeedOf,
  type VariantKey,
  variantMessages,
} from '@/lib/quiz';

/** The server's seed function under a given secret (lib/classroom's variantSeed, any secret). */
const keyedUnder =
  (secret: string): SeedOf =>
  (message) =>
    keyedSeed(serverKey('quiz-variant', secret), message);
const seedOf = keyedUnder('the server secret');

const key: VariantKey = { quizId: 'quiz-1', userId: 'alice', attempt: 1 };
const slots: SlotSpec[] = [
  { kind: 'fixed', template: 'next-state', seed: 42, difficulty: 1, points: 1 },
  { kind: 'random', template: 'why', topic: null, difficulty: 2, count: 3, points: 2 },
  { kind: 'random', template: null, topic: 'close', difficulty: 1, count: 4, points: 1 },
  { kind: 'fixed', template: 'spot-the-error', seed: 9, difficulty: 3, points: 5 },
];
const isRandom = (item: LayoutItem) => slots[item.slot]!.kind === 'random';
const bySlot = (items: LayoutItem[]) =>
  [...items].sort((a, b) => a.slot - b.slot || a.index - b.index);

describe('planAttempt', () => {
  test.each([false, true])('the same key gives an identical layout (shuffle %s)', (shuffle) => {
    expect(planAttempt({ ...key }, slots, shuffle, seedOf)).toEqual(
      planAttempt(key, slots, shuffle, seedOf),
    );
  });

  test('items come in slot order, each slot with its count of questions, without shuffle', () => {
    const items = planAttempt(key, slots, false, seedOf);
    expect(items.map((i) => [i.slot, i.index])).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(items.every((i) => i.difficulty === slots[i.slot]!.difficulty)).toBe(true);
  });

  test('two students get different seeds in every random slot question', () => {
    const a = planAttempt(key, slots, false, seedOf);
    const b = planAttempt({ ...key, userId: 'bob' }, slots, false, seedOf);
    a.forEach((item, i) => {
      if (isRandom(item)) expect(item.seed).not.toBe(b[i]!.seed);
    });
  });

  test('the same student on another attempt gets different seeds', () => {
    const a = planAttempt(key, slots, false, seedOf);
    const b = planAttempt({ ...key, attempt: 2 }, slots, false, seedOf);
    a.forEach((item, i) => {
      if (isRandom(item)) expect(item.seed).not.toBe(b[i]!.seed);
    });
  });

  test('another quiz with the same slots gives different seeds', () => {
    const a = planAttempt(key, slots, false, seedOf);
    const b = planAttempt({ ...key, quizId: 'quiz-2' }, slots, false, seedOf);
    expect(a.filter(isRandom).map((i) => i.seed)).not.toEqual(
      b.filter(isRandom).map((i) => i.seed),
    );
  });

  test('the questions of one random slot have different seeds', () => {
    const seeds = planAttempt(key, slots, false, seedOf)
      .filter((i) => i.slot === 1)
      .map((i) => i.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  test('fixed slots are identical for every student and attempt', () => {
    const students = ['alice', 'bob', 'carol', 'dave'];
    const fixedItems = students.flatMap((userId) =>
      [1, 2].map((attempt) =>
        planAttempt({ ...key, userId, attempt }, slots, true, seedOf).filter((i) => !isRandom(i)),
      ),
    );
    for (const items of fixedItems) {
      expect(bySlot(items)).toEqual([
        { slot: 0, index: 0, template: 'next-state', seed: 42, difficulty: 1 },
        { slot: 3, index: 0, template: 'spot-the-error', seed: 9, difficulty: 3 },
      ]);
    }
  });

  test('shuffle is a permutation of the unshuffled layout, reproducible for the key', () => {
    const plain = planAttempt(key, slots, false, seedOf);
    const shuffled = planAttempt(key, slots, true, seedOf);
    expect(bySlot(shuffled)).toEqual(plain);
    expect(planAttempt(key, slots, true, seedOf)).toEqual(shuffled);
  });

  test('shuffle changes the order for some students (it is not the identity)', () => {
    const orders = ['alice', 'bob', 'carol', 'dave', 'erin'].map((userId) =>
      planAttempt({ ...key, userId }, slots, true, seedOf)
        .map((i) => `${i.slot}.${i.index}`)
        .join(' '),
    );
    const plain = planAttempt(key, slots, false, seedOf)
      .map((i) => `${i.slot}.${i.index}`)
      .join(' ');
    expect(orders.some((o) => o !== plain)).toBe(true);
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  test('a template slot draws only from its template', () => {
    const items = planAttempt(key, slots, false, seedOf).filter((i) => i.slot === 1);
    expect(items.every((i) => i.template === 'why')).toBe(true);
  });

  const topicCases: [Topic, 1 | 2 | 3][] = [
    ['close', 1],
    ['handshake', 3],
    ['congestion', 2],
    ['time-wait', 1],
    ['queues', 2],
  ];
  test.each(topicCases)(
    'a topic slot (%s, difficulty %i) uses only templates with questions on the topic at that difficulty',
    (topic, difficulty) => {
      const covering = templatesAbout(topic, difficulty);
      expect(covering.length).toBeGreaterThan(0);
      const declared = listTemplates()
        .filter((t) => t.topics.includes(topic) && t.difficulties.includes(difficulty))
        .map((t) => t.id);
      for (const id of covering) expect(declared).toContain(id);
      const slot: SlotSpec = {
        kind: 'random',
        template: null,
        topic,
        difficulty,
        count: LIMITS.questionsPerSlot,
        points: 1,
      };
      expect(candidateTemplates(slot)).toEqual(covering);
      for (const userId of ['alice', 'bob', 'carol']) {
        const items = planAttempt({ ...key, userId }, [slot], false, seedOf);
        for (const item of items) {
          expect(covering).toContain(item.template);
          expect(item.difficulty).toBe(difficulty);
        }
      }
    },
  );

  test.each(topicCases)(
    'a topic slot (%s, difficulty %i) uses every covering template before repeating one',
    (topic, difficulty) => {
      const covering = candidateTemplates({
        kind: 'random',
        template: null,
        topic,
        difficulty,
        count: 1,
        points: 1,
      });
      const slot: SlotSpec = {
        kind: 'random',
        template: null,
        topic,
        difficulty,
        count: covering.length * 2,
        points: 1,
      };
      for (const userId of ['alice', 'bob', 'carol']) {
        const items = planAttempt({ ...key, userId }, [slot], false, seedOf).map((i) => i.template);
        expect(new Set(items.slice(0, covering.length)).size).toBe(covering.length);
        expect(new Set(items.slice(covering.length)).size).toBe(covering.length);
      }
    },
  );

  test('a topic slot does not start every student on the same template', () => {
    const slot: SlotSpec = {
      kind: 'random',
      template: null,
      topic: 'handshake',
      difficulty: 1,
      count: 1,
      points: 1,
    };
    const firsts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(
      (userId) => planAttempt({ ...key, userId }, [slot], false, seedOf)[0]!.template,
    );
    expect(new Set(firsts).size).toBeGreaterThan(1);
  });

  test('a topic slot with no template at its difficulty is a VariantError', () => {
    const slot = {
      kind: 'random',
      template: null,
      topic: 'handshake',
      difficulty: 4,
      count: 1,
      points: 1,
    } as unknown as SlotSpec;
    expect(() => planAttempt(key, [slot], false, seedOf)).toThrow(VariantError);
  });

  /** A chooser for a world where the seeds in `bad` do not generate. */
  const avoiding =
    (bad: ReadonlySet<number>): SeedChooser =>
    (_wanted, candidates) => {
      for (const seed of candidates) if (!bad.has(seed)) return seed;
      return null;
    };

  test('a seed that does not generate is replaced by a new keyed one, deterministically', () => {
    const original = planAttempt(key, slots, false, seedOf);
    const bad = new Set([original[1]!.seed]);
    const first = planAttempt(key, slots, false, seedOf, avoiding(bad));
    const second = planAttempt(key, slots, false, seedOf, avoiding(bad));
    expect(first).toEqual(second);
    expect(first[1]!.seed).toBe(seedOf(variantMessages.retry(key, 1, 0, 1)));
    // Not the old derivation from the failed seed, which anyone who has it could compute.
    expect(first[1]!.seed).not.toBe(hashSeed(`${original[1]!.seed}|retry|1`));
    expect(first[1]!.seed).not.toBe(original[1]!.seed);
    expect(first[1]!.template).toBe(original[1]!.template);
    // Only the failing question changed.
    expect(first.filter((_, i) => i !== 1)).toEqual(original.filter((_, i) => i !== 1));
  });

  test('the fallback keeps deriving while a seed fails', () => {
    const original = planAttempt(key, slots, false, seedOf);
    const s0 = original[2]!.seed;
    const s1 = seedOf(variantMessages.retry(key, 1, 1, 1));
    const bad = new Set([s0, s1]);
    const items = planAttempt(key, slots, false, seedOf, avoiding(bad));
    expect(items[2]!.seed).toBe(seedOf(variantMessages.retry(key, 1, 1, 2)));
  });

  test('fixed slots are never reseeded, and a template slot with no seed that generates keeps its own', () => {
    const byTemplate = slots.filter((s) => s.kind === 'fixed' || s.template !== null);
    const items = planAttempt(key, byTemplate, false, seedOf, () => null);
    expect(items[0]!.seed).toBe(42);
    expect(items[1]!.seed).toBe(seedOf(variantMessages.question(key, 1, 0)));
  });

  test('a planned layout passes layoutSchema and survives JSON', () => {
    const items = planAttempt(key, slots, true, seedOf);
    expect(layoutSchema.parse(JSON.parse(JSON.stringify(items)))).toEqual(items);
  });

  test.each<[string, unknown]>([
    ['an unknown template', [{ slot: 0, index: 0, template: 'x', seed: 1, difficulty: 1 }]],
    ['a negative seed', [{ slot: 0, index: 0, template: 'why', seed: -1, difficulty: 1 }]],
    ['a missing difficulty', [{ slot: 0, index: 0, template: 'why', seed: 1 }]],
    ['a negative slot', [{ slot: -1, index: 0, template: 'why', seed: 1, difficulty: 1 }]],
  ])('layoutSchema refuses %s', (_name, layout) => {
    expect(layoutSchema.safeParse(layout).success).toBe(false);
  });

  const slotArb: fc.Arbitrary<SlotSpec> = fc.oneof(
    fc.record({
      kind: fc.constant('fixed' as const),
      template: fc.constantFrom('next-state' as const, 'why' as const, 'close-outcome' as const),
      seed: fc.nat(),
      difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
      points: fc.integer({ min: 1, max: 10 }),
    }),
    fc
      .record({
        kind: fc.constant('random' as const),
        template: fc.constantFrom('why' as const, 'seq-ack-numbers' as const, null),
        topic: fc.constantFrom('handshake' as const, 'close' as const),
        difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
        count: fc.integer({ min: 1, max: LIMITS.questionsPerSlot }),
        points: fc.integer({ min: 1, max: 10 }),
      })
      // A topic slot the slot list would accept: some template has questions on it there.
      .filter((s) => s.template !== null || templatesAbout(s.topic, s.difficulty).length > 0),
  );

  test('property: planAttempt returns questionCount(slots) items, each slot its share', () => {
    fc.assert(
      fc.property(
        fc.array(slotArb, { maxLength: 8 }),
        fc.string(),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (slotList, userId, attempt, shuffle) => {
          const items = planAttempt({ quizId: 'q', userId, attempt }, slotList, shuffle, seedOf);
          expect(items).toHaveLength(questionCount(slotList));
          slotList.forEach((slot, position) => {
            const mine = items.filter((i) => i.slot === position).map((i) => i.index);
            const count = slot.kind === 'fixed' ? 1 : slot.count;
            expect(mine.sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
          });
        },
      ),
    );
  });
});

describe('planAttempt is keyed: the visible inputs alone do not give the variant', () => {
  const topicSlot: SlotSpec = {
    kind: 'random',
    template: null,
    topic: 'handshake',
    difficulty: 1,
    count: 4,
    points: 1,
  };
  const all = [...slots, topicSlot];
  const students = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

  /** The derivation before issue 19: everything an unkeyed hash of what the student sees. */
  function unkeyedPlan(k: VariantKey, slotList: readonly SlotSpec[]): LayoutItem[] {
    const items: LayoutItem[] = [];
    slotList.forEach((slot, position) => {
      if (slot.kind === 'fixed') {
        const { template, seed, difficulty } = slot;
        items.push({ slot: position, index: 0, template, seed, difficulty });
        return;
      }
      const candidates = candidateTemplates(slot);
      const offset = createRng(variantMessages.templates(k, position)).int(
        0,
        candidates.length - 1,
      );
      for (let index = 0; index < slot.count; index++) {
        items.push({
          slot: position,
          index,
          template: candidates[(offset + index) % candidates.length]!,
          seed: hashSeed(variantMessages.question(k, position, index)),
          difficulty: slot.difficulty,
        });
      }
    });
    return items;
  }
  const randomSeeds = (items: LayoutItem[]) =>
    items.filter((i) => all[i.slot]!.kind === 'random').map((i) => i.seed);

  test('no random question gets the seed the old unkeyed hash of its visible inputs gives', () => {
    for (const userId of students) {
      for (const attempt of [1, 2, 3]) {
        const k = { ...key, userId, attempt };
        const keyed = randomSeeds(planAttempt(k, all, false, seedOf));
        const guessed = randomSeeds(unkeyedPlan(k, all));
        expect(keyed).toHaveLength(guessed.length);
        keyed.forEach((seed, i) => expect(seed).not.toBe(guessed[i]));
      }
    }
  });

  test('a keyed function without the secret (empty key) does not rebuild the variant either', () => {
    const secretless: SeedOf = (message) => keyedSeed(new Uint8Array(32), message);
    for (const userId of students) {
      const k = { ...key, userId };
      const real = randomSeeds(planAttempt(k, all, false, seedOf));
      const guessed = randomSeeds(planAttempt(k, all, false, secretless));
      real.forEach((seed, i) => expect(seed).not.toBe(guessed[i]));
    }
  });

  test('with the same secret the variant is stable (a reload, another instance)', () => {
    for (const userId of students) {
      const k = { ...key, userId };
      expect(planAttempt(k, all, true, keyedUnder('the server secret'))).toEqual(
        planAttempt({ ...k }, all, true, seedOf),
      );
    }
  });

  test('two secrets give different seeds, template spreads and orders', () => {
    const other = keyedUnder('another server secret');
    const layouts = (f: SeedOf) =>
      students.map((userId) => planAttempt({ ...key, userId }, all, true, f));
    const a = layouts(seedOf);
    const b = layouts(other);
    a.forEach((layout, s) => {
      const seedsA = randomSeeds(bySlot(layout));
      const seedsB = randomSeeds(bySlot(b[s]!));
      seedsA.forEach((seed, i) => expect(seed).not.toBe(seedsB[i]));
    });
    const order = (l: LayoutItem[]) => l.map((i) => `${i.slot}.${i.index}`).join(' ');
    expect(a.map(order)).not.toEqual(b.map(order));
    const topicTemplates = (l: LayoutItem[]) =>
      bySlot(l)
        .filter((i) => i.slot === all.length - 1)
        .map((i) => i.template)
        .join(' ');
    expect(a.map(topicTemplates)).not.toEqual(b.map(topicTemplates));
  });

  test('every derivation goes through seedOf: a constant seedOf gives every student one variant', () => {
    const constant: SeedOf = () => 7;
    const first = planAttempt({ ...key, userId: 'alice' }, all, true, constant);
    for (const userId of students) {
      expect(planAttempt({ ...key, userId, attempt: 5 }, all, true, constant)).toEqual(first);
    }
  });
});

describe('a topic slot serves questions on its topic (issue 18, finding 8)', () => {
  const topicSlot = (topic: Topic, difficulty: 1 | 2 | 3, count: number): SlotSpec => ({
    kind: 'random',
    template: null,
    topic,
    difficulty,
    count,
    points: 1,
  });
  /** A world where a question is about `topic` when its seed is divisible by 3. */
  const asked: { template: string; topic: string | null }[] = [];
  const everyThird: SeedChooser = (wanted, candidates) => {
    asked.push({ template: wanted.template, topic: wanted.topic });
    for (const seed of candidates) if (wanted.topic === null || seed % 3 === 0) return seed;
    return null;
  };

  test('each question takes a keyed candidate its chooser accepts for the slot topic', () => {
    asked.length = 0;
    const items = planAttempt(key, [topicSlot('close', 2, 6)], false, seedOf, everyThird);
    expect(items.every((i) => i.seed % 3 === 0)).toBe(true);
    expect(asked.every((a) => a.topic === 'close')).toBe(true);
    items.forEach((item) => {
      const keyed = Array.from({ length: 64 }, (_, r) =>
        r === 0
          ? seedOf(variantMessages.question(key, 0, item.index))
          : seedOf(variantMessages.retry(key, 0, item.index, r)),
      );
      // The first acceptable one of its own keyed candidates, nothing computable without the key.
      expect(item.seed).toBe(keyed.find((seed) => seed % 3 === 0));
    });
  });

  test('a slot by template does not ask for a topic', () => {
    asked.length = 0;
    planAttempt(key, [{ ...topicSlot('close', 2, 2), template: 'why' }], false, seedOf, everyThird);
    expect(asked.map((a) => a.topic)).toEqual([null, null]);
  });

  test('a template with no question on the topic gives way to the next in the rotation', () => {
    const slot = topicSlot('close', 2, 4);
    const [skipped] = candidateTemplates(slot);
    const noFirst: SeedChooser = (wanted, candidates) =>
      wanted.template === skipped ? null : firstCandidate(wanted, candidates);
    const items = planAttempt(key, [slot], false, seedOf, noFirst);
    expect(items).toHaveLength(4);
    expect(items.map((i) => i.template)).not.toContain(skipped);
  });

  test('a topic slot with no question on its topic anywhere is a VariantError, not an off-topic question', () => {
    expect(() => planAttempt(key, [topicSlot('close', 2, 1)], false, seedOf, () => null)).toThrow(
      VariantError,
    );
  });
});
