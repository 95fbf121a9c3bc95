// Stepping reveals one segment at a time; predictions are graded against the trace.
import { describe, expect, test } from 'vitest';
import {
  cutoffAt,
  flagChoices,
  gradeGuess,
  isRevealed,
  senderStateAfter,
  stepOf,
} from '@/app/_components/ladder/steps';
import { sortedSegments, timeline } from '@/lib/trace-export';
import { handshakeTrace } from './fixtures';

const trace = handshakeTrace();
const segments = sortedSegments(trace);

describe('steps', () => {
  test('step k shows k segments and what happened before segment k was sent', () => {
    const items = timeline(trace);
    const at2 = items.filter((i) => isRevealed(i, segments, 2));
    expect(at2.filter((i) => i.kind === 'segment')).toHaveLength(2);
    // The client becomes ESTABLISHED when it sends the third ACK (t = 200 µs): not yet shown.
    expect(at2.some((i) => i.kind === 'state' && i.state.state === 'ESTABLISHED')).toBe(false);
    expect(cutoffAt(segments, segments.length)).toBe(Infinity);
    expect(items.every((i) => isRevealed(i, segments, segments.length))).toBe(true);
  });

  test('jumping to an item goes to the first step that shows it', () => {
    for (const item of timeline(trace)) {
      const k = stepOf(item, segments);
      expect(isRevealed(item, segments, k)).toBe(true);
      if (k > 0) expect(isRevealed(item, segments, k - 1)).toBe(false);
    }
  });
});

describe('gradeGuess', () => {
  const thirdAck = segments[2]!;
  test('client after SYN-ACK: ". ack 1", ESTABLISHED → right', () => {
    expect(senderStateAfter(trace, thirdAck)).toBe('ESTABLISHED');
    expect(gradeGuess(trace, thirdAck, { flags: '.', ack: 1, state: 'ESTABLISHED' })).toEqual({
      flags: true,
      ack: true,
      state: true,
      correct: true,
    });
  });
  test('wrong flags → wrong, whatever else', () => {
    expect(gradeGuess(trace, thirdAck, { flags: 'S.' }).correct).toBe(false);
  });
  test('an unanswered ack or state is not graded; a wrong one fails the guess', () => {
    expect(gradeGuess(trace, thirdAck, { flags: '.', ack: null })).toMatchObject({
      ack: null,
      correct: true,
    });
    expect(gradeGuess(trace, thirdAck, { flags: '.', ack: 2 })).toMatchObject({
      ack: false,
      correct: false,
    });
    expect(gradeGuess(trace, thirdAck, { flags: '.', state: 'SYN_SENT' })).toMatchObject({
      state: false,
      correct: false,
    });
  });
  test('the flag choices include the usual ones and every one the trace uses', () => {
    expect(flagChoices(trace)).toEqual(['S', 'S.', '.', 'P.', 'F.', 'FP.', 'R', 'R.']);
  });
});
