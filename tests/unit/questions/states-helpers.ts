// Shared helpers of the state-family tests (next-state, close-outcome, handshake-loss,
// connect-to-closed): seed sweeps, what the learner sees of a question, and its key as text.

import { generateQuestion, toPublicQuestion, type Question } from '@/lib/questions';
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

/** The key as the learner would write it: option texts, or the number. */
export function keyOf(q: Question): string {
  switch (q.kind) {
    case 'choice':
      return q.options.find((o) => o.id === q.answer.option)?.text ?? '<missing>';
    case 'multi':
      return q.answer.options
        .map((id) => q.options.find((o) => o.id === id)?.text ?? '<missing>')
        .sort()
        .join(' | ');
    case 'numeric':
      return String(q.answer.value);
    default:
      return JSON.stringify(q.answer);
  }
}

/** Two keys a learner could not tell apart are the same (numeric: within the tolerance). */
export function sameKey(a: Question, b: Question): boolean {
  if (a.kind === 'numeric' && b.kind === 'numeric')
    return Math.abs(a.answer.value - b.answer.value) <= a.answer.tolerance + b.answer.tolerance;
  return keyOf(a) === keyOf(b);
}

/**
 * What the learner sees: the public question with the trace reduced to what the diagram
 * draws (segments' from/flags/seq/ack/len, whether lost; states; events), option texts in a
 * fixed order, and absolute sequence numbers (random ISNs) in the stem masked.
 */
export function shownView(q: Question): string {
  const p = toPublicQuestion(q);
  const trace =
    p.trace === null
      ? null
      : {
          segments: p.trace.segments.map((s) => [s.from, s.flags, s.seq, s.ack, s.len, s.dropped]),
          states: p.trace.states.map((s) => [s.endpoint, s.socket, s.state]),
          events: p.trace.events.map((e) => [e.endpoint, e.event]),
        };
  const options = 'options' in p ? p.options.map((o) => o.text).sort() : null;
  return JSON.stringify({ kind: p.kind, stem: p.stem.replace(/\d{6,}/g, '#'), options, trace });
}

/**
 * The view with every number of the diagram (and any stem number equal to one, such as a
 * payload size) replaced by its order of first appearance: questions that differ only in a
 * payload size or an ISN look the same, while equalities (an ack equal to a FIN's seq + 1)
 * still show. Stem numbers the diagram does not hold (MSL, tcp_syn_retries) stay as they are.
 */
export function shapeView(q: Question): string {
  const p = toPublicQuestion(q);
  const symbols = new Map<number, string>();
  const sym = (n: number | null) => {
    if (n === null) return null;
    if (!symbols.has(n)) symbols.set(n, `v${symbols.size}`);
    return symbols.get(n)!;
  };
  const trace =
    p.trace === null
      ? null
      : {
          segments: p.trace.segments.map((s) => [
            s.from,
            s.flags,
            sym(s.seq),
            sym(s.ack),
            sym(s.len),
            s.dropped,
          ]),
          states: p.trace.states.map((s) => [s.endpoint, s.socket, s.state]),
          events: p.trace.events.map((e) => [e.endpoint, e.event]),
        };
  const stem = p.stem
    .replace(/\d{6,}/g, '#')
    .replace(/\d+/g, (m) => (symbols.has(Number(m)) ? symbols.get(Number(m))! : m));
  const options = 'options' in p ? p.options.map((o) => o.text).sort() : null;
  return JSON.stringify({ kind: p.kind, stem, options, trace });
}

/** Groups of questions that look the same but have different keys. */
export function conflicts(questions: readonly Question[], view: (q: Question) => string) {
  const groups = new Map<string, Question[]>();
  for (const q of questions) {
    const v = view(q);
    const g = groups.get(v);
    if (g === undefined) groups.set(v, [q]);
    else g.push(q);
  }
  return [...groups.values()]
    .filter((g) => g.some((q) => !sameKey(q, g[0]!)))
    .map((g) => g.map((q) => `seed ${q.seed}: ${keyOf(q)}`));
}

/** The number of a segment a stem names ("segment #7"). */
export function stemSegment(q: Question): number | null {
  const m = /segment #(\d+)/i.exec(q.stem);
  return m === null ? null : Number(m[1]);
}

/** Seeds per difficulty of the identical-looking and variety checks. */
export const VIEW_SEEDS = 500;

/** Share of choice questions whose key sits at each option position ("a", "b", …). */
export function positionShares(questions: readonly Question[]): Map<string, number> {
  const choice = questions.filter((q) => q.kind === 'choice');
  const out = new Map<string, number>();
  for (const q of choice) out.set(q.answer.option, (out.get(q.answer.option) ?? 0) + 1);
  for (const [k, v] of out) out.set(k, v / choice.length);
  return out;
}

/** Share of choice questions whose key is strictly the longest option. */
export function longestKeyShare(questions: readonly Question[]): number {
  const choice = questions.filter((q) => q.kind === 'choice');
  if (choice.length === 0) return 0;
  const longest = choice.filter((q) => {
    const key = q.options.find((o) => o.id === q.answer.option)!.text.length;
    return q.options.every((o) => o.id === q.answer.option || o.text.length < key);
  });
  return longest.length / choice.length;
}
