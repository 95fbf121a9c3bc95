// Issue 18 findings 4-6 for the segment templates, as rules checked over many seeds: every key
// follows from the stem and the diagram alone (next-segment, seq-ack-numbers), order questions
// accept every order causality allows and "all" means all (order-segments), the altered
// segment breaks a checkable rule and its invariance is checked (spot-the-error), and each
// question's topics are what it is about.

import { describe, expect, test, vi } from 'vitest';
import type { Trace, TraceSegment } from '@/lib/engine';
import {
  TEMPLATES,
  checkInvariance,
  generateQuestion,
  grade,
  runSource,
  type Question,
} from '@/lib/questions';
import { decidedPairs } from '@/lib/questions/grade';
import { provableOrder } from '@/lib/questions/segment-rules';
import { describeSegment } from '@/lib/questions/locales/common';

const SEEDS = 60;
const D = [1, 2, 3] as const;

function questions(template: keyof typeof TEMPLATES, difficulty: 1 | 2 | 3, n = SEEDS) {
  return Array.from({ length: n }, (_, seed) =>
    generateQuestion(template, { seed, locale: 'en', difficulty }),
  );
}

function fresh(q: Question): Trace {
  const t = runSource(q.source);
  if (t === null) throw new Error('no trace');
  return t;
}

/** Sequence numbers a segment consumes, written out again: payload, SYN and FIN count one. */
const used = (s: TraceSegment) =>
  s.len + (s.flags.includes('S') ? 1 : 0) + (s.flags.includes('F') ? 1 : 0);
const end = (s: TraceSegment) => (s.abs_seq + used(s)) % 2 ** 32;

/** What a next-segment stem states: the ISNs, the sender, and what makes it send. */
function stated(q: Question) {
  const isn = /client's ISN is (\d+), the server's ISN is (\d+)/.exec(q.stem);
  const who = /reached (the client|the server)/.exec(q.stem);
  const send = /calls send\(\) with (\d+) bytes/.exec(q.stem);
  const close = /calls close\(\)\./.test(q.stem);
  const idle = /calls neither send\(\) nor close\(\)/.test(q.stem);
  expect(isn, q.stem).not.toBeNull();
  expect(who, q.stem).not.toBeNull();
  expect([send !== null, close, idle].filter(Boolean), q.stem).toHaveLength(1);
  const from = who![1] === 'the client' ? 'client' : 'server';
  return {
    isn: { client: Number(isn![1]), server: Number(isn![2]) } as Record<string, number>,
    from,
    to: from === 'client' ? 'server' : 'client',
    trigger: send !== null ? 'send' : close ? 'close' : 'reply',
    bytes: send === null ? 0 : Number(send[1]),
  };
}

