// grade(): tables of accepted forms, partial credit, misconception feedback, and malformed
// responses returned as typed errors (never thrown).

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  canonicalFlags,
  generateQuestion,
  grade,
  keyAsResponse,
  parseNumber,
  toHalfWidth,
  type Question,
} from '@/lib/questions';

const base = {
  template: 'seq-ack-numbers' as const,
  seed: 1,
  locale: 'en' as const,
  difficulty: 1 as const,
  topics: ['sequence-numbers' as const],
  lesson: 'three-way-handshake',
  stem: 'stem',
  trace: null,
  explanation: 'because',
  source: { scenario: null, seed: 0, set: {}, focus: {} },
};

const numeric: Question = {
  ...base,
  kind: 'numeric',
  answer: { value: 2047, tolerance: 0 },
  misconceptions: { '2046': 'syn-consumes-no-sequence-number' },
};
const seconds: Question = {
  ...base,
  kind: 'numeric',
  unit: 's',
  answer: { value: 19.456, tolerance: 0.97 },
  misconceptions: { '15': 'textbook-exponential-syn-backoff' },
};
const choice: Question = {
  ...base,
  template: 'next-state',
  kind: 'choice',
  options: [
    { id: 'a', text: 'FIN_WAIT2' },
    { id: 'b', text: 'CLOSE_WAIT' },
    { id: 'c', text: 'ESTABLISHED' },
  ],
  answer: { option: 'b' },
  misconceptions: { a: 'close-wait-vs-fin-wait-2' },
};
const fields: Question = {
  ...base,
  template: 'next-segment',
  kind: 'fields',
  fields: [
    { id: 'flags', label: 'flags' },
    { id: 'seq', label: 'seq' },
    { id: 'ack', label: 'ack' },
  ],
  answer: { fields: { flags: 'S.', seq: 5000, ack: 2047 } },
  misconceptions: { 'ack:2046': 'syn-consumes-no-sequence-number' },
};
const synFields: Question = {
  ...fields,
  answer: { fields: { flags: 'S', seq: 2046, ack: null } },
  misconceptions: {},
};
const order: Question = {
  ...base,
  template: 'order-segments',
  kind: 'order',
  options: [
    { id: 'a', text: 'ACK' },
    { id: 'b', text: 'SYN' },
    { id: 'c', text: 'SYN+ACK' },
  ],
  answer: { order: ['b', 'c', 'a'] },
  misconceptions: {},
};
const multi: Question = {
  ...base,
  template: 'why',
  kind: 'multi',
  options: [
    { id: 'a', text: 'one' },
    { id: 'b', text: 'two' },
    { id: 'c', text: 'three' },
  ],
  answer: { options: ['a', 'c'] },
  misconceptions: { b: 'time-wait-is-a-bug' },
};

