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
  test.each(SEEDS)('seq-ack-numbers d1, seed %i: ack = ISN + 1 (mod 2^32)', (seed) => {
    const q = generateQuestion('seq-ack-numbers', { seed, locale: 'en', difficulty: 1 });
    const isn = Number(/seq = (\d+)/.exec(q.stem)?.[1]);
    expect(q.kind === 'numeric' && q.answer.value).toBe((isn + 1) % 2 ** 32);
  });

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

  test.each(SEEDS)('exam-word-problem d2, seed %i: ack = seq + both payloads', (seed) => {
    const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty: 2 });
    const [l1, l2] = [...q.stem.matchAll(/(\d+) bytes|carrying (\d+) and (\d+)/g)][0]!
      .slice(2, 4)
      .map(Number);
    const s = Number(/seq = (\d+)/.exec(q.stem)?.[1]);
    expect(q.kind === 'numeric' && q.answer.value).toBe(s + (l1 ?? 0) + (l2 ?? 0));
  });

  test.each(SEEDS)('exam-word-problem d1, seed %i: third segment is (x + 1, y + 1)', (seed) => {
    const q = generateQuestion('exam-word-problem', { seed, locale: 'en', difficulty: 1 });
    const [x, y] = [...q.stem.matchAll(/(?:seq = |number is )(\d+)/g)].map((m) => Number(m[1]));
    expect(option(q)).toBe(`seq = ${(x ?? 0) + 1}, ack = ${(y ?? 0) + 1}`);
  });
});
