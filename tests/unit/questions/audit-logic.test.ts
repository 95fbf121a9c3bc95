// The audit's own logic on hand-made questions: what counts as "looks the same" to a learner,
// when two keys differ, how structures and cues are counted, and how failures are reported.

import { describe, expect, test } from 'vitest';
import { questionSchema, type Question, type ShownTrace } from '@/lib/questions';
import { fingerprint, keyRep, keysDiffer, structure } from '@/lib/questions/audit/fingerprint';
import { MAX_KEY_SHARE, MIN_STRUCTURES, maxCueShare } from '@/lib/questions/audit/floors';
import { formatReport } from '@/lib/questions/audit/format';
import { LookGroups } from '@/lib/questions/audit/groups';
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
  test.each([
    [131, 0.3, 131.2, 0.3, false],
    [131, 0.3, 131.5, 0.3, true],
    [19, 0, 19.5, 1, false],
  ])('numeric %d ± %d vs %d ± %d differ: %s', (a, ta, b, tb, differ) => {
    expect(keysDiffer(keyRep(numeric(a, ta)), keyRep(numeric(b, tb)))).toBe(differ);
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
