// One numbering everywhere (issue 18, finding 5): a diagram shows relative numbers (tcpdump's
// default) or absolute ones (tcpdump -S, what stems and keys quote), labels and grading alike;
// a step never runs past the trace (finding 10: "Step 11 of 10").
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeItem } from '@/app/_components/ladder/event-list';
import { COMPACT, METRICS, layoutLadder } from '@/app/_components/ladder/layout';
import { parseNumbering } from '@/app/_components/ladder/numbering';
import { clampStep, gradeGuess } from '@/app/_components/ladder/steps';
import { simulateNamed, type Trace, type TraceSegment } from '@/lib/engine';
import { segmentLabel, segmentNumbers, timeline } from '@/lib/trace-export';

const CLIENT_ISN = 3_046_498_881;
const SERVER_ISN = 919_812_661;

const seg = (over: Partial<TraceSegment> & Pick<TraceSegment, 'from' | 'to' | 'flags'>) => ({
  t: 0,
  seq: 0,
  ack: null,
  len: 0,
  win: 64240,
  abs_seq: CLIENT_ISN,
  abs_ack: null,
  dropped: false,
  cport: 40001,
  sport: 40001,
  dport: 9000,
  ...over,
});

// The same handshake and data, written out by hand in both numberings.
const syn = seg({ from: 'client', to: 'server', flags: 'S' });
const synAck = seg({
  from: 'server',
  to: 'client',
  flags: 'S.',
  abs_seq: SERVER_ISN,
  ack: 1,
  abs_ack: CLIENT_ISN + 1,
});
const data = seg({
  from: 'client',
  to: 'server',
  flags: 'P.',
  seq: 1,
  abs_seq: CLIENT_ISN + 1,
  len: 163,
  ack: 1,
  abs_ack: SERVER_ISN + 1,
});
const pureAck = seg({
  from: 'server',
  to: 'client',
  flags: '.',
  seq: 1,
  abs_seq: SERVER_ISN + 1,
  ack: 164,
  abs_ack: CLIENT_ISN + 164,
});
const reset = seg({ from: 'server', to: 'client', flags: 'R.', seq: null, ack: 1, abs_ack: 5 });
// A data segment whose range crosses 2^32: the end wraps, as sequence numbers do.
const wrapping = seg({
  from: 'client',
  to: 'server',
  flags: 'P.',
  seq: 1,
  abs_seq: 2 ** 32 - 10,
  len: 100,
  ack: 1,
  abs_ack: 7,
});

describe('segmentLabel in each numbering', () => {
  test.each([
    ['SYN', syn, 'S 0:0(0)', `S ${CLIENT_ISN}:${CLIENT_ISN}(0)`],
    ['SYN-ACK', synAck, 'S. 0:0(0) ack 1', `S. ${SERVER_ISN}:${SERVER_ISN}(0) ack 3046498882`],
    [
      'data',
      data,
      'P. 1:164(163) ack 1',
      `P. ${CLIENT_ISN + 1}:${CLIENT_ISN + 164}(163) ack 919812662`,
    ],
    ['pure ACK', pureAck, '. ack 164', '. ack 3046499045'],
    ['RST without seq', reset, 'R. ack 1', 'R. ack 5'],
    ['range across 2^32', wrapping, 'P. 1:101(100) ack 1', `P. ${2 ** 32 - 10}:90(100) ack 7`],
  ])('%s: relative %s, absolute %s', (_name, segment, relative, absolute) => {
    expect(segmentLabel(segment)).toBe(relative);
    expect(segmentLabel(segment, 'relative')).toBe(relative);
    expect(segmentLabel(segment, 'absolute')).toBe(absolute);
  });

  test('a number the segment does not carry is absent in both numberings', () => {
    fc.assert(
      fc.property(
        fc.option(fc.nat(), { nil: null }),
        fc.option(fc.nat(), { nil: null }),
        fc.nat(2 ** 32 - 1),
        fc.nat(2 ** 32 - 1),
        (seq, ack, absSeq, absAck) => {
          const s = seg({
            from: 'a',
            to: 'b',
            flags: '.',
            seq,
            ack,
            abs_seq: absSeq,
            abs_ack: absAck,
          });
          const abs = segmentNumbers(s, 'absolute');
          expect(abs.seq === null).toBe(seq === null);
          expect(abs.ack === null).toBe(ack === null);
          expect(segmentNumbers(s, 'relative')).toEqual({ seq, ack });
        },
      ),
    );
  });
});

