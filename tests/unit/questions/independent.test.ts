// Keys checked against rules stated independently of the generators (the textbook and Linux
// facts in FIDELITY.md), so an engine or generator regression cannot agree with itself.

import { describe, expect, test } from 'vitest';
import { generateQuestion, type Question } from '@/lib/questions';

const SEEDS = Array.from({ length: 24 }, (_, i) => i);

function option(q: Question): string {
  if (q.kind !== 'choice') throw new TypeError('expected a choice question');
  return q.options.find((o) => o.id === q.answer.option)?.text ?? '';
}

describe('independent rules', () => {
  test.each(SEEDS)(
    'seq-ack-numbers d1, seed %i: the key is the first stated ISN + 1 (mod 2^32), ack or seq',
    (seed) => {
      const q = generateQuestion('seq-ack-numbers', { seed, locale: 'en', difficulty: 1 });
      const isn = Number(/seq = (\d+)/.exec(q.stem)?.[1]);
      expect(q.kind === 'numeric' && q.answer.value).toBe((isn + 1) % 2 ** 32);
    },
  );

  test.each(SEEDS)('listen-queues d1, seed %i: min(backlog, somaxconn) + 1 complete', (seed) => {
    const q = generateQuestion('listen-queues', { seed, locale: 'en', difficulty: 1 });
    // d1 also asks about a legitimate client in a SYN flood (tests/unit/questions/listen-queues).
    if (!q.stem.includes('Four clients connect')) return;
    const b = Number(/backlog = (\d+)/.exec(q.stem)?.[1]);
    const s = Number(/somaxconn = (\d+)/.exec(q.stem)?.[1]);
    expect(q.kind === 'numeric' && q.answer.value).toBe(Math.min(b, s) + 1);
  });

  test.each(SEEDS)('close-outcome d2, seed %i: 60 s on linux, 2 × MSL under rfc', (seed) => {
    const q = generateQuestion('close-outcome', { seed, locale: 'en', difficulty: 2 });
    const msl = /MSL = (\d+) s/.exec(q.stem);
    expect(option(q)).toBe(msl === null ? '60 s' : `${2 * Number(msl[1])} s`);
  });

  test.each(SEEDS)('handshake-loss d3, seed %i: rfc retransmission k at 2^k − 1 s', (seed) => {
    const q = generateQuestion('handshake-loss', { seed, locale: 'en', difficulty: 3 });
    const k = Number(/retransmission #(\d+)/.exec(q.stem)?.[1]);
    if (!q.stem.includes('rfc')) return;
    expect(q.kind === 'numeric' && Math.abs(q.answer.value - (2 ** k - 1))).toBeLessThan(0.05);
  });

  test.each(SEEDS)(
    'exam-word-problem d2, seed %i: ack = seq + both payloads, or ISN + 1 + data',
    (seed) => {
      const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty: 2 });
      const value = q.kind === 'numeric' && q.answer.value;
      const after =
        /A's SYN has seq = (\d+)\. After the handshake, A sends B one segment carrying (\d+) bytes/.exec(
          q.stem,
        );
      if (after !== null) {
        // The SYN consumes one number: the first data byte is ISN + 1.
        expect(value).toBe(Number(after[1]) + 1 + Number(after[2]));
        return;
      }
      const [l1, l2] = [...q.stem.matchAll(/(\d+) bytes|carrying (\d+) and (\d+)/g)][0]!
        .slice(2, 4)
        .map(Number);
      const s = Number(/seq = (\d+)/.exec(q.stem)?.[1]);
      expect(value).toBe(s + (l1 ?? 0) + (l2 ?? 0));
    },
  );

  test.each(SEEDS)(
    'exam-word-problem d1, seed %i: third or first data segment is (x + 1, y + 1)',
    (seed) => {
      const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty: 1 });
      const [x, y] = [...q.stem.matchAll(/(?:seq = |number is )(\d+)/g)].map((m) => Number(m[1]));
      expect(option(q)).toBe(`seq = ${(x ?? 0) + 1}, ack = ${(y ?? 0) + 1}`);
    },
  );

  test.each(SEEDS)(
    'exam-word-problem d3, seed %i: the cumulative ack stops at the lost segment',
    (seed) => {
      const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty: 3 });
      const s = Number(/the first with seq = (\d+)/.exec(q.stem)?.[1]);
      const mss = Number(/the MSS is (\d+) bytes/.exec(q.stem)?.[1]);
      const lost = Number(/Segment (\d) is lost/.exec(q.stem)?.[1]);
      expect(q.kind === 'numeric' && q.answer.value).toBe(s + (lost - 1) * mss);
    },
  );
});
