// listen-queues against Linux's queue rules restated from the stem alone (FIDELITY items 31-40):
// keys, what each named misconception computes from the same stem, feedback that never
// contradicts the stem, topics per question, and variety of situations and keys.

import { describe, expect, test } from 'vitest';
import {
  MISCONCEPTIONS,
  checkInvariance,
  generateQuestion,
  type Difficulty,
  type Question,
} from '@/lib/questions';

const SEEDS = Array.from({ length: 150 }, (_, i) => i);

function num(re: RegExp, text: string): number {
  const m = re.exec(text);
  if (m === null) throw new Error(`${String(re)} not found in: ${text}`);
  return Number(m[1]);
}

type Outcome =
  | 'connects'
  | 'ignored'
  | 'refused'
  | 'synRecv'
  | 'resetAck'
  | 'immediate'
  | 'late'
  | 'never'
  | 'rst';

/** What an option says happens, read from its English words. */
function outcomeOf(text: string): Outcome {
  const table: [RegExp, Outcome][] = [
    [/completes the handshake normally/, 'connects'],
    [/gets no answer/, 'ignored'],
    [/answers its SYN with RST/, 'refused'],
    [/keeps the request in SYN_RECV/, 'synRecv'],
    [/answers its third ACK with RST/, 'resetAck'],
    [/connects at once/, 'immediate'],
    [/dropped until half-open requests expire/, 'late'],
    [/never connects/, 'never'],
    [/answers it with RST, since its SYN queue is full/, 'rst'],
  ];
  const hit = table.find(([re]) => re.test(text));
  if (hit === undefined) throw new Error(`unknown option: ${text}`);
  return hit[1];
}

/** The facts a stem states. */
interface Facts {
  shape: 'count' | 'sequential' | 'overlap' | 'flood-fate' | 'flood-count';
  b: number;
  s: number;
  abort: number;
  cookies: number;
  k: number;
  n: number;
}

function factsOf(q: Question): Facts {
  const t = q.stem;
  const opt = (re: RegExp) => (re.test(t) ? num(re, t) : NaN);
  const shape = /Four clients connect/.test(t)
    ? 'count'
    : /one at a time/.test(t)
      ? 'sequential'
      : /third ACK reaches the server just before/.test(t)
        ? 'overlap'
        : /legitimate client/.test(t)
          ? 'flood-fate'
          : 'flood-count';
  return {
    shape,
    b: opt(/backlog = (\d+)/),
    s: opt(/somaxconn = (\d+)/),
    abort: opt(/tcp_abort_on_overflow = (\d)/),
    cookies: opt(/tcp_syncookies = (\d)/),
    k: opt(/What happens (?:to|when) client (\d+)/),
    n: opt(/sends (\d+) SYNs/),
  };
}

/** Linux's rules from the stem (the key), in the outcome words of the options. */
function expected(f: Facts): Outcome | number {
  const places = Math.min(f.b, f.s) + 1; // the queue is full only when it holds more than backlog
  switch (f.shape) {
    case 'count':
      return Math.min(4, places);
    case 'sequential':
      return f.k <= places ? 'connects' : 'ignored'; // a SYN at a full queue is dropped
    case 'overlap':
      return f.abort === 1 ? 'resetAck' : 'synRecv'; // the third ACK meets the full queue
    case 'flood-fate':
      return f.cookies === 1 ? 'immediate' : 'late';
    case 'flood-count':
      return f.cookies === 1 ? f.n : Math.min(f.n, places);
  }
}

/**
 * What each named misconception computes from the same stem: the one wrong idea applied, every
 * other rule kept. `undefined`: the misconception does not apply to this stem (so it may not
 * label any option; its feedback would contradict the stem).
 */
