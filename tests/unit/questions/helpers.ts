// Shared checks for the question tests: every property a generated question must have,
// asserted against a fresh simulation of its recorded source.

import { simulateNamed } from '@/lib/engine';
import { expect } from 'vitest';
import { TEMPLATES, questionSchema, toPublicQuestion, type Question } from '@/lib/questions';

/** The text of the key, as the explanation must state it. */
export function keyText(q: Question): string[] {
  switch (q.kind) {
    case 'choice':
      return [q.options.find((o) => o.id === q.answer.option)?.text ?? '<missing>'];
    case 'multi':
      return q.answer.options.map((id) => q.options.find((o) => o.id === id)?.text ?? '<missing>');
    case 'numeric':
      return [String(q.answer.value)];
    case 'fields': {
      const f = q.answer.fields;
      return [
        ...(f.seq === null ? [] : [`seq=${f.seq}`]),
        ...(f.ack === null ? [] : [`ack=${f.ack}`]),
      ];
    }
    case 'order':
      return [q.answer.order.join(' → ')];
  }
}

/** Assert every invariant of one question; returns the fresh trace used. */
export function checkQuestion(q: Question): void {
  const parsed = questionSchema.safeParse(q);
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  // The key comes from the engine: a fresh simulation of the recorded source, straight through
  // the engine's own `set` path (not lib/questions' cache of overridden scenarios), agrees.
  const { scenario, seed, profile, set } = q.source;
  const fresh =
    scenario === null
      ? null
      : simulateNamed(scenario, { seed, set, ...(profile === undefined ? {} : { profile }) });
  expect(TEMPLATES[q.template].solve(fresh, q)).toEqual(q.answer);
  // The explanation states the key.
  for (const text of keyText(q)) expect(q.explanation).toContain(text);
  if (q.kind === 'choice' || q.kind === 'multi' || q.kind === 'order') {
    const ids = q.options.map((o) => o.id);
    const texts = q.options.map((o) => o.text);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(texts).size).toBe(texts.length);
  }
  if (q.kind === 'choice') {
    expect(q.options.filter((o) => o.id === q.answer.option)).toHaveLength(1);
    // The misconception map names wrong options that exist.
    for (const id of Object.keys(q.misconceptions)) {
      expect(q.options.some((o) => o.id === id)).toBe(true);
      expect(id).not.toBe(q.answer.option);
    }
  }
  if (q.kind === 'numeric') {
    for (const v of Object.keys(q.misconceptions))
      expect(Math.abs(Number(v) - q.answer.value)).toBeGreaterThan(q.answer.tolerance);
  }
  if (q.kind === 'order') {
    expect([...q.answer.order].sort()).toEqual(q.options.map((o) => o.id).sort());
  }
  // The shown trace is a prefix of the real one (spot-the-error alters one segment on purpose).
  if (q.trace !== null && fresh !== null && q.template !== 'spot-the-error') {
    expect(q.trace.segments).toEqual(fresh.segments.slice(0, q.trace.segments.length));
    const end = q.trace.end;
    expect(q.trace.states.every((s) => s.t < end)).toBe(true);
    expect(q.trace.events.every((e) => e.t < end)).toBe(true);
    expect(q.trace.timers).toEqual([]);
  }
  const pub = toPublicQuestion(q);
  for (const hidden of ['answer', 'explanation', 'misconceptions', 'source'])
    expect(Object.keys(pub)).not.toContain(hidden);
}
