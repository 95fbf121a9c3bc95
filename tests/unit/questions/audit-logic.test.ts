// The audit's own logic on hand-made questions: what counts as "looks the same" to a learner,
// when two keys differ, how structures and cues are counted, and how failures are reported.

import { describe, expect, test } from 'vitest';
import { questionSchema, type Question, type ShownTrace } from '@/lib/questions';
import { fingerprint, keyRep, keysDiffer, structure } from '@/lib/questions/audit/fingerprint';
import {
  MAX_KEY_SHARE,
  MIN_STRUCTURES,
  maxCueShare,
  minPositionShare,
} from '@/lib/questions/audit/floors';
import { formatReport } from '@/lib/questions/audit/format';
import { LookGroups } from '@/lib/questions/audit/groups';
import { shapeOf } from '@/lib/questions/audit/shape';
import {
  auditTemplate,
  cellFailed,
  reproduce,
  validityFailures,
  type AuditReport,
} from '@/lib/questions/audit/run';

function trace(segments: { t: number; seq: number; abs: number }[]): ShownTrace {
  return {
    scenario: 'handshake-data-close',
    seed: 1,
    profile: 'linux',
    params: {},
    segments: segments.map((s) => ({
      t: s.t,
      from: 'client',
      to: 'server',
      flags: 'S',
      seq: s.seq,
      ack: null,
      len: 0,
      win: 64240,
      abs_seq: s.abs,
      abs_ack: null,
      dropped: false,
      cport: 40001,
      sport: 40001,
      dport: 80,
    })),
    states: [{ t: 0, endpoint: 'client', socket: 'conn', cport: 40001, state: 'SYN_SENT' }],
    events: [],
    timers: [],
    end: 0.01,
  };
}

/** A valid choice question; `key` names the correct option's text. */
interface Over {
  seed?: number;
  stem?: string;
  explanation?: string;
  trace?: ShownTrace | null;
  key?: string;
  texts?: readonly string[];
}

function choice(over: Over = {}): Question {
  const texts = over.texts ?? ['SYN_RECV', 'ESTABLISHED', 'LISTEN', 'CLOSED'];
  const options = texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
  const key = options.find((o) => o.text === (over.key ?? 'SYN_RECV'))!.id;
  const { key: _k, texts: _t, ...rest } = over;
  return questionSchema.parse({
    template: 'next-state',
    seed: 1,
    locale: 'en',
    difficulty: 1,
    kind: 'choice',
    topics: ['states'],
    lesson: 'three-way-handshake',
    stem: 'Which state next?',
    trace: trace([{ t: 0, seq: 0, abs: 1000 }]),
    options,
    answer: { option: key },
    explanation: 'Because.',
    misconceptions: {},
    source: { scenario: 'handshake-data-close', seed: 1, set: {}, focus: {} },
    ...rest,
  });
}

function numeric(value: number, tolerance: number): Question {
  return questionSchema.parse({
    template: 'handshake-loss',
    seed: 1,
    locale: 'en',
    difficulty: 2,
    kind: 'numeric',
    topics: ['handshake-loss'],
    lesson: 'handshake-loss-and-retransmission',
    stem: 'When does connect() fail?',
    trace: null,
    answer: { value, tolerance },
    explanation: 'Because.',
    misconceptions: {},
    source: { scenario: null, seed: 1, set: {}, focus: {} },
  });
}

describe('fingerprint: what the learner sees', () => {
  test.each([
    [
      'another seed, explanation, source and key',
      { seed: 9, explanation: 'Other.', key: 'LISTEN' },
    ],
    ['options in another order', { texts: ['CLOSED', 'LISTEN', 'ESTABLISHED', 'SYN_RECV'] }],
    [
      'other absolute numbers behind the same relative ones',
      { trace: trace([{ t: 0, seq: 0, abs: 77 }]) },
    ],
    [
      'times that round to the same millisecond',
      { trace: trace([{ t: 0.0004, seq: 0, abs: 1000 }]) },
    ],
  ] as const)('the same view despite %s', (_what, over) => {
    expect(fingerprint(choice(over))).toBe(fingerprint(choice()));
  });

  test.each([
    ['another stem', { stem: 'Which state after the ACK?' }],
    ['another option', { texts: ['SYN_RECV', 'ESTABLISHED', 'LISTEN', 'TIME_WAIT'] }],
    ['another relative seq', { trace: trace([{ t: 0, seq: 1, abs: 1000 }]) }],
    ['another millisecond', { trace: trace([{ t: 0.002, seq: 0, abs: 1000 }]) }],
    ['no diagram', { trace: null }],
  ] as const)('a different view with %s', (_what, over) => {
    expect(fingerprint(choice(over))).not.toBe(fingerprint(choice()));
  });

  test('the structure blanks every number, so swapped numbers are one structure', () => {
    const a = choice({ stem: 'Segment #3 has seq = 1200.' });
    const b = choice({ stem: 'Segment #7 has seq = 99.' });
    const c = choice({ stem: 'Segment #7 has ack = 99.' });
    expect(structure(fingerprint(a))).toBe(structure(fingerprint(b)));
    expect(structure(fingerprint(a))).not.toBe(structure(fingerprint(c)));
  });
});