const RULES: Record<string, (f: Facts) => Outcome | number | undefined> = {
  // The queue holds exactly min(backlog, somaxconn).
  'accept-queue-equals-backlog': (f) =>
    f.shape === 'count'
      ? Math.min(f.b, f.s)
      : f.shape === 'sequential'
        ? f.k <= Math.min(f.b, f.s)
          ? 'connects'
          : 'ignored'
        : undefined,
  // backlog + 1 places, somaxconn ignored (only meaningful when somaxconn is the smaller).
  'backlog-ignores-somaxconn': (f) =>
    f.s >= f.b
      ? undefined
      : f.shape === 'count'
        ? Math.min(4, f.b + 1)
        : f.shape === 'sequential'
          ? f.k <= f.b + 1
            ? 'connects'
            : 'ignored'
          : f.shape === 'flood-count' && f.cookies === 0
            ? Math.min(f.n, f.b + 1)
            : undefined,
  // A SYN that meets a full accept queue is refused with RST.
  'overflow-refuses-syn': (f) =>
    f.shape === 'sequential' && f.k > Math.min(f.b, f.s) + 1 ? 'refused' : undefined,
  // The queue is checked only at the third ACK: the SYN is answered, then the stem's
  // tcp_abort_on_overflow decides.
  'accept-queue-checked-only-at-ack': (f) =>
    f.shape === 'sequential' && f.k > Math.min(f.b, f.s) + 1
      ? f.abort === 1
        ? 'resetAck'
        : 'synRecv'
      : undefined,
  // RST on overflow although tcp_abort_on_overflow = 0.
  'overflow-always-rst': (f) => (f.shape === 'overlap' && f.abort === 0 ? 'resetAck' : undefined),
  // The ACK dropped although tcp_abort_on_overflow = 1.
  'abort-on-overflow-ignored': (f) =>
    f.shape === 'overlap' && f.abort === 1 ? 'synRecv' : undefined,
  // The place found at the SYN is kept for the connection.
  'accept-queue-checked-only-at-syn': (f) => (f.shape === 'overlap' ? 'connects' : undefined),
  // A full SYN queue keeps blocking although cookies are on.
  'flood-blocks-despite-cookies': (f) =>
    f.cookies !== 1
      ? undefined
      : f.shape === 'flood-fate'
        ? 'late'
        : f.shape === 'flood-count'
          ? Math.min(f.n, Math.min(f.b, f.s) + 1)
          : undefined,
  // Cookies answer although tcp_syncookies = 0.
  'cookies-without-syncookies': (f) =>
    f.cookies !== 0
      ? undefined
      : f.shape === 'flood-fate'
        ? 'immediate'
        : f.shape === 'flood-count'
          ? f.n
          : undefined,
  // A full SYN queue answers with RST.
  'syn-queue-overflow-rst': (f) => (f.shape === 'flood-fate' ? 'rst' : undefined),
  // Half-open requests hold the queue forever (without cookies nothing else frees it).
  'half-open-never-expires': (f) =>
    f.shape === 'flood-fate' && f.cookies === 0 ? 'never' : undefined,
  // The SYN queue holds exactly min(backlog, somaxconn) requests (no cookies to answer the rest).
  'syn-queue-equals-backlog': (f) =>
    f.shape === 'flood-count' && f.cookies === 0 ? Math.min(f.n, f.b, f.s) : undefined,
};

function questions(difficulty: Difficulty, seeds = SEEDS): Question[] {
  return seeds.map((seed) => generateQuestion('listen-queues', { seed, locale: 'en', difficulty }));
}

const ALL = ([1, 2, 3] as const).map((d) => [d, questions(d)] as const);

describe('listen-queues: the key follows from the stem', () => {
  test.each(ALL)('d%i: Linux rules restated from the stem give the key', (_d, qs) => {
    for (const q of qs) {
      const want = expected(factsOf(q));
      if (q.kind === 'numeric') expect(q.answer.value, q.stem).toBe(want);
      else if (q.kind === 'choice') {
        const key = q.options.find((o) => o.id === q.answer.option)!.text;
        expect(outcomeOf(key), q.stem).toBe(want);
      } else throw new Error(`unexpected kind ${q.kind}`);
    }
  });
});

describe('listen-queues: each wrong option is what its named misconception computes', () => {
  test.each(ALL)('d%i: label → the misconception produces exactly that option', (_d, qs) => {
    for (const q of qs) {
      const f = factsOf(q);
      for (const [option, label] of Object.entries(q.misconceptions)) {
        const rule = RULES[label];
        expect(rule, `${label} has a rule`).toBeDefined();
        const produced = rule!(f);
        expect(produced, `${label} applies to: ${q.stem}`).toBeDefined();
        if (q.kind === 'numeric') expect(Number(option), `${label}: ${q.stem}`).toBe(produced);
        else if (q.kind === 'choice') {
          const text = q.options.find((o) => o.id === option)!.text;
          expect(outcomeOf(text), `${label}: ${q.stem}`).toBe(produced);
        }
      }
    }
  });

  test('finding 7 (seed 8 zh d2 of old): no feedback tells a learner the stem’s sysctl is wrong', () => {
    // tcp_abort_on_overflow = 1 in the stem: the feedback shown for any option never claims
    // RST needs it to be 1 (overflow-always-rst) or that the ACK is dropped by default.
    for (const d of [2, 3] as const) {
      for (const seed of SEEDS) {
        const q = generateQuestion('listen-queues', { seed, locale: 'zh', difficulty: d });
        const abort = /tcp_abort_on_overflow = (\d)/.exec(q.stem)?.[1];
        const labels = Object.values(q.misconceptions);
        if (abort === '1') expect(labels).not.toContain('overflow-always-rst');
        if (abort === '0') expect(labels).not.toContain('abort-on-overflow-ignored');
        const cookies = /tcp_syncookies = (\d)/.exec(q.stem)?.[1];
        if (cookies === '1') expect(labels).not.toContain('cookies-without-syncookies');
        if (cookies === '0') expect(labels).not.toContain('flood-blocks-despite-cookies');
      }
    }
  });

  test('every label used has feedback in both locales', () => {
    for (const [, qs] of ALL)
      for (const q of qs)
        for (const label of Object.values(q.misconceptions)) {
          expect(MISCONCEPTIONS[label].zh.length).toBeGreaterThan(0);
          expect(MISCONCEPTIONS[label].en.length).toBeGreaterThan(0);
        }
  });
});