describe('numeric', () => {
  test.each([
    [2047, true],
    ['2047', true],
    [' 2047 ', true],
    ['２０４７', true],
    ['2,047', true],
    ['2 047', true],
    ['+2047', true],
    ['2046', false],
    [2048, false],
  ])('%j → correct %s', (value, correct) => {
    const r = grade(numeric, { value });
    expect(r.valid && r.correct).toBe(correct);
  });

  test('a known wrong value names its misconception', () => {
    const r = grade(numeric, { value: '２０４６' });
    expect(r).toMatchObject({ valid: true, correct: false, score: 0 });
    expect(r.valid && r.misconception).toBe('syn-consumes-no-sequence-number');
    expect(r.valid && r.feedback).toContain('SYN consumes one sequence number');
  });

  test.each([
    ['19.5', true],
    ['19.456 s', true],
    ['20秒', true],
    ['18', false],
    ['15', false],
  ])('seconds with tolerance: %j → correct %s', (value, correct) => {
    const r = grade(seconds, { value });
    expect(r.valid && r.correct).toBe(correct);
  });

  test.each([
    ['19.5 ms', 19.5],
    ['2,060ms', 2060],
    ['850 毫秒', 850],
    ['3 milliseconds', 3],
  ])('milliseconds (connect-to-closed): %j reads as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  // A unit typed with the answer is converted to the question's unit, not stripped.
  const timed: Question = {
    ...base,
    kind: 'numeric',
    unit: 's',
    answer: { value: 7.136, tolerance: 0 },
    misconceptions: { '15': 'textbook-exponential-syn-backoff' },
  };
  const inMs: Question = { ...timed, unit: 'ms', answer: { value: 2060, tolerance: 0 } };
  const inRtt: Question = { ...timed, unit: 'RTT', answer: { value: 3, tolerance: 0 } };
  test.each([
    [timed, '7.136', true],
    [timed, '7.136 s', true],
    [timed, '7.136秒', true],
    [timed, '7136 ms', true],
    [timed, '7,136ms', true],
    [timed, '７１３６ 毫秒', true],
    [timed, '7136000 µs', true],
    [timed, '7136000us', true],
    [timed, '7136', false],
    [timed, '7.136 ms', false],
    [inMs, '2060', true],
    [inMs, '2.06 s', true],
    [inMs, '2.06秒', true],
    [inMs, '2,060 ms', true],
    [inMs, '2.06', false],
    [inRtt, '3 RTT', true],
    [inRtt, '3 RTTs', true],
    [inRtt, '3', true],
    [numeric, '2047 bytes', true],
    [numeric, '2047 字节', true],
  ])('unit %#: %j → correct %s', (q, value, correct) => {
    const r = grade(q, { value });
    expect(r).toMatchObject({ valid: true, correct });
  });

  test('a converted wrong value still names its misconception (15 s typed as 15000 ms)', () => {
    const r = grade(timed, { value: '15000 ms' });
    expect(r.valid && r.misconception).toBe('textbook-exponential-syn-backoff');
  });

  test.each([
    [timed, '7.136 bytes'],
    [inMs, '3 RTT'],
    [numeric, '2047 s'],
  ])('a unit of another kind is WRONG_UNIT, not stripped: %#', (q, value) => {
    expect(grade(q, { value })).toMatchObject({ valid: false, error: { code: 'WRONG_UNIT' } });
  });

  test.each([['abc'], [''], ['12..3'], ['1e5x'], ['7 parsecs']])(
    '%j is rejected as NOT_A_NUMBER',
    (value) => {
      expect(grade(numeric, { value })).toMatchObject({
        valid: false,
        error: { code: 'NOT_A_NUMBER' },
      });
    },
  );
});

describe('choice', () => {
  test.each([
    ['b', true],
    ['B', true],
    [' b ', true],
    ['Ｂ', true],
    ['(b)', true],
    ['b.', true],
    ['a', false],
    ['c', false],
  ])('%j → correct %s', (option, correct) => {
    const r = grade(choice, { option });
    expect(r.valid && r.correct).toBe(correct);
  });

  test('the CLOSE_WAIT/FIN_WAIT2 confusion is reported', () => {
    const r = grade(choice, { option: 'a' });
    expect(r.valid && r.misconception).toBe('close-wait-vs-fin-wait-2');
  });

  test('an option that does not exist is UNKNOWN_OPTION', () => {
    expect(grade(choice, { option: 'z' })).toMatchObject({
      valid: false,
      error: { code: 'UNKNOWN_OPTION' },
    });
  });
});

describe('fields (partial credit)', () => {
  test.each([
    [{ flags: 'S.', seq: 5000, ack: 2047 }, 1],
    [{ flags: 'SYN+ACK', seq: '5000', ack: '２０４７' }, 1],
    [{ flags: 'syn, ack', seq: 5000, ack: 2047 }, 1],
    [{ flags: 'ACK SYN', seq: 5000, ack: 2047 }, 1],
    [{ flags: 'S .', seq: 5000, ack: 2047 }, 1],
    [{ flags: 'S.', seq: 5000, ack: 2046 }, 2 / 3],
    [{ flags: 'S', seq: 5000, ack: 2046 }, 1 / 3],
    [{ flags: 'F.', seq: 1, ack: 2 }, 0],
  ])('%j → score %d', (response, score) => {
    const r = grade(fields, { fields: response });
    expect(r.valid && r.score).toBeCloseTo(score);
  });

  test('an ack off by the SYN names the misconception', () => {
    const r = grade(fields, { fields: { flags: 'S.', seq: 5000, ack: 2046 } });
    expect(r.valid && r.misconception).toBe('syn-consumes-no-sequence-number');
  });

  test.each([[''], ['-'], ['none'], ['无'], [null]])('ack %j means "no ack" for a SYN', (ack) => {
    const r = grade(synFields, { fields: { flags: 'SYN', seq: 2046, ack } });
    expect(r.valid && r.correct).toBe(true);
  });

  test.each([
    [{ flags: 'SYNACK', seq: 1, ack: 1 }, 'BAD_FLAGS'],
    [{ flags: 'S.', seq: 'x', ack: 1 }, 'NOT_A_NUMBER'],
  ])('%j is rejected with %s', (response, code) => {
    expect(grade(fields, { fields: response })).toMatchObject({ valid: false, error: { code } });
  });
});

describe('order (pairwise credit)', () => {
  test.each([
    [['b', 'c', 'a'], 1],
    [['B', 'C', 'A'], 1],
    [['c', 'b', 'a'], 2 / 3],
    [['a', 'c', 'b'], 0],
  ])('%j → score %d', (ids, score) => {
    const r = grade(order, { order: ids });
    expect(r.valid && r.score).toBeCloseTo(score);
  });

  // A partial order: a before b and c, both before d; b and c cross in flight.
  const partial: Question = {
    ...order,
    options: ['SYN', 'FIN', 'ACK', 'LAST'].map((text, i) => ({ id: 'abcd'[i]!, text })),
    answer: {
      order: ['a', 'b', 'c', 'd'],
      before: [
        ['a', 'b'],
        ['a', 'c'],
        ['a', 'd'],
        ['b', 'd'],
        ['c', 'd'],
      ],
    },
  };
  test.each([
    [['a', 'b', 'c', 'd'], 1],
    [['a', 'c', 'b', 'd'], 1],
    [['a', 'b', 'd', 'c'], 4 / 5],
    [['d', 'c', 'b', 'a'], 0],
  ])('only decided pairs count: %j → score %d', (ids, score) => {
    const r = grade(partial, { order: ids });
    expect(r.valid && r.score).toBeCloseTo(score);
    expect(r.valid && r.correct).toBe(score === 1);
  });

  test.each([[['a', 'b']], [['a', 'a', 'b']], [['a', 'b', 'z']]])(
    '%j is NOT_A_PERMUTATION',
    (ids) => {
      expect(grade(order, { order: ids })).toMatchObject({
        valid: false,
        error: { code: 'NOT_A_PERMUTATION' },
      });
    },
  );
});

describe('multi', () => {
  test.each([
    [['a', 'c'], 1],
    [['c', 'a'], 1],
    [['a'], 0.5],
    [['a', 'b'], 0],
  ])('%j → score %d', (ids, score) => {
    const r = grade(multi, { options: ids });
    expect(r.valid && r.score).toBeCloseTo(score);
  });

  test('a repeated option is DUPLICATE_OPTION', () => {
    expect(grade(multi, { options: ['a', 'A'] })).toMatchObject({
      valid: false,
      error: { code: 'DUPLICATE_OPTION' },
    });
  });
});

describe('malformed responses', () => {
  test.each([[null], [undefined], [42], ['b'], [{}], [{ option: 1 }], [{ option: 'b', x: 1 }]])(
    '%j → MALFORMED',
    (response) => {
      expect(grade(choice, response)).toMatchObject({
        valid: false,
        error: { code: 'MALFORMED' },
      });
    },
  );

  test('a response for another kind → WRONG_KIND, in the question’s locale', () => {
    const zh: Question = { ...numeric, locale: 'zh' };
    const r = grade(zh, { option: 'a' });
    expect(r).toMatchObject({ valid: false, error: { code: 'WRONG_KIND' } });
    expect(!r.valid && r.error.message).toMatch(/请用/);
  });

  test('grade never throws, whatever it is given', () => {
    const q = generateQuestion('next-segment', { seed: 3, locale: 'en', difficulty: 2 });
    fc.assert(
      fc.property(fc.anything(), (response) => {
        const r = grade(q, response);
        expect(typeof r.valid).toBe('boolean');
      }),
    );
  });
});

describe('normalisation helpers', () => {
  test.each([
    ['ＳＹＮ＋ＡＣＫ', 'SYN+ACK'],
    ['　１２３　', '123'],
  ])('toHalfWidth(%j) = %j', (raw, out) => expect(toHalfWidth(raw)).toBe(out));

  test.each([
    ['S.', 'AS'],
    ['SYN+ACK', 'AS'],
    ['.', 'A'],
    ['ACK', 'A'],
    ['F.', 'AF'],
    ['FIN/ACK', 'AF'],
    ['R', 'R'],
    ['rst,ack', 'AR'],
    ['P.', 'AP'],
    ['hello', null],
  ])('canonicalFlags(%j) = %j', (raw, out) => expect(canonicalFlags(raw)).toBe(out));

  test('parseNumber accepts any integer written in full-width digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
        const wide = String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        expect(parseNumber(wide)).toBe(n);
      }),
    );
  });
});

test('the key of every generated question grades as correct, in either locale', () => {
  for (const template of ['seq-ack-numbers', 'next-segment', 'order-segments', 'why'] as const)
    for (const locale of ['zh', 'en'] as const) {
      const q = generateQuestion(template, { seed: 11, locale, difficulty: 2 });
      const r = grade(q, keyAsResponse(q));
      expect(r).toMatchObject({ valid: true, correct: true, score: 1 });
    }
});
