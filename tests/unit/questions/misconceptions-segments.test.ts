// Misconception labels of the segment templates, as tables: for each template the rule that
// turns a misconception into a wrong value is written out here, from what the learner sees
// (the stem's numbers, the shown segments), and every labelled wrong value must be exactly
// what its misconception produces; grading that value names it, and its feedback agrees with
// the stem.

import { describe, expect, test } from 'vitest';
import type { TraceSegment } from '@/lib/engine';
import {
  MISCONCEPTIONS,
  generateQuestion,
  grade,
  runSource,
  type MisconceptionId,
  type Question,
} from '@/lib/questions';
import { describeSegment } from '@/lib/questions/locales/common';

const SEEDS = 100;
const D = [1, 2, 3] as const;
const M32 = 2 ** 32;
const add = (a: number, b: number) => (((a + b) % M32) + M32) % M32;

/** What each misconception produces, as `label → values` (values as the map keys write them). */
type Produced = Partial<Record<MisconceptionId, Set<string>>>;
function produce(out: Produced, m: MisconceptionId, value: string) {
  (out[m] ??= new Set()).add(value);
}

const used = (s: TraceSegment) =>
  s.len + (s.flags.includes('S') ? 1 : 0) + (s.flags.includes('F') ? 1 : 0);
/** The last segment `from` sent before that consumed sequence space and ends at `at`. */
const unitEnding = (segs: readonly TraceSegment[], from: string, at: number | null) =>
  segs.filter((s) => s.from === from && used(s) > 0 && add(s.abs_seq, used(s)) === at).at(-1);

/** Every labelled value is produced by its label's rule, and is not the key. */
function checkTable(q: Question, produced: Produced, isKey: (value: string) => boolean) {
  for (const [value, label] of Object.entries(q.misconceptions)) {
    const by = [...(produced[label]?.values() ?? [])];
    expect(by, `${q.template} d${q.difficulty} seed ${q.seed}: ${value} → ${label}`).toContain(
      value,
    );
    expect(isKey(value), `${value} is the key`).toBe(false);
  }
}

describe('next-segment: ack, seq and flags a misconception writes', () => {
  /**
   * ack: the peer unit the key's ack ends (SYN, FIN or data): leaving out the SYN's or FIN's
   * one number (syn/fin-consumes-no-sequence-number), repeating the data's seq
   * (ack-equals-seq), or the sender's own seq (ack-from-own-space). seq: leaving out the
   * sender's own last SYN, FIN (same labels) or data (off-by-payload). flags: SYN or ACK alone
   * for a SYN+ACK (four-way-handshake-needed); FIN+ACK for the ACK of a FIN while the stem says
   * the application has not called close() (fin-and-ack-always-merge).
   */
  function rules(q: Question): Produced {
    if (q.kind !== 'fields' || q.trace === null) throw new Error('fields');
    const shown = q.trace.segments as TraceSegment[];
    const from = /reached (the client|the server)/.exec(q.stem)![1]!.replace('the ', '');
    const to = from === 'client' ? 'server' : 'client';
    const key = q.answer.fields;
    const out: Produced = {};
    const c = unitEnding(shown, to, key.ack);
    if (c?.flags.includes('S')) produce(out, 'syn-consumes-no-sequence-number', `ack:${c.abs_seq}`);
    if (c?.flags.includes('F'))
      produce(out, 'fin-consumes-no-sequence-number', `ack:${add(c.abs_seq, c.len)}`);
    if (c !== undefined && c.len > 0) produce(out, 'ack-equals-seq', `ack:${c.abs_seq}`);
    produce(out, 'ack-from-own-space', `ack:${key.seq}`);
    const o = unitEnding(shown, from, key.seq);
    if (o?.flags.includes('S')) produce(out, 'syn-consumes-no-sequence-number', `seq:${o.abs_seq}`);
    else if (o?.flags.includes('F'))
      produce(out, 'fin-consumes-no-sequence-number', `seq:${add(o.abs_seq, o.len)}`);
    else if (o !== undefined) produce(out, 'off-by-payload', `seq:${o.abs_seq}`);
    if (key.flags === 'S.') {
      produce(out, 'four-way-handshake-needed', 'flags:A');
      produce(out, 'four-way-handshake-needed', 'flags:S');
    }
    const idle = q.stem.includes('calls neither send() nor close()');
    const closed = shown.some((s) => s.from === from && s.flags.includes('F'));
    if (key.flags === '.' && c?.flags.includes('F') && idle && !closed)
      produce(out, 'fin-and-ack-always-merge', 'flags:AF');
    return out;
  }

  test.each(D)('d%i: every label is the rule that produces its value; grading names it', (d) => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const q = generateQuestion('next-segment', { seed, locale: 'en', difficulty: d });
      if (q.kind !== 'fields') throw new Error('fields');
      const key = q.answer.fields;
      const flagsOf = (f: string) => ({ '.': 'A', 'S.': 'AS', 'F.': 'AF', 'P.': 'AP' })[f];
      checkTable(q, rules(q), (v) =>
        [`ack:${key.ack}`, `seq:${key.seq}`, `flags:${flagsOf(key.flags)}`].includes(v),
      );
      for (const [value, label] of Object.entries(q.misconceptions)) {
        const [field, raw] = value.split(':') as ['ack' | 'seq' | 'flags', string];
        // A flag set as tcpdump writes it: "AF" → "F.", "A" → ".".
        const typed = raw.replace('A', '') + (raw.includes('A') ? '.' : '');
        const fields = { ...key, [field]: field === 'flags' ? typed : Number(raw) };
        const r = grade(q, { fields });
        expect(r.valid && r.misconception, value).toBe(label);
      }
    }
  });
});

