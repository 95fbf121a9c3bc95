// The authored why-questions: no length cue (finding 9: the key was the longest option in 150
// of 150), every option labelled with the misconception it was written for, and topics that
// let practice find a why-question for each of the template's topics at every difficulty.

import { describe, expect, test } from 'vitest';
import { MISCONCEPTIONS, TEMPLATES, generateQuestion, type Question } from '@/lib/questions';
import { WHY_ITEMS } from '@/lib/questions/generators/why-items';

const SEEDS = Array.from({ length: 150 }, (_, i) => i);
const DIFFICULTIES = [1, 2, 3] as const;
const LOCALES = ['zh', 'en'] as const;

function choice(q: Question) {
  if (q.kind !== 'choice') throw new TypeError('why-questions are choice questions');
  return q;
}

describe('why: the key is not given away by its length', () => {
  test.each(LOCALES)(
    '%s: over 150 seeds per difficulty the key is the longest option at most a third of the time',
    (locale) => {
      let longest = 0;
      let shortest = 0;
      let n = 0;
      for (const difficulty of DIFFICULTIES) {
        for (const seed of SEEDS) {
          const q = choice(generateQuestion('why', { seed, locale, difficulty }));
          const key = q.options.find((o) => o.id === q.answer.option)!.text.length;
          const others = q.options
            .filter((o) => o.id !== q.answer.option)
            .map((o) => o.text.length);
          if (others.every((l) => l < key)) longest++;
          if (others.every((l) => l > key)) shortest++;
          n++;
        }
      }
      expect(longest / n).toBeLessThanOrEqual(1 / 3);
      // Nor the reverse cue.
      expect(shortest / n).toBeLessThanOrEqual(1 / 3);
    },
  );

  test.each(LOCALES)(
    '%s: per item, the key is the strictly longest option in at most a third of the items',
    (locale) => {
      const longest = WHY_ITEMS.filter((item) =>
        item.wrong.every((w) => w.text[locale].length < item.correct[locale].length),
      );
      expect(longest.length / WHY_ITEMS.length).toBeLessThanOrEqual(1 / 3);
    },
  );
});

describe('why: each wrong option carries the misconception it was written for', () => {
  test.each(DIFFICULTIES)(
    'd%i, both locales: the question maps every wrong option to its item’s label',
    (difficulty) => {
      for (const locale of LOCALES) {
        for (const seed of SEEDS.slice(0, 60)) {
          const q = choice(generateQuestion('why', { seed, locale, difficulty }));
          const item = WHY_ITEMS.find((i) => i.id === q.source.focus['item'])!;
          for (const o of q.options) {
            if (o.id === q.answer.option) {
              expect(o.text).toBe(item.correct[locale]);
              continue;
            }
            const wrong = item.wrong.find((w) => w.text[locale] === o.text);
            expect(wrong, o.text).toBeDefined();
            expect(q.misconceptions[o.id]).toBe(wrong!.misconception);
          }
        }
      }
    },
  );

  test('every item: three distinct wrong options with feedback in both locales, none equal to the key', () => {
    for (const item of WHY_ITEMS) {
      expect(item.wrong).toHaveLength(3);
      for (const locale of LOCALES) {
        const texts = [item.correct[locale], ...item.wrong.map((w) => w.text[locale])];
        expect(new Set(texts).size, item.id).toBe(4);
      }
      for (const w of item.wrong) {
        expect(MISCONCEPTIONS[w.misconception].en.length).toBeGreaterThan(0);
        expect(MISCONCEPTIONS[w.misconception].zh.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('why: topics', () => {
  test('a question carries exactly its item’s topics', () => {
    for (const difficulty of DIFFICULTIES) {
      for (const seed of SEEDS.slice(0, 40)) {
        const q = generateQuestion('why', { seed, locale: 'en', difficulty });
        const item = WHY_ITEMS.find((i) => i.id === q.source.focus['item'])!;
        expect(q.topics).toEqual(item.topics);
      }
    }
  });

  test.each(TEMPLATES.why.topics.map((t) => [t] as const))(
    '%s: practice finds a why-question on it at every difficulty (within 64 seeds)',
    (topic) => {
      for (const difficulty of DIFFICULTIES) {
        const hit = Array.from({ length: 64 }, (_, seed) => seed).find((seed) =>
          generateQuestion('why', { seed, locale: 'en', difficulty }).topics.includes(topic),
        );
        expect(hit, `${topic} d${difficulty}`).toBeDefined();
      }
    },
  );

  test('no item is tagged with a topic it does not ask about: each topic word appears in the item', () => {
    // A loose guard against a copied topic list: the stem, key or explanation names the topic.
    const words: Record<string, RegExp> = {
      header: /header/i,
      'flow-control': /window/i,
      handshake: /handshake|SYN/i,
      'handshake-loss': /lost|retransmi/i,
      retransmission: /retransmi/i,
      isn: /ISN|sequence number/i,
      close: /close|FIN/i,
      'half-close': /shutdown|direction|half/i,
      'close-wait': /CLOSE_WAIT/,
      'time-wait': /TIME_WAIT|2MSL/,
      rst: /RST/,
      keepalive: /keepalive/i,
      simultaneous: /simultaneous|same moment|cross/i,
      'socket-api': /connect\(\)|shutdown\(|close\(\)|accept\(\)/,
      states: /FIN_WAIT1|CLOSING/,
    };
    for (const item of WHY_ITEMS) {
      const text = `${item.stem.en} ${item.correct.en} ${item.because.en}`;
      for (const topic of item.topics) {
        expect(words[topic], `${item.id}: no rule for ${topic}`).toBeDefined();
        expect(text, `${item.id} is tagged ${topic}`).toMatch(words[topic]!);
      }
    }
  });
});
