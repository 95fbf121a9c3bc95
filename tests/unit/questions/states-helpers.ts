// Shared helpers of the state-family tests (next-state, close-outcome, handshake-loss,
// connect-to-closed): seed sweeps, the key as text and the segment a stem names. What the
// learner sees and the look-alike checks are the audit's (looks-states.test.ts).

import { generateQuestion, type Question } from '@/lib/questions';
import { keyText } from '@/lib/questions/audit/fingerprint';
import type { Difficulty, TemplateId } from '@/lib/questions';

export const STATE_TEMPLATES = [
  'next-state',
  'close-outcome',
  'handshake-loss',
  'connect-to-closed',
] as const satisfies readonly TemplateId[];

/** `n` English questions of one template and difficulty, seeds 0..n−1. */
export function sweep(template: TemplateId, difficulty: Difficulty, n: number): Question[] {
  return Array.from({ length: n }, (_, seed) =>
    generateQuestion(template, { seed, locale: 'en', difficulty }),
  );
}

/** The key as the learner would write it: the audit's `keyText` (option texts, the number). */
export function keyOf(q: Question): string {
  return keyText(q);
}

/** The number of a segment a stem names ("segment #7"). */
export function stemSegment(q: Question): number | null {
  const m = /segment #(\d+)/i.exec(q.stem);
  return m === null ? null : Number(m[1]);
}
