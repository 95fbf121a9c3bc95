// toPublicQuestion: what a browser may see before grading (no key, explanation, misconception
// map, or the simulation source, from which the key could be recomputed).

import type { Question } from './schema';

type Hidden = 'answer' | 'explanation' | 'misconceptions' | 'source';
/** Omit that keeps a union a union (one member per kind). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type PublicQuestion = OmitEach<Question, Hidden>;

function strip<T extends Question>(q: T): Omit<T, Hidden> {
  const { answer: _a, explanation: _e, misconceptions: _m, source: _s, ...rest } = q;
  return rest;
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