describe('next-segment', () => {
  test.each(D)(
    'd%i (finding 4: d3 seed 34 en): seq, ack and flags follow from the stem and the diagram',
    (d) => {
      for (const q of questions('next-segment', d)) {
        if (q.kind !== 'fields' || q.trace === null) throw new Error('fields with a trace');
        const s = stated(q);
        const shown = q.trace.segments;
        const own = shown.filter((x) => x.from === s.from);
        const peer = shown.filter((x) => x.from === s.to);
        // SND.NXT: after the sender's last segment, or its ISN; RCV.NXT: after the peer's last.
        const seq = own.length === 0 ? s.isn[s.from] : end(own.at(-1)!);
        const ack = end(peer.at(-1)!);
        const flags =
          s.trigger === 'send'
            ? 'P.'
            : s.trigger === 'close'
              ? 'F.'
              : own.some((x) => x.flags.includes('S'))
                ? '.'
                : 'S.';
        expect(q.answer.fields, `d${d} seed ${q.seed}`).toEqual({ flags, seq, ack });
      }
    },
  );

  test.each(D)('d%i: what the stem says reached the sender is what the simulation did', (d) => {
    for (const q of questions('next-segment', d)) {
      const trace = fresh(q);
      const s = stated(q);
      const n = q.trace!.segments.length;
      const j = trace.segments.findIndex((x, i) => i >= n && x.from === s.from);
      const delay = Number(trace.params['link.delay']);
      const key = trace.segments[j]!;
      trace.segments.slice(0, j).forEach((x, i) => {
        if (x.from !== s.to) return;
        const arrived = x.t + delay <= key.t + 1e-9;
        // Shown peer segments have arrived; segments left out are still in flight.
        expect(arrived, `d${d} seed ${q.seed} #${i + 1}`).toBe(i < n);
      });
      if (s.trigger === 'send') expect(key.len).toBe(s.bytes);
    }
  });

  test('finding 4: d3 seed 34 en acks the FIN the diagram shows', () => {
    const q = generateQuestion('next-segment', { seed: 34, locale: 'en', difficulty: 3 });
    if (q.kind !== 'fields' || q.trace === null) throw new Error('fields');
    const s = stated(q);
    const peer = q.trace.segments.filter((x) => x.from === s.to);
    expect(q.answer.fields.ack).toBe(end(peer.at(-1)!));
  });

  test('finding 5: d1 seed 1 states the ISNs its key uses; d2 seeds 3 and 7 name the call', () => {
    const d1 = generateQuestion('next-segment', { seed: 1, locale: 'zh', difficulty: 1 });
    const syns = fresh(d1).segments.filter((x) => x.flags.includes('S'));
    for (const x of syns) expect(d1.stem).toContain(String(x.abs_seq));
    for (const seed of [3, 7]) {
      const q = generateQuestion('next-segment', { seed, locale: 'en', difficulty: 2 });
      if (q.kind !== 'fields') throw new Error('fields');
      const s = stated(q);
      const flags = q.answer.fields.flags;
      expect(s.trigger).toBe(flags === 'P.' ? 'send' : flags === 'F.' ? 'close' : 'reply');
    }
  });
});

describe('order-segments', () => {
  /** A random order keeping every pair the segments prove (Kahn with a seeded choice). */
  function someOrder(ids: string[], proven: boolean[][], seed: number): string[] {
    let x = seed + 1;
    const left = ids.map((_, i) => i);
    const out: string[] = [];
    while (left.length > 0) {
      const free = left.filter((i) => !left.some((k) => proven[k]![i]));
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const pick = free[x % free.length]!;
      out.push(ids[pick]!);
      left.splice(left.indexOf(pick), 1);
    }
    return out;
  }

  test.each(D)(
    'd%i (finding 6: d2 seed 3 en): every order the segments prove scores 1, a reversed pair does not',
    (d) => {
      for (const q of questions('order-segments', d, 40)) {
        if (q.kind !== 'order') throw new Error('order');
        const trace = fresh(q);
        // The options' segments, found by their text, and the order provable from seq and ack.
        const segs = q.options.map((o) =>
          trace.segments.find((x) => describeSegment(x, q.locale) === o.text)!,
        );
        const ids = q.options.map((o) => o.id);
        const proven = provableOrder(segs);
        for (let k = 0; k < 8; k++) {
          const r = grade(q, { order: someOrder(ids, proven, k) });
          expect(r, `d${d} seed ${q.seed}`).toMatchObject({ valid: true, correct: true, score: 1 });
        }
        // Every decided pair is proven, and reversing one costs credit.
        const pairs = decidedPairs(q.answer);
        for (const [a, b] of pairs) expect(proven[ids.indexOf(a)]![ids.indexOf(b)]).toBe(true);
        const [a, b] = pairs[0]!;
        const swapped = q.answer.order.map((x) => (x === a ? b : x === b ? a : x));
        const r = grade(q, { order: swapped });
        expect(r.valid && r.score).toBeLessThan(1);
      }
    },
  );

  test('finding 6: d3 "all the segments" lists every segment; d2 every FIN and ACK of a FIN', () => {
    for (const q of questions('order-segments', 3, 30)) {
      const sent = fresh(q).segments.filter((x) => !x.dropped);
      if (q.kind !== 'order') throw new Error('order');
      expect(q.options).toHaveLength(sent.length);
      expect(q.stem).toContain(`all ${sent.length} segments`);
    }
    for (const q of questions('order-segments', 2, 30)) {
      if (q.kind !== 'order') throw new Error('order');
      const segs = fresh(q).segments;
      const fins = segs.filter((x) => x.flags.includes('F'));
      const release = segs.filter(
        (x) =>
          x.flags.includes('F') ||
          (used(x) === 0 && fins.some((f) => f.from === x.to && end(f) === x.abs_ack)),
      );
      expect(q.options.map((o) => o.text).sort()).toEqual(
        release.map((x) => describeSegment(x, 'en')).sort(),
      );
    }
  });
});

