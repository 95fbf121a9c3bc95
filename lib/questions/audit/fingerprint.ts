// What the learner sees of a question, as one comparable string (fingerprint), its shape with
// the numbers blanked (structure), and the key as the learner would state it.

import { canonicalFlags, decidedPairs } from '../grade';
import { toPublicQuestion, type PublicTrace } from '../public';
import type { Question } from '../schema';

const ms = (t: number) => Math.round(t * 1000);

/** The diagram's content: segments, states and events, times to the millisecond. */
function diagram(trace: PublicTrace): unknown {
  return {
    segments: trace.segments.map((s) => [
      ms(s.t),
      s.from,
      s.to,
      s.flags,
      s.seq,
      s.ack,
      s.len,
      s.dropped,
    ]),
    states: trace.states.map((s) => [ms(s.t), s.endpoint, s.socket, s.state]),
    events: trace.events.map((e) => [
      ms(e.t),
      e.endpoint,
      e.event,
      e.errno ?? null,
      e.bytes ?? null,
    ]),
  };
}

/**
 * What the page shows beside the diagram: the public question without the labels that do not
 * change the question (template, locale, difficulty, topics, lesson), and its trace apart.
 */
export function shownParts(q: Question) {
  const {
    trace,
    template: _t,
    locale: _l,
    difficulty: _d,
    topics: _topics,
    lesson: _lesson,
    ...rest
  } = toPublicQuestion(q);
  return { trace, rest };
}

/**
 * The learner's view: the public question (stem, options, fields, unit) with the diagram
 * reduced to what it draws. Options are sorted, so two shuffles of one question look the same.
 */
export function fingerprint(q: Question): string {
  const { trace, rest } = shownParts(q);
  const view: Record<string, unknown> = { ...rest };
  if ('options' in view && Array.isArray(view['options']))
    view['options'] = (rest as { options: { text: string }[] }).options.map((o) => o.text).sort();
  return JSON.stringify({ ...view, trace: trace === null ? null : diagram(trace) });
}

/** The fingerprint's shape: every run of digits becomes #. */
export function structure(fp: string): string {
  return fp.replace(/\d+/g, '#');
}

/**
 * The key as the learner states it (option texts, not ids), for comparing questions. `text`
 * writes an option's text and `num` a number (the shape fingerprint passes its own, shape.ts).
 * An order key is the set of pairs it decides (`decidedPairs`, what grading scores): two keys
 * that accept the same orders are one key, whichever consistent order each lists.
 */
export function keyText(
  q: Question,
  text: (option: string) => string = (t) => t,
  num: (n: number) => string = String,
): string {
  const option = (id: string) =>
    text('options' in q ? (q.options.find((o) => o.id === id)?.text ?? `?${id}`) : id);
  switch (q.kind) {
    case 'choice':
      return option(q.answer.option);
    case 'multi':
      return q.answer.options.map(option).sort().join(' | ');
    case 'numeric':
      return num(q.answer.value);
    case 'fields': {
      const f = q.answer.fields;
      const n = (v: number | null) => (v === null ? '-' : num(v));
      return `${canonicalFlags(f.flags) ?? f.flags} ${n(f.seq)} ${n(f.ack)}`;
    }
    case 'order':
      return decidedPairs(q.answer)
        .map(([a, b]) => `${option(a)} < ${option(b)}`)
        .sort()
        .join(' | ');
  }
}

/** A key reduced to what comparing two questions needs. */
export interface KeyRep {
  text: string;
  /** Numeric keys: the value and the grader's tolerance. */
  value?: number;
  tolerance?: number;
}

export function keyRep(q: Question): KeyRep {
  return q.kind === 'numeric'
    ? { text: keyText(q), value: q.answer.value, tolerance: q.answer.tolerance }
    : { text: keyText(q) };
}

/** Two keys a learner would give differently (numeric keys within tolerance are the same). */
export function keysDiffer(a: KeyRep, b: KeyRep): boolean {
  if (a.value !== undefined && b.value !== undefined) {
    const tol = Math.max(a.tolerance ?? 0, b.tolerance ?? 0);
    return Math.abs(a.value - b.value) > tol + 1e-9;
  }
  return a.text !== b.text;
}

/** A 64-bit hash as 16 hex digits (two FNV-1a passes): fingerprints are long, maps are many. */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