describe('keys as the learner states them', () => {
  test('a choice key is its text, whatever its letter', () => {
    const a = choice({ key: 'LISTEN' });
    const b = choice({ key: 'LISTEN', texts: ['LISTEN', 'CLOSED', 'SYN_RECV', 'ESTABLISHED'] });
    expect(a.kind === 'choice' && b.kind === 'choice' && a.answer.option !== b.answer.option).toBe(
      true,
    );
    expect(keysDiffer(keyRep(a), keyRep(b))).toBe(false);
    expect(keysDiffer(keyRep(a), keyRep(choice({ key: 'CLOSED' })))).toBe(true);
  });
  test('an order key is the set of pairs it decides, not the one order it lists', () => {
    const order = (answer: { order: string[]; before?: [string, string][] }) =>
      questionSchema.parse({
        ...numeric(1, 0),
        template: 'order-segments',
        kind: 'order',
        options: ['SYN', 'SYN+ACK', 'ACK', 'data'].map((text, i) => ({ id: `s${i}`, text })),
        answer,
      });
    const before: [string, string][] = [
      ['s0', 's1'],
      ['s1', 's2'],
      ['s1', 's3'],
    ];
    const a = keyRep(order({ order: ['s0', 's1', 's2', 's3'], before }));
    const b = keyRep(order({ order: ['s0', 's1', 's3', 's2'], before }));
    expect(keysDiffer(a, b)).toBe(false);
    expect(a.text).toBe('SYN < SYN+ACK | SYN+ACK < ACK | SYN+ACK < data');
    // One more decided pair is another key, and a listed order without `before` decides all.
    expect(
      keysDiffer(
        a,
        keyRep(order({ order: ['s0', 's1', 's2', 's3'], before: [...before, ['s2', 's3']] })),
      ),
    ).toBe(true);
    expect(keysDiffer(b, keyRep(order({ order: ['s0', 's1', 's3', 's2'] })))).toBe(true);
    expect(keyRep(order({ order: ['s0', 's1', 's2'] })).text).toBe(
      'SYN < ACK | SYN < SYN+ACK | SYN+ACK < ACK',
    );
  });

  test.each([
    [131, 0.3, 131.2, 0.3, false],
    [131, 0.3, 131.5, 0.3, true],
    [19, 0, 19.5, 1, false],
  ])('numeric %d ± %d vs %d ± %d differ: %s', (a, ta, b, tb, differ) => {
    expect(keysDiffer(keyRep(numeric(a, ta)), keyRep(numeric(b, tb)))).toBe(differ);
  });
});

/** A handshake, then `len` bytes from the client (lost if `dropped`), times scaled by `dt`. */
interface Conn {
  cIsn: number;
  sIsn: number;
  len: number;
  dt?: number;
  dropped?: boolean;
}

function connTrace({ cIsn, sIsn, len, dt = 0.01, dropped = false }: Conn): ShownTrace {
  const seg = (
    i: number,
    from: 'client' | 'server',
    flags: string,
    seq: number,
    ack: number | null,
    n = 0,
  ) => {
    const [own, peer] = from === 'client' ? [cIsn, sIsn] : [sIsn, cIsn];
    return {
      t: i * dt,
      from,
      to: from === 'client' ? 'server' : 'client',
      flags,
      seq,
      ack,
      len: n,
      win: 64240,
      abs_seq: (own + seq) % 2 ** 32,
      abs_ack: ack === null ? null : (peer + ack) % 2 ** 32,
      dropped: i === 3 && dropped,
      cport: 40001,
      sport: from === 'client' ? 40001 : 80,
      dport: from === 'client' ? 80 : 40001,
    };
  };
  return {
    ...trace([]),
    segments: [
      seg(0, 'client', 'S', 0, null),
      seg(1, 'server', 'S.', 0, 1),
      seg(2, 'client', '.', 1, 1),
      seg(3, 'client', 'P.', 1, 1, len),
    ],
  };
}