describe('spot-the-error', () => {
  /** The one shown segment that differs from the simulation. */
  function altered(q: Question) {
    const trace = fresh(q);
    const shown = q.trace!.segments;
    const look = (x: TraceSegment) => `${x.from} ${x.flags} ${x.abs_seq} ${x.abs_ack} ${x.len}`;
    const differ = shown.flatMap((x, i) => (look(x) === look(trace.segments[i]!) ? [] : [i]));
    expect(differ).toHaveLength(1);
    const i = differ[0]!;
    return {
      i,
      m: shown[i]!,
      trace,
      shown,
      looksGenuine: trace.segments.some((g) => look(g) === look(shown[i]!)),
    };
  }

  test.each(D)(
    'd%i (finding 6: d2 seed 1, d3 seed 23): the altered segment is no genuine segment, keepalive, probe or retransmission',
    (d) => {
      const seeds = questions('spot-the-error', d);
      for (const q of [
        ...seeds,
        generateQuestion('spot-the-error', { seed: d === 2 ? 1 : 23, locale: 'en', difficulty: d }),
      ]) {
        const { i, m, shown, looksGenuine } = altered(q);
        expect(looksGenuine, `d${d} seed ${q.seed}`).toBe(false);
        const own = shown.slice(0, i).filter((x) => x.from === m.from);
        const last = own.at(-1);
        const sndNxt = last === undefined ? null : end(last);
        const keepaliveLike =
          sndNxt !== null &&
          m.flags === '.' &&
          m.len <= 1 &&
          m.abs_seq === (sndNxt + 2 ** 32 - 1) % 2 ** 32;
        const retransmission = own.some(
          (x) => x.abs_seq === m.abs_seq && x.len === m.len && x.flags === m.flags && used(m) > 0,
        );
        expect(keepaliveLike || retransmission, `d${d} seed ${q.seed}`).toBe(false);
        // The key is the altered segment's option.
        if (q.kind !== 'choice') throw new Error('choice');
        const key = q.options.find((o) => o.id === q.answer.option)!.text;
        expect(key.startsWith(`#${i + 1}: `)).toBe(true);
      }
    },
  );

  test('invariance is checked against the genuine segments, not skipped', () => {
    for (const d of D)
      for (const q of questions('spot-the-error', d, 10)) {
        const r = checkInvariance(q);
        expect(r.ok).toBe(true);
        expect(r.checked, `d${d} seed ${q.seed}`).toBeGreaterThan(0);
      }
  });
});

describe('seq-ack-numbers', () => {
  test('d2: the profile variation is left out exactly when the stem states Linux, and the key holds', () => {
    const def = TEMPLATES['seq-ack-numbers'];
    for (const q of questions('seq-ack-numbers', 2)) {
      const flips = def.hidden!(q, fresh(q)).some((v) => v.profile !== undefined);
      expect(flips, q.stem).toBe(!q.stem.includes('Linux'));
      expect(checkInvariance(q).ok).toBe(true);
    }
  });

  test('each question is emitted from its first draw (the registry redraws nothing)', () => {
    for (const template of [
      'seq-ack-numbers',
      'next-segment',
      'spot-the-error',
      'order-segments',
    ] as const) {
      const spy = vi.spyOn(TEMPLATES[template], 'generate');
      for (const d of D)
        for (let seed = 0; seed < 30; seed++)
          generateQuestion(template, { seed, locale: 'en', difficulty: d });
      expect(spy, template).toHaveBeenCalledTimes(90);
      spy.mockRestore();
    }
  });
});