describe('seq-ack-numbers: the numbers a misconception computes from the stem', () => {
  const num = (re: RegExp, stem: string) => Number(re.exec(stem)?.[1]);

  /**
   * syn: the SYN's seq x (SYN consumes nothing). synack: the SYN+ACK's seq y (same), its ack a
   * or a + 1 (the client's own space). data: seq s (ack-equals-seq), s + 1 or s + L + 1
   * (payload miscounted). fin: the FIN's seq u (FIN consumes nothing). loss: the end of the
   * third segment (acks across the hole), the seq of the third or of the other segment that
   * arrived (ack-equals-seq).
   */
  function rules(q: Question): Produced {
    const out: Produced = {};
    const s = q.stem;
    const variant = String(q.source.focus['variant']);
    if (variant === 'syn')
      produce(out, 'syn-consumes-no-sequence-number', String(num(/seq = (\d+)/, s)));
    if (variant === 'synack') {
      produce(out, 'syn-consumes-no-sequence-number', String(num(/seq = (\d+)/, s)));
      const a = num(/ack = (\d+)/, s);
      produce(out, 'ack-from-own-space', String(a));
      produce(out, 'ack-from-own-space', String(add(a, 1)));
    }
    if (variant === 'data') {
      const seq = num(/seq = (\d+)/, s);
      const len = num(/carrying (\d+) bytes/, s);
      produce(out, 'ack-equals-seq', String(seq));
      produce(out, 'off-by-payload', String(add(seq, 1)));
      produce(out, 'off-by-payload', String(add(seq, len + 1)));
    }
    if (variant === 'fin')
      produce(out, 'fin-consumes-no-sequence-number', String(num(/seq = (\d+)/, s)));
    if (variant === 'loss') {
      const a = num(/seq = (\d+)/, s);
      const lens = /carry (\d+), (\d+), (\d+) bytes/.exec(s)!.slice(1).map(Number);
      const lost = num(/Segment (\d) is lost/, s);
      const starts = [a, add(a, lens[0]!), add(a, lens[0]! + lens[1]!)];
      produce(out, 'ack-skips-hole', String(add(starts[2]!, lens[2]!)));
      produce(out, 'ack-equals-seq', String(starts[2]));
      produce(out, 'ack-equals-seq', String(starts[lost === 1 ? 1 : 0]));
    }
    return out;
  }

  test.each(D)('d%i: every rule value is labelled, with its rule, and grading names it', (d) => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const q = generateQuestion('seq-ack-numbers', { seed, locale: 'en', difficulty: d });
      if (q.kind !== 'numeric') throw new Error('numeric');
      const produced = rules(q);
      checkTable(q, produced, (v) => Number(v) === q.answer.value);
      // Complete: every value a rule produces (other than the key) carries a label.
      for (const values of Object.values(produced))
        for (const v of values)
          if (Number(v) !== q.answer.value) expect(q.misconceptions, q.stem).toHaveProperty([v]);
      for (const [value, label] of Object.entries(q.misconceptions)) {
        const r = grade(q, { value });
        expect(r.valid && r.misconception).toBe(label);
      }
    }
  });
});