/** "Give the client's FIN": fields, absolute numbers from the stated ISNs; `seq` overrides the key. */
function finQuestion(c: Conn, seq?: number): Question {
  return questionSchema.parse({
    template: 'next-segment',
    seed: 1,
    locale: 'en',
    difficulty: 2,
    kind: 'fields',
    topics: ['close'],
    lesson: 'four-way-close',
    stem: `The client's ISN is ${c.cIsn}, the server's ISN is ${c.sIsn}. Give the FIN the client sends.`,
    trace: connTrace(c),
    fields: [
      { id: 'flags', label: 'Flags' },
      { id: 'seq', label: 'seq' },
      { id: 'ack', label: 'ack' },
    ],
    answer: { fields: { flags: 'F.', seq: seq ?? c.cIsn + 1 + c.len, ack: c.sIsn + 1 } },
    explanation: 'Because.',
    misconceptions: {},
    source: { scenario: 'handshake-data-close', seed: 1, set: {}, focus: {} },
  });
}

/** Text only: "the first of three segments has seq = first, each carries `len` bytes". */
function dupAck(first: number, len: number, key = first + len): Question {
  return questionSchema.parse({
    ...numeric(key, 0),
    template: 'seq-ack-numbers',
    stem: `The first of three segments has seq = ${first}; each carries ${len} bytes; the second is lost. Which ack answers the third?`,
  });
}

describe('shape: the view up to ISNs and payload sizes', () => {
  const base: Conn = { cIsn: 1_000_000, sIsn: 3_000_000_000, len: 100 };

  test.each([
    ['other ISNs', { cIsn: 2_500_000_000, sIsn: 700_000 }],
    ['another payload size', { len: 1337 }],
    ['other times', { dt: 0.25 }],
    ['ISNs within 2^20 of each other', { cIsn: 2_999_999_500 }],
    ['an ISN near 2^32 (the data wraps)', { cIsn: 2 ** 32 - 50 }],
  ] as const)('%s: one shape, one key in its terms', (_what, over) => {
    const a = shapeOf(finQuestion(base));
    const b = shapeOf(finQuestion({ ...base, ...over }));
    expect(b.view).toBe(a.view);
    expect(keysDiffer(a.key, b.key)).toBe(false);
    // The exact views and keys differ: only the shape groups them.
    expect(fingerprint(finQuestion({ ...base, ...over }))).not.toBe(fingerprint(finQuestion(base)));
  });

  test('a key that ignores the shown data is another key of the same shape (a hidden dependency)', () => {
    const right = shapeOf(finQuestion(base));
    const wrong = shapeOf(finQuestion({ ...base, len: 500 }, base.cIsn + 1));
    expect(wrong.view).toBe(right.view);
    expect(keysDiffer(right.key, wrong.key)).toBe(true);
  });

  test.each([
    ['the data segment lost', finQuestion({ ...base, dropped: true })],
    ['another stem', questionSchema.parse({ ...finQuestion(base), stem: 'Give the RST.' })],
    ['no diagram', questionSchema.parse({ ...finQuestion(base), trace: null })],
    ['no data (length 0)', finQuestion({ ...base, len: 0 })],
  ] as const)('a different shape with %s', (_what, q) => {
    expect(shapeOf(q).view).not.toBe(shapeOf(finQuestion(base)).view);
  });

  test('a number the diagram does not hold stays as written (an MSL, a retry count)', () => {
    const msl = (n: number) =>
      shapeOf(questionSchema.parse({ ...finQuestion(base), stem: `MSL is ${n} s.` })).view;
    expect(msl(30)).not.toBe(msl(60));
    expect(msl(30)).toBe(msl(30));
  });

  test('without a diagram, large numbers are written from the smallest stated one', () => {
    const a = shapeOf(dupAck(1_706_332_264, 500));
    const b = shapeOf(dupAck(98_765_432, 500));
    expect(b.view).toBe(a.view);
    expect(a.key.text).toBe('N0+500');
    expect(keysDiffer(a.key, b.key)).toBe(false);
    expect(keysDiffer(a.key, shapeOf(dupAck(98_765_432, 500, 98_765_432 + 1000)).key)).toBe(true);
    // A size the diagram does not show stays: 500 and 700 bytes are two shapes.
    expect(shapeOf(dupAck(98_765_432, 700)).view).not.toBe(a.view);
  });

  test('small numeric keys (counts, times) compare by value and tolerance, as in the view', () => {
    const a = shapeOf(numeric(131, 0.3));
    expect(keysDiffer(a.key, shapeOf(numeric(131.2, 0.3)).key)).toBe(false);
    expect(keysDiffer(a.key, shapeOf(numeric(132, 0.3)).key)).toBe(true);
  });
});

