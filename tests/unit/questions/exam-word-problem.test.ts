// exam-word-problem: each wrong option or value is what its named misconception computes
// from the stem's own numbers, and each question carries the topics it is about.

import { describe, expect, test } from 'vitest';
import { generateQuestion, type Question } from '@/lib/questions';

const SEEDS = Array.from({ length: 80 }, (_, i) => i);

function num(re: RegExp, text: string): number {
  const m = re.exec(text);
  if (m === null) throw new Error(`${String(re)} not found in: ${text}`);
  return Number(m[1]);
}

function labelled(q: Question): [string, string][] {
  if (q.kind === 'choice')
    return Object.entries(q.misconceptions).map(([id, m]) => [
      q.options.find((o) => o.id === id)!.text,
      m,
    ]);
  return Object.entries(q.misconceptions);
}

/** What each misconception computes from this stem (all its outcomes), by difficulty. */
function rules(q: Question): Record<string, string[]> {
  const t = q.stem;
  if (q.difficulty === 1) {
    const x = num(/SYN has seq = (\d+)/, t);
    const y = num(/initial sequence number is (\d+)/, t);
    const P = (s: number, a: number) => `seq = ${s}, ack = ${a}`;
    return {
      // Neither SYN consumes a number, or only the server's does not.
      'syn-consumes-no-sequence-number': [P(x, y), P(x + 1, y)],
      // The ack taken from one's own sequence space.
      'ack-from-own-space': [P(y + 1, x + 1), P(x + 1, x + 1)],
    };
  }
  if (q.difficulty === 2) {
    const after =
      /SYN has seq = (\d+)\. After the handshake, A sends B one segment carrying (\d+) bytes/.exec(
        t,
      );
    if (after !== null) {
      const x = Number(after[1]);
      const l = Number(after[2]);
      return {
        'syn-consumes-no-sequence-number': [String(x + l)],
        // The ack is the data segment's own seq.
        'ack-equals-seq': [String(x + 1)],
      };
    }
    const s = num(/the first has seq = (\d+)/, t);
    const l1 = num(/carrying (\d+) and/, t);
    const l2 = num(/and (\d+) bytes of payload/, t);
    return {
      // One byte short or one over: the last byte received, or the byte after the next.
      'off-by-payload': [String(s + l1 + l2 - 1), String(s + l1 + l2 + 1)],
      // The seq of the second segment (the last one acknowledged).
      'ack-equals-seq': [String(s + l1)],
    };
  }
  const s = num(/the first with seq = (\d+)/, t);
  const mss = num(/the MSS is (\d+) bytes/, t);
  return {
    // Acknowledging past the hole, as if the lost segment had arrived.
    'ack-skips-hole': [String(s + 3 * mss)],
    // The seq of the segment that just arrived.
    'ack-equals-seq': [String(s + 2 * mss)],
  };
}

describe('exam-word-problem', () => {
  test.each([1, 2, 3] as const)(
    'd%i: each label computes exactly its option from the stem',
    (difficulty) => {
      for (const seed of SEEDS) {
        const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty });
        const table = rules(q);
        for (const [shown, label] of labelled(q)) {
          expect(table[label], `${label} applies to: ${q.stem}`).toBeDefined();
          expect(table[label], `${label} in: ${q.stem}`).toContain(shown);
        }
      }
    },
  );

  test.each([1, 2, 3] as const)('d%i: topics are what the question is about', (difficulty) => {
    for (const seed of SEEDS) {
      const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty });
      expect(q.topics).toContain('sequence-numbers');
      // The handshake topic only where the handshake's numbers are asked about.
      expect(q.topics.includes('handshake'), q.stem).toBe(/SYN/.test(q.stem));
      expect(q.topics.includes('retransmission'), q.stem).toBe(/is lost/.test(q.stem));
    }
  });

  test('d1 and d2 each have two structures', () => {
    for (const difficulty of [1, 2] as const) {
      const variants = new Set(
        SEEDS.map(
          (seed) =>
            generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty }).source.focus[
              'variant'
            ],
        ),
      );
      expect(variants.size).toBe(2);
    }
  });
});
