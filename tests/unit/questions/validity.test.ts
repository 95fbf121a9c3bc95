// Answer invariance (lib/questions/validity.ts): a key that an unstated fact would change is
// caught, a variation that shows the learner other segments does not count, and the registry
// draws another plan rather than emit such a question.

import { describe, expect, test } from 'vitest';
import type { Trace } from '@/lib/engine';
import {
  TEMPLATES,
  checkInvariance,
  defaultVariations,
  generateQuestion,
  runSource,
  type Question,
  type TemplateDef,
} from '@/lib/questions';
import { prefixTrace, runSim, sourceOf } from '@/lib/questions/build';
import { invarianceOf } from '@/lib/questions/validity';
import { drawQuestion } from '@/lib/questions/registry';
import { createRng } from '@/lib/engine';

/** A numeric question on handshake-data-close whose key is read from the trace by `key`. */
function probe(key: (trace: Trace) => number, hidden?: TemplateDef['hidden']): TemplateDef {
  const spec = { scenario: 'handshake-data-close', seed: 11, set: {} };
  const solve = (trace: Trace | null) => ({ value: key(trace!), tolerance: 0 });
  return {
    id: 'seq-ack-numbers',
    topics: ['sequence-numbers'],
    kinds: ['numeric'],
    difficulties: [1],
    generate: () => {
      const trace = runSim(spec);
      return {
        kind: 'numeric',
        topics: ['sequence-numbers'],
        lesson: 'sequence-numbers',
        stem: 'probe',
        trace: prefixTrace(trace, 2, trace.segments[2]!.t),
        explanation: 'probe',
        misconceptions: {},
        source: sourceOf(spec, {}),
        answer: solve(trace),
      };
    },
    solve,
    ...(hidden === undefined ? {} : { hidden }),
  };
}

function questionOf(def: TemplateDef): Question {
  const body = def.generate({ rng: undefined as never, locale: 'en', difficulty: 1 });
  return { template: def.id, seed: 1, locale: 'en', difficulty: 1, ...body };
}

describe('invarianceOf', () => {
  test('a key read from what the learner sees holds under every variation', () => {
    const def = probe((t) => t.segments[1]!.abs_ack!);
    const r = invarianceOf(questionOf(def), def);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(3);
  });

  test('a key that is a time the stem never states fails under the link delay', () => {
    const def = probe((t) => t.segments.at(-1)!.t);
    const r = invarianceOf(questionOf(def), def);
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.variation)).toEqual(
      expect.arrayContaining(['link.delay×0.5', 'link.delay×2']),
    );
  });

  test('a template that states the link delay leaves that variation out', () => {
    const def = probe(
      (t) => t.segments.at(-1)!.t,
      (q, trace) => defaultVariations(q, trace).filter((v) => !v.id.startsWith('link.delay')),
    );
    const r = invarianceOf(questionOf(def), def);
    expect(r.failures.map((f) => f.variation)).not.toContain('link.delay×2');
  });

  test('a solver that throws under a variation is a failure, not a pass', () => {
    const def = probe((t) => {
      if (Number(t.params['link.delay']) !== 0.01) throw new RangeError('no such segment');
      return 1;
    });
    const r = invarianceOf(questionOf(def), def);
    expect(r.ok).toBe(false);
    expect(r.failures.some((f) => f.error === 'no such segment')).toBe(true);
  });

  test('a variation that changes the shown segments does not apply', () => {
    const def = probe(() => 1);
    const q = questionOf(def);
    // Show a segment the re-simulations never send: no variation matches what is shown.
    const shown = q.trace!.segments.map((s, i) => (i === 0 ? { ...s, abs_seq: s.abs_seq + 1 } : s));
    const r = invarianceOf({ ...q, trace: { ...q.trace!, segments: shown } }, def);
    expect(r).toEqual({ ok: true, checked: 0, failures: [] });
  });

  test('each default variation changes the simulation it names', () => {
    const q = questionOf(probe(() => 1));
    const trace = runSource(q.source)!;
    for (const v of defaultVariations(q, trace)) {
      const other = runSource({
        ...q.source,
        seed: v.seed ?? q.source.seed,
        ...(v.profile === undefined ? {} : { profile: v.profile }),
        set: { ...q.source.set, ...v.set },
      })!;
      const changed =
        JSON.stringify(other.params) !== JSON.stringify(trace.params) ||
        other.profile !== trace.profile;
      expect(changed, v.id).toBe(true);
    }
  });
});

describe('generateQuestion', () => {
  test.each(['next-state', 'next-segment', 'close-outcome', 'seq-ack-numbers'] as const)(
    '%s: every emitted question holds under the facts it does not state',
    (template) => {
      for (let seed = 0; seed < 12; seed++) {
        for (const difficulty of TEMPLATES[template].difficulties) {
          const q = generateQuestion(template, { seed, locale: 'en', difficulty });
          expect(checkInvariance(q).failures, `${template} d${difficulty} seed ${seed}`).toEqual(
            [],
          );
        }
      }
    },
  );
});

describe('drawQuestion', () => {
  const header = { template: 'seq-ack-numbers', seed: 1, locale: 'en', difficulty: 1 } as const;

  test('a plan whose key moves is drawn again; the next plan that holds is emitted', () => {
    let draws = 0;
    const timed = probe((t) => t.segments.at(-1)!.t);
    const stable = probe((t) => t.segments[1]!.abs_ack!);
    const def: TemplateDef = {
      ...stable,
      generate: (ctx) => (++draws < 3 ? timed.generate(ctx) : stable.generate(ctx)),
      solve: (trace, q) => (draws < 3 ? timed.solve(trace, q) : stable.solve(trace, q)),
    };
    const q = drawQuestion(def, header, createRng('x'));
    expect(draws).toBe(3);
    expect(q.answer).toEqual(stable.solve(runSource(q.source), q));
  });

  test('a template that never holds fails loudly instead of emitting a wrong key', () => {
    const def = probe((t) => t.segments.at(-1)!.t);
    expect(() => drawQuestion(def, header, createRng('x'))).toThrow(
      expect.objectContaining({ code: 'NO_VALID_QUESTION' }),
    );
  });
});