describe('look-alike groups', () => {
  test('one view with two keys is a conflict naming both; one key is not', () => {
    const groups = new LookGroups<number>();
    const a = choice({ seed: 5 });
    const b = choice({ seed: 7, key: 'ESTABLISHED' });
    groups.add(fingerprint(a), keyRep(a), 5);
    groups.add(fingerprint(a), keyRep(a), 6);
    expect(groups.conflicts()).toEqual([]);
    groups.add(fingerprint(b), keyRep(b), 7);
    const [conflict, ...rest] = groups.conflicts();
    expect(rest).toEqual([]);
    expect(conflict?.size).toBe(3);
    expect(conflict?.members.map((m) => [m.example, m.key.text])).toEqual([
      [5, 'SYN_RECV'],
      [7, 'ESTABLISHED'],
    ]);
  });
});

describe('floors and report', () => {
  test('a guesser may beat chance by at most 0.15', () => {
    expect(maxCueShare(4)).toBeCloseTo(0.4);
    expect(maxCueShare(2)).toBeCloseTo(0.65);
    expect(minPositionShare(4)).toBeCloseTo(0.15);
    expect(minPositionShare(3)).toBeCloseTo(0.2333);
    expect(MAX_KEY_SHARE).toBeLessThan(1);
    expect(MIN_STRUCTURES).toBe(3);
  });

  test('a small audit of one template counts what it generated and judges no share floor', () => {
    const { cells, floors } = auditTemplate('why', { seeds: 6, difficulties: [1] });
    expect(cells).toHaveLength(1);
    const cell = cells[0]!;
    expect([cell.template, cell.difficulty, cell.seeds, cell.questions]).toEqual(['why', 1, 6, 6]);
    expect(cell.position?.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(cell.keyShare?.n).toBe(6);
    expect(cell.keyShare!.maxShare * 6).toBeGreaterThanOrEqual(6 / cell.keyShare!.distinct);
    expect(cell.floors).toEqual([]);
    expect(floors).toEqual([]);
  });

  test('a failing cell prints a command that reproduces each example', () => {
    const { cells } = auditTemplate('why', { seeds: 2, difficulties: [1] });
    const cell = { ...cells[0]! };
    const example = {
      template: 'why',
      difficulty: 1,
      seed: 1,
      locale: 'en',
      note: 'key X; oracle Y',
    } as const;
    cell.oracle = { ...cell.oracle, disagree: { count: 1, examples: [example] } };
    expect(cellFailed(cell)).toBe(true);
    const report: AuditReport = {
      seeds: 2,
      seedStart: 0,
      invarianceEvery: 1,
      cells: [cell],
      topicCoverage: [],
      templateFloors: [],
      failed: true,
    };
    const text = formatReport(report);
    expect(text).toContain(reproduce(example));
    expect(text).toContain('npm run -s question -- why --seed 1 --locale en --difficulty 1');
    expect(text).toContain('key X; oracle Y');
    expect(text.trimEnd().endsWith('RESULT: FAIL')).toBe(true);
  });

  test('a question of a covered template that the oracle cannot read fails the cell', () => {
    const { cells } = auditTemplate('why', { seeds: 2, difficulties: [1] });
    const cell = { ...cells[0]! };
    expect(cellFailed(cell)).toBe(false);
    const example = {
      template: 'next-state',
      difficulty: 1,
      seed: 3,
      locale: 'en',
      note: 'focus names no state index',
    } as const;
    cell.oracle = { ...cell.oracle, unreadable: { count: 1, examples: [example] } };
    expect(cellFailed(cell)).toBe(true);
    expect(validityFailures(cell).join('\n')).toContain('focus names no state index');
  });
});
