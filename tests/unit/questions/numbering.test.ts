// A question says which numbering its text uses, so the diagram beside it starts in the same
// one (issue 18, finding 5: stems quote absolute numbers, diagrams showed relative ones).
import { describe, expect, test } from 'vitest';
import {
  generateQuestion,
  listTemplates,
  numberingOf,
  runSource,
  toPublicQuestion,
  type Question,
} from '@/lib/questions';
import { segmentNumbers } from '@/lib/trace-export';

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);
const levels = listTemplates().flatMap((t) => t.difficulties.map((d) => [t.id, d] as const));

/** The key's numbers, when it is made of numbers. */
function keyNumbers(q: Question): number[] {
  const a = q.answer;
  if ('fields' in a) return [a.fields.seq, a.fields.ack].filter((n): n is number => n !== null);
  if ('value' in a) return [a.value];
  return [];
}

describe.each(levels)('%s difficulty %i', (template, difficulty) => {
  test('a key that is an absolute sequence or ack number marks the question absolute', () => {
    for (const seed of SEEDS) {
      const q = generateQuestion(template, { seed, difficulty, locale: 'en' });
      if (q.trace === null) continue;
      const full = runSource(q.source);
      // Absolute numbers of the whole run that differ from their relative ones.
      const absolute = new Set(
        (full?.segments ?? []).flatMap((s) => {
          const abs = segmentNumbers(s, 'absolute');
          return [
            ...(abs.seq !== null && abs.seq !== s.seq ? [abs.seq, abs.seq + s.len] : []),
            ...(abs.ack !== null && abs.ack !== s.ack ? [abs.ack] : []),
          ];
        }),
      );
      if (keyNumbers(q).some((n) => absolute.has(n)))
        expect(numberingOf(q), `${template} seed ${seed}`).toBe('absolute');
    }
  });

  test('both languages of a question use the same numbering, and the public one says so', () => {
    for (const seed of SEEDS.slice(0, 8)) {
      const en = generateQuestion(template, { seed, difficulty, locale: 'en' });
      const zh = generateQuestion(template, { seed, difficulty, locale: 'zh' });
      expect(numberingOf(zh)).toBe(numberingOf(en));
      expect(toPublicQuestion(en).numbering).toBe(numberingOf(en));
    }
  });
});

describe('numberingOf', () => {
  const base = generateQuestion('next-state', { seed: 3, difficulty: 2, locale: 'en' });
  const trace = base.trace!;
  const syn = trace.segments[0]!;
  const relativeOnly: Question = {
    ...base,
    stem: 'The client sent seq 0, the server answered ack 1. Which state comes next?',
    explanation: '1. The ACK of 1 confirms the SYN.',
  };

  test.each<[string, Question, 'absolute' | 'relative']>([
    ['a stem quoting the wire value of a shown segment', base, 'absolute'],
    ['text with only relative numbers', relativeOnly, 'relative'],
    [
      'a stem quoting the client ISN + 1',
      { ...relativeOnly, stem: `The client's data starts at ${syn.abs_seq + 1}.` },
      'absolute',
    ],
    [
      'an explanation quoting an absolute number',
      { ...relativeOnly, explanation: `ack = ${syn.abs_seq + 1}` },
      'absolute',
    ],
    ['no trace', { ...base, trace: null }, 'relative'],
    [
      // Ports, windows and times are not sequence numbers.
      'other large numbers (port, window)',
      { ...relativeOnly, stem: `Port ${syn.cport}, window ${syn.win}, 65535 bytes.` },
      'relative',
    ],
  ])('%s → %s', (_name, q, numbering) => {
    expect(numberingOf(q)).toBe(numbering);
  });
});