describe('the diagram in absolute numbers', () => {
  const trace = simulateNamed('handshake-data-close', { seed: 3 });
  const words = { listener: 'listener', timer: (name: string) => name };

  test('arrow labels, the event list and descriptions use the chosen numbering', () => {
    for (const numbering of ['relative', 'absolute'] as const) {
      const layout = layoutLadder(trace, 720, numbering);
      const first = trace.segments[0]!;
      expect(layout.arrows[0]!.label).toBe(segmentLabel(first, numbering));
      const item = timeline(trace).find((i) => i.kind === 'segment')!;
      expect(describeItem(item, words, numbering)).toContain(segmentLabel(first, numbering));
    }
    // The absolute labels carry the ISNs (the wire's numbers), the relative ones start at 0.
    const abs = layoutLadder(trace, 720, 'absolute').arrows.map((a) => a.label);
    expect(abs[0]).toContain(String(trace.segments[0]!.abs_seq));
    expect(layoutLadder(trace, 720).arrows[0]!.label).toBe('S 0:0(0)');
  });

  test.each([
    ['desktop', 720, METRICS],
    ['phone', 390, COMPACT],
  ] as const)(
    'on a %s the lifelines stand far enough apart for the longest absolute label',
    (_name, width, m) => {
      const layout = layoutLadder(trace, width, 'absolute');
      const longest = Math.max(...layout.arrows.map((a) => a.label.length));
      const [a, b] = layout.lanes;
      expect(b!.x - a!.x).toBeGreaterThanOrEqual(longest * m.labelCharWidth);
      expect(layout.width).toBeGreaterThanOrEqual(b!.x);
    },
  );

  test('relative labels still fit a phone without sideways scrolling', () => {
    expect(layoutLadder(trace, 390, 'relative').width).toBe(390);
  });

  test('a predicted ack is graded in the numbering the diagram shows', () => {
    const t: Trace = { ...trace, segments: [syn, synAck, data, pureAck] };
    expect(gradeGuess(t, pureAck, { flags: '.', ack: 164 }).correct).toBe(true);
    expect(gradeGuess(t, pureAck, { flags: '.', ack: 164 }, 'absolute').correct).toBe(false);
    expect(gradeGuess(t, pureAck, { flags: '.', ack: CLIENT_ISN + 164 }, 'absolute').correct).toBe(
      true,
    );
  });
});

describe('clampStep: no "step 11 of 10"', () => {
  test.each([
    [11, 10, 10],
    [10, 10, 10],
    [3, 10, 3],
    [-1, 10, 0],
    [7, 0, 0],
    [Infinity, 4, 4],
    [-Infinity, 4, 0],
    [NaN, 4, 0],
    [2.5, 4, 2],
  ])('step %s of a %s-segment trace shows step %s', (step, total, shown) => {
    expect(clampStep(step, total)).toBe(shown);
  });

  test('any step of any trace is a step that trace has', () => {
    fc.assert(
      fc.property(fc.double(), fc.nat(500), (step, total) => {
        const k = clampStep(step, total);
        return Number.isInteger(k) && k >= 0 && k <= total;
      }),
    );
  });
});

test.each([
  ['absolute', 'absolute'],
  ['relative', 'relative'],
  [null, 'relative'],
  ['ABSOLUTE', 'relative'],
  ['{"x":1}', 'relative'],
])('a stored numbering %j reads as %s', (stored, numbering) => {
  expect(parseNumbering(stored)).toBe(numbering);
});