describe('spot-the-error: why a learner would blame a correct segment', () => {
  /**
   * A genuine segment looks wrong to someone who believes the unit its ack or seq ends (a SYN,
   * a FIN, or data) consumes nothing or that an ack repeats a seq: ack ending a SYN or FIN →
   * syn/fin-consumes-no-sequence-number, ending data → ack-equals-seq; seq after the sender's
   * own SYN or FIN → the same, after its data → off-by-payload. A segment none of these
   * explain gets the generic "that segment follows the rules".
   */
  function blamers(before: readonly TraceSegment[], g: TraceSegment): Set<MisconceptionId> {
    const out = new Set<MisconceptionId>();
    const kind = (u: TraceSegment | undefined, data: MisconceptionId) =>
      u === undefined
        ? undefined
        : u.flags.includes('S')
          ? 'syn-consumes-no-sequence-number'
          : u.flags.includes('F')
            ? 'fin-consumes-no-sequence-number'
            : data;
    const a = kind(unitEnding(before, g.to, g.abs_ack), 'ack-equals-seq');
    const s = kind(unitEnding(before, g.from, g.abs_seq), 'off-by-payload');
    for (const m of [a, s]) if (m !== undefined) out.add(m);
    return out;
  }

  test.each(D)('d%i: each wrong option is a genuine segment labelled by its blamer', (d) => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const q = generateQuestion('spot-the-error', { seed, locale: 'en', difficulty: d });
      if (q.kind !== 'choice') throw new Error('choice');
      const trace = runSource(q.source)!;
      for (const o of q.options) {
        if (o.id === q.answer.option) {
          expect(q.misconceptions).not.toHaveProperty([o.id]);
          continue;
        }
        const n = Number(/^#(\d+): /.exec(o.text)![1]) - 1;
        const g = trace.segments[n]!;
        // The feedback says the segment follows the rules: it must be the genuine one.
        expect(o.text).toBe(`#${n + 1}: ${describeSegment(g, 'en')}`);
        const label = q.misconceptions[o.id];
        const by = blamers(trace.segments.slice(0, n), g);
        if (by.size === 0) expect(label).toBe('wrong-segment-looks-odd');
        else expect([...by], `seed ${seed} ${o.text}`).toContain(label);
        expect(grade(q, { option: o.id })).toMatchObject({ misconception: label });
      }
    }
  });
});

test('order-segments names no misconception (no order reveals one in particular)', () => {
  for (const d of D)
    for (let seed = 0; seed < 20; seed++)
      expect(
        generateQuestion('order-segments', { seed, locale: 'en', difficulty: d }).misconceptions,
      ).toEqual({});
});

test('every label used is a known misconception with feedback in both locales', () => {
  for (const template of ['next-segment', 'seq-ack-numbers', 'spot-the-error'] as const)
    for (const d of D)
      for (let seed = 0; seed < 20; seed++)
        for (const id of Object.values(
          generateQuestion(template, { seed, locale: 'zh', difficulty: d }).misconceptions,
        )) {
          expect(MISCONCEPTIONS[id].zh.length).toBeGreaterThan(0);
          expect(MISCONCEPTIONS[id].en.length).toBeGreaterThan(0);
        }
});