describe('listen-queues: topics are what each question is about', () => {
  test.each(ALL)('d%i: SYN-flood questions carry syn-flood, accept-queue ones queues', (_d, qs) => {
    for (const q of qs) {
      const f = factsOf(q);
      const flood = f.shape === 'flood-fate' || f.shape === 'flood-count';
      expect(q.topics.includes('syn-flood'), q.stem).toBe(flood);
      if (!flood) expect(q.topics).toContain('queues');
    }
  });

  test.each(ALL)('d%i: at least 10 % of seeds serve SYN-flood practice', (_d, qs) => {
    const share = qs.filter((q) => q.topics.includes('syn-flood')).length / qs.length;
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThan(0.6);
  });
});

describe('listen-queues: variety (finding 9)', () => {
  test.each(ALL)('d%i: several situations and keys; no key dominates', (_d, qs) => {
    const shapes = new Set(qs.map((q) => factsOf(q).shape));
    expect(shapes.size).toBeGreaterThanOrEqual(2);
    const keys = new Map<string, number>();
    for (const q of qs) {
      const k = String(expected(factsOf(q)));
      keys.set(k, (keys.get(k) ?? 0) + 1);
    }
    expect(keys.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...keys.values()) / qs.length).toBeLessThan(0.5);
  });

  test('d2 (the 1,000-of-1,000 finding): the choice key varies and its position is balanced', () => {
    const qs = questions(
      2,
      Array.from({ length: 400 }, (_, i) => i),
    ).filter((q) => q.kind === 'choice');
    const keys = new Set(qs.map((q) => (q.kind === 'choice' ? q.answer.option : '')));
    expect(keys.size).toBe(4);
    const outcomes = new Map<Outcome, number>();
    for (const q of qs) {
      if (q.kind !== 'choice') continue;
      const o = outcomeOf(q.options.find((x) => x.id === q.answer.option)!.text);
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      // Four options: each position holds the key between 15 % and 35 % of the time.
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(2);
    for (const id of ['a', 'b', 'c', 'd']) {
      const share = qs.filter((q) => q.kind === 'choice' && q.answer.option === id).length;
      expect(share / qs.length).toBeGreaterThan(0.15);
      expect(share / qs.length).toBeLessThan(0.35);
    }
  });
});

describe('listen-queues: no length cue', () => {
  test.each([1, 2, 3] as const)(
    'd%i, both locales: the key is the longest (or the shortest) option at most a third of the time',
    (d) => {
      for (const locale of ['zh', 'en'] as const) {
        let n = 0;
        let longest = 0;
        let shortest = 0;
        for (const seed of SEEDS) {
          const q = generateQuestion('listen-queues', { seed, locale, difficulty: d });
          if (q.kind !== 'choice') continue;
          n++;
          const key = q.options.find((o) => o.id === q.answer.option)!.text.length;
          if (q.options.every((o) => o.id === q.answer.option || o.text.length < key)) longest++;
          if (q.options.every((o) => o.id === q.answer.option || o.text.length > key)) shortest++;
        }
        expect(longest / n, locale).toBeLessThanOrEqual(1 / 3);
        expect(shortest / n, locale).toBeLessThanOrEqual(1 / 3);
      }
    },
  );
});

describe('listen-queues: answer invariance', () => {
  test('questions with a trace are re-simulated (no profile flip: the stem says Linux)', () => {
    for (const d of [1, 2, 3] as const) {
      for (const seed of SEEDS.slice(0, 20)) {
        const q = generateQuestion('listen-queues', { seed, locale: 'en', difficulty: d });
        expect(q.stem).toMatch(/^On Linux/);
        const r = checkInvariance(q);
        expect(r.failures).toEqual([]);
        if (q.trace !== null) expect(r.checked).toBeGreaterThan(0);
      }
    }
  });
});
