// Review statistics on study days (04:00 rollover, the learner's offset) and the Anki export.
import { describe, expect, test } from 'vitest';
import {
  dueForecast,
  newCard,
  reviewsPerDay,
  schedule,
  studyDay,
  toAnkiText,
  trueRetention,
  type SrsCard,
} from '@/lib/srs';

const BEIJING = 480;
const NOW = new Date('2026-01-10T06:00:00Z'); // 14:00 on 10 January in Beijing

describe('studyDay', () => {
  test.each([
    ['2026-01-10T06:00:00Z', BEIJING, '2026-01-10'],
    ['2026-01-10T19:59:00Z', BEIJING, '2026-01-10'], // 03:59 on the 11th: still the 10th
    ['2026-01-10T20:00:00Z', BEIJING, '2026-01-11'],
    ['2026-01-10T03:00:00Z', 0, '2026-01-09'],
    ['2026-01-10T12:00:00Z', -300, '2026-01-10'],
  ])('%s at offset %i min is study day %s', (at, offset, day) => {
    expect(studyDay(new Date(at), offset)).toBe(day);
  });
});

test('reviewsPerDay counts ratings on each of the last n study days, oldest first', () => {
  const logs = [
    '2026-01-10T05:00:00Z',
    '2026-01-10T19:30:00Z', // 03:30 local on the 11th: counts for the 10th
    '2026-01-09T10:00:00Z',
    '2026-01-01T10:00:00Z', // outside the window
  ].map((t) => ({ reviewedAt: new Date(t) }));
  expect(reviewsPerDay(logs, NOW, 3, BEIJING)).toEqual([
    { day: '2026-01-08', count: 0 },
    { day: '2026-01-09', count: 1 },
    { day: '2026-01-10', count: 2 },
  ]);
});

test('true retention counts only reviews of review-state cards; Again is a failure', () => {
  const logs = [
    { rating: 3, stateBefore: 'review' },
    { rating: 1, stateBefore: 'review' },
    { rating: 2, stateBefore: 'review' },
    { rating: 4, stateBefore: 'review' },
    { rating: 1, stateBefore: 'learning' },
    { rating: 1, stateBefore: 'new' },
  ] as const;
  expect(trueRetention(logs)).toEqual({ passed: 3, total: 4, rate: 0.75 });
  expect(trueRetention([])).toEqual({ passed: 0, total: 0, rate: null });
});

test('dueForecast puts overdue cards today and skips new cards', () => {
  const t0 = new Date('2026-01-01T02:00:00Z');
  const easy = schedule(newCard(t0), 4, t0).card; // due 2026-01-09: overdue on the 10th
  const again = schedule(newCard(NOW), 1, NOW).card; // due in a minute: today
  const later = { ...easy, due: new Date('2026-01-12T02:00:00Z') } satisfies SrsCard;
  expect(dueForecast([easy, again, later, newCard(NOW)], NOW, 4, BEIJING)).toEqual([
    { day: '2026-01-10', count: 2 },
    { day: '2026-01-11', count: 0 },
    { day: '2026-01-12', count: 1 },
    { day: '2026-01-13', count: 0 },
  ]);
});

describe('toAnkiText', () => {
  test('writes the header Anki reads, then one tab-separated note per line', () => {
    const text = toAnkiText(
      [
        { id: 'deck/x/1', front: '<p>SYN?</p>', back: '<p>1 seq</p>', tags: ['handshake', 'isn'] },
        { id: 'transition/2', front: 'a', back: 'b', tags: ['time wait'] },
      ],
      'Ackademy',
    );
    expect(text).toBe(
      '#separator:tab\n#html:true\n#guid column:1\n#tags column:4\n#deck:Ackademy\n' +
        'deck/x/1\t<p>SYN?</p>\t<p>1 seq</p>\thandshake isn\n' +
        'transition/2\ta\tb\ttime_wait\n',
    );
  });

  test('a field with a tab, quote or line break is quoted, inner quotes doubled', () => {
    const text = toAnkiText([{ id: 'c', front: 'say "hi"', back: 'a\tb\nc', tags: [] }]);
    expect(text.replace(/\n$/, '').split('\n').slice(4).join('\n')).toBe(
      'c\t"say ""hi"""\t"a\tb\nc"\t',
    );
  });
});
