// toPublicQuestion: what a browser may see before grading, and nothing more: the stem, the
// options or fields, and the shown prefix of the trace. No key, explanation, misconception map
// or simulation source; no seed, scenario name or parameters either, since with any of them
// the open-source generator or simulator recomputes the key (or the scenario's name says it).

import { numberingOf, type Numbering } from './numbering';
import type { Question, ShownTrace } from './schema';

type Hidden = 'answer' | 'explanation' | 'misconceptions' | 'source' | 'seed' | 'trace';
/** Omit that keeps a union a union (one member per kind). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The shown trace prefix: what draws the diagram (segments, states, events, timers). */
export type PublicTrace = Omit<ShownTrace, 'scenario' | 'seed' | 'params'>;

export type PublicQuestion = OmitEach<Question, Hidden> & {
  trace: PublicTrace | null;
  /** The numbering the question's text uses: the diagram beside it starts in it. */
  numbering: Numbering;
};

/** What regenerates a question exactly; the browser gets it only after grading. */
export type QuestionIdentity = Pick<Question, 'template' | 'seed' | 'locale' | 'difficulty'>;

function publicTrace(trace: ShownTrace): PublicTrace {
  const { scenario: _sc, seed: _se, params: _p, ...shown } = trace;
  return shown;
}

function strip<T extends Question>(
  q: T,
): Omit<T, Hidden> & { trace: PublicTrace | null; numbering: Numbering } {
  const {
    answer: _a,
    explanation: _e,
    misconceptions: _m,
    source: _s,
    seed: _seed,
    trace,
    ...rest
  } = q;
  return { ...rest, trace: trace && publicTrace(trace), numbering: numberingOf(q) };
}

/** The question without anything that reveals the key; safe to send to a browser. */
export function toPublicQuestion(q: Question): PublicQuestion {
  // One case per kind so each member keeps its own fields (options, fields, unit).
  switch (q.kind) {
    case 'choice':
      return strip(q);
    case 'multi':
      return strip(q);
    case 'numeric':
      return strip(q);
    case 'fields':
      return strip(q);
    case 'order':
      return strip(q);
  }
}
