// Identical-looking questions of the segment templates (next-segment, order-segments,
// spot-the-error, seq-ack-numbers): over 500 seeds per difficulty, questions that show the
// learner the same thing (the public question, the trace reduced to what the diagram draws)
// have the same key. Two keys for one view means the key depends on something not shown.
// ISNs are random, so exact views rarely repeat; the second grouping also writes every number
// relative to the ISN it counts from (as the diagram's relative mode does), which groups
// questions of the same shape.

import { describe, expect, test } from 'vitest';
import { generateQuestion, runSource, toPublicQuestion, type Question } from '@/lib/questions';
import { decidedPairs } from '@/lib/questions/grade';

const SEEDS = 500;

/** What the learner sees: the public question, the trace as the diagram draws it (no times). */
function view(q: Question): string {
  const p = toPublicQuestion(q);
  const trace =
    p.trace === null
      ? null
      : {
          segments: p.trace.segments.map((s) => [s.from, s.flags, s.abs_seq, s.abs_ack, s.len]),
          states: p.trace.states.map((s) => [s.endpoint, s.socket, s.state]),
          events: p.trace.events.map((e) => [e.endpoint, e.event, e.bytes ?? null]),
        };
  return JSON.stringify({ ...p, trace });
}

/** The client's and the server's ISN, from the question's simulation. */
function isnsOf(q: Question): [string, number | undefined][] {
  const trace = runSource(q.source);
  const isn = (from: string) =>
    trace?.segments.find((s) => s.from === from && s.flags.includes('S'))?.abs_seq;
  return [
    ['c', isn('client')],
    ['s', isn('server')],
  ];
}

/** Numbers within 2^20 after an ISN, written relative to it: "c+1", "s+780". */
function relative(bases: [string, number | undefined][], text: string): string {
  return text.replace(/\d{4,}/g, (digits) => {
    const n = Number(digits);
    for (const [name, base] of bases) {
      if (base === undefined) continue;
      const d = (n - base + 2 ** 32) % 2 ** 32;
      if (d < 2 ** 20) return `${name}+${d}`;
    }
    return digits;
  });
}

/** The key up to equivalence: an order key is the set of pairs it decides. */
function key(q: Question): string {
  if (q.kind === 'order')
    return JSON.stringify(
      decidedPairs(q.answer)
        .map((p) => p.join('<'))
        .sort(),
    );
  return JSON.stringify(q.answer);
}

describe.each(['next-segment', 'order-segments', 'spot-the-error', 'seq-ack-numbers'] as const)(
  '%s',
  (template) => {
    test.each([1, 2, 3] as const)(
      `difficulty %i: ${SEEDS} seeds, no view with two keys`,
      (difficulty) => {
        const exact = new Map<string, { key: string; seed: number }>();
        const shape = new Map<string, { key: string; seed: number }>();
        const clashes: string[] = [];
        const group = (
          groups: Map<string, { key: string; seed: number }>,
          v: string,
          k: string,
          seed: number,
        ) => {
          const seen = groups.get(v);
          if (seen === undefined) groups.set(v, { key: k, seed });
          else if (seen.key !== k) clashes.push(`seeds ${seen.seed} and ${seed}: ${v}`);
        };
        for (let seed = 0; seed < SEEDS; seed++) {
          const q = generateQuestion(template, { seed, locale: 'en', difficulty });
          const v = view(q);
          const k = key(q);
          const bases = isnsOf(q);
          group(exact, v, k, seed);
          group(shape, relative(bases, v), relative(bases, k), seed);
        }
        expect(clashes).toEqual([]);
      },
      30_000,
    );
  },
);