describe('topics: each question carries what it is about', () => {
  /** The unit of sequence space an ack or seq value ends (a SYN, a FIN or data). */
  function unitEnding(segs: readonly TraceSegment[], from: string, at: number | null) {
    return segs.filter((x) => x.from === from && used(x) > 0 && end(x) === at).at(-1);
  }
  const kindOf = (x: TraceSegment | undefined) =>
    x === undefined ? null : x.flags.includes('S') ? 'syn' : x.flags.includes('F') ? 'fin' : 'data';

  test.each(D)('next-segment d%i: handshake for SYN arithmetic, close for FIN arithmetic', (d) => {
    for (const q of questions('next-segment', d)) {
      if (q.kind !== 'fields') throw new Error('fields');
      const trace = fresh(q);
      const shown = trace.segments.slice(0, q.trace!.segments.length);
      const { flags, ack } = q.answer.fields;
      const acked = kindOf(unitEnding(shown, stated(q).to, ack));
      const handshake = flags === 'S.' || (acked === 'syn' && flags === '.');
      const close = flags.includes('F') || acked === 'fin';
      expect(q.topics.includes('handshake'), `seed ${q.seed}`).toBe(handshake);
      expect(q.topics.includes('close'), `seed ${q.seed}`).toBe(close);
      expect(q.topics).toEqual(expect.arrayContaining(['sequence-numbers', 'header']));
    }
  });

  test.each(D)('spot-the-error d%i: the topic of the rule the altered field breaks', (d) => {
    for (const q of questions('spot-the-error', d)) {
      const trace = fresh(q);
      const shown = q.trace!.segments;
      const i = shown.findIndex(
        (x, k) =>
          x.abs_seq !== trace.segments[k]!.abs_seq ||
          x.abs_ack !== trace.segments[k]!.abs_ack ||
          x.flags !== trace.segments[k]!.flags,
      );
      const g = trace.segments[i]!;
      const m = shown[i]!;
      const before = trace.segments.slice(0, i);
      const unit =
        m.flags !== g.flags
          ? 'flags'
          : m.abs_ack !== g.abs_ack
            ? kindOf(unitEnding(before, g.to, g.abs_ack))
            : kindOf(unitEnding(before, g.from, g.abs_seq));
      const expected =
        unit === 'flags'
          ? ['handshake', 'header']
          : unit === 'fin'
            ? ['close', 'sequence-numbers']
            : unit === 'syn' && i <= 2
              ? ['handshake', 'sequence-numbers']
              : ['sequence-numbers'];
      expect([...q.topics].sort(), `d${d} seed ${q.seed}`).toEqual(expected.sort());
    }
  });

  test.each(D)(
    'seq-ack-numbers d%i: handshake for a SYN, close for a FIN, retransmission for a loss',
    (d) => {
      for (const q of questions('seq-ack-numbers', d)) {
        const expected = ['sequence-numbers'];
        if (/SYN/.test(q.stem)) expected.push('handshake');
        if (/FIN/.test(q.stem)) expected.push('close');
        if (/lost/.test(q.stem)) expected.push('retransmission');
        expect([...q.topics].sort(), q.stem).toEqual(expected.sort());
      }
    },
  );

  test.each(['next-segment', 'order-segments', 'spot-the-error', 'seq-ack-numbers'] as const)(
    '%s: every topic it declares is carried by some question, and no other',
    (template) => {
      const seen = new Set<string>();
      for (const d of D)
        for (const q of questions(template, d, 40)) for (const t of q.topics) seen.add(t);
      expect([...seen].sort()).toEqual([...TEMPLATES[template].topics].sort());
    },
  );
});
