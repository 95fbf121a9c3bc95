// PRNG, sequence arithmetic, event queue and timer-wheel rounding.

import { describe, expect, test } from 'vitest';
import {
  createRng,
  createRngFromState,
  hashSeed,
  seqAdd,
  seqDiff,
  seqLe,
  seqLt,
} from '@/lib/engine';
import { EventQueue } from '@/lib/engine/scheduler';
import { checkCookie, makeCookie } from '@/lib/engine/syncookies';
import { timerFireTime } from '@/lib/engine/timers';

describe('rng', () => {
  test('known values for seed 1 (pinned: changing them changes every trace)', () => {
    const r = createRng(1);
    expect([r.uint32(), r.uint32(), r.uint32()]).toEqual(KNOWN);
  });
  test('same seed → same stream; string and number seeds hash', () => {
    const a = createRng('lesson-7');
    const b = createRng('lesson-7');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(
      Array.from({ length: 5 }, () => b.next()),
    );
    expect(hashSeed(7)).toBe(hashSeed('7'));
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
  });
  test('state is serialisable and resumes the stream', () => {
    const a = createRng(9);
    a.uint32();
    const saved = JSON.parse(JSON.stringify(a.state()));
    const b = createRngFromState(saved);
    expect(b.uint32()).toBe(a.uint32());
  });
  test('int stays within bounds', () => {
    const r = createRng(3);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(-2, 5);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(5);
    }
  });
});
const KNOWN = [444457982, 854319226, 2627702616];

describe('sequence numbers mod 2^32', () => {
  test.each([
    { a: 0xfffffff0, n: 0x20, sum: 0x10 },
    { a: 5, n: -10, sum: 0xfffffffb },
  ])('seqAdd($a, $n) = $sum', ({ a, n, sum }) => expect(seqAdd(a, n)).toBe(sum));
  test('comparisons across the wrap', () => {
    expect(seqLt(0xfffffff0, 0x10)).toBe(true);
    expect(seqLt(0x10, 0xfffffff0)).toBe(false);
    expect(seqDiff(0x10, 0xfffffff0)).toBe(0x20);
    expect(seqLe(7, 7)).toBe(true);
  });
});

describe('event queue', () => {
  test('orders by time, then insertion order', () => {
    const q = new EventQueue<string>();
    q.push(2, 'c');
    q.push(1, 'a');
    q.push(1, 'b');
    q.push(0.5, 'z');
    const out: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
    expect(out).toEqual(['z', 'a', 'b', 'c']);
  });

  test('matches a sort by (time, insertion order) on random input', () => {
    const q = new EventQueue<number>();
    const r = createRng(5);
    const items = Array.from({ length: 500 }, (_, i) => ({ t: r.int(0, 20), i }));
    for (const it of items) q.push(it.t, it.i);
    const out: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
    expect(out).toEqual([...items].sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i));
  });
});

describe('timer wheel (HZ=250)', () => {
  test.each([
    { now: 0, delay: 1, at: 1.024 },
    { now: 1.024, delay: 1, at: 2.048 },
    { now: 5.12, delay: 2, at: 7.136 },
    { now: 0, delay: 0.04, at: 0.044 },
    { now: 0.0001, delay: 0, at: 0.004 },
  ])('armed at $now for $delay s fires at $at', ({ now, delay, at }) =>
    expect(timerFireTime(now, delay, 250)).toBeCloseTo(at, 9),
  );
  test('hz = 0 gives exact times', () => expect(timerFireTime(1.5, 2, 0)).toBe(3.5));
});

describe('syncookies', () => {
  const syn = {
    src: 'client',
    sport: 40001,
    dst: 'server',
    dport: 9000,
    seq: 123456789,
    ack: 0,
    flags: 2,
    len: 0,
    win: 0,
    opts: null,
    cport: 40001,
    why: undefined,
    traceIndex: 0,
  };
  const ackFor = (cookie: number, over: Partial<typeof syn> = {}) => ({
    ...syn,
    seq: syn.seq + 1,
    ack: (cookie + 1) >>> 0,
    flags: 16,
    ...over,
  });
  test.each([
    { clientMss: 1460, encoded: 1460 },
    { clientMss: 1400, encoded: 1300 },
    { clientMss: 1440, encoded: 1440 },
    { clientMss: 600, encoded: 536 },
  ])('client MSS $clientMss → cookie carries $encoded', ({ clientMss, encoded }) => {
    const cookie = makeCookie(77, syn, clientMss, 10);
    expect(checkCookie(77, ackFor(cookie), 30)).toBe(encoded);
  });
  test('a cookie older than two minutes, another secret or another port is refused', () => {
    const cookie = makeCookie(77, syn, 1460, 10);
    expect(checkCookie(77, ackFor(cookie), 10 + 180)).toBeUndefined();
    expect(checkCookie(78, ackFor(cookie), 20)).toBeUndefined();
    expect(checkCookie(77, ackFor(cookie, { sport: 40002 }), 20)).toBeUndefined();
  });
});
