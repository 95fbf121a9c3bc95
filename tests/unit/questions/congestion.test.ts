// The congestion and flow-control templates checked against the exam's rules restated here
// from the stem alone (issue 11), independently of lib/engine/congestion and the generators.

import { describe, expect, test } from 'vitest';
import { generateQuestion, grade, type Question } from '@/lib/questions';

const SEEDS = Array.from({ length: 40 }, (_, i) => i);

function num(re: RegExp, text: string): number {
  const m = re.exec(text);
  if (m === null) throw new Error(`${String(re)} not found in: ${text}`);
  return Number(m[1]);
}

interface Row {
  cwnd: number;
  ssthresh: number;
}

type Loss = 'timeout' | 'dupacks';

/**
 * The exam's rules in MSS: cwnd 1 after opening or a timeout; slow start doubles but stops at
 * ssthresh; congestion avoidance +1; a loss sets ssthresh = cwnd / 2 and cwnd = 1, except
 * Reno's three duplicate ACKs (cwnd = ssthresh). `lossAt(round, row)` says which loss, if any.
 */
function examTable(
  ssthresh: number,
  reno: boolean,
  rounds: number,
  lossAt: (round: number, row: Row) => Loss | null,
): Row[] {
  const out: Row[] = [];
  let row: Row = { cwnd: 1, ssthresh };
  for (let r = 1; r <= rounds; r++) {
    out.push(row);
    const loss = lossAt(r, row);
    if (loss === null) {
      const cwnd = row.cwnd < row.ssthresh ? Math.min(2 * row.cwnd, row.ssthresh) : row.cwnd + 1;
      row = { cwnd, ssthresh: row.ssthresh };
    } else {
      const half = row.cwnd / 2;
      row = { cwnd: loss === 'dupacks' && reno ? half : 1, ssthresh: half };
    }
  }
  return out;
}

function keyOption(q: Question): string {
  if (q.kind !== 'choice') throw new TypeError('expected a choice question');
  return q.options.find((o) => o.id === q.answer.option)?.text ?? '';
}

function keyValue(q: Question): number {
  if (q.kind !== 'numeric') throw new TypeError('expected a numeric question');
  return q.answer.value;
}

describe('congestion-window: cwnd and ssthresh of the round asked about', () => {
  test.each(SEEDS)('d1, seed %i: slow start up to ssthresh, then +1', (seed) => {
    const q = generateQuestion('congestion-window', { seed, locale: 'en', difficulty: 1 });
    const ss = num(/ssthresh = (\d+)/, q.stem);
    const n = num(/in round (\d+)\?/, q.stem);
    const row = examTable(ss, true, n, () => null)[n - 1]!;
    expect(keyOption(q)).toBe(`cwnd = ${row.cwnd}, ssthresh = ${row.ssthresh}`);
  });

  test.each(SEEDS)('d2, seed %i: a timeout in round k', (seed) => {
    const q = generateQuestion('congestion-window', { seed, locale: 'en', difficulty: 2 });
    const ss = num(/ssthresh starts at (\d+)/, q.stem);
    const k = num(/sent in round (\d+) time out/, q.stem);
    const n = num(/in round (\d+)\?/, q.stem);
    const row = examTable(ss, true, n, (r) => (r === k ? 'timeout' : null))[n - 1]!;
    expect(keyOption(q)).toBe(`cwnd = ${row.cwnd}, ssthresh = ${row.ssthresh}`);
  });

  test.each(SEEDS)('d3, seed %i: the narrative (timeout at x, three dup ACKs at y)', (seed) => {
    const q = generateQuestion('congestion-window', { seed, locale: 'en', difficulty: 3 });
    const ss = num(/starts at (\d+) \(in segments\)/, q.stem);
    const x = num(/grown to (\d+), a timeout/, q.stem);
    const y = num(/grown to (\d+), the sender receives/, q.stem);
    const reno = q.stem.includes('uses Reno');
    const m =
      ['first', 'second', 'third'].indexOf(/the (\w+) round after that/.exec(q.stem)![1]!) + 1;
    let phase = 0; // 0: before the timeout, 1: before the dup ACKs, 2: after
    let dupRound = 0;
    const table = examTable(ss, reno, 80, (r, row) => {
      if (phase === 0 && row.cwnd === x) {
        phase = 1;
        return 'timeout';
      }
      if (phase === 1 && row.cwnd === y) {
        phase = 2;
        dupRound = r;
        return 'dupacks';
      }
      return null;
    });
    expect(dupRound).toBeGreaterThan(0);
    const row = table[dupRound + m - 1]!;
    expect(keyOption(q)).toBe(`cwnd = ${row.cwnd}, ssthresh = ${row.ssthresh}`);
  });

  test('the classic chart in zh: the explanation goes round by round and ends with the key', () => {
    const q = generateQuestion('congestion-window', { seed: 3, locale: 'zh', difficulty: 3 });
    expect(q.stem).toMatch(/^设 TCP 的拥塞窗口的慢开始门限值初始为 \d+（单位为报文段）/);
    expect(q.explanation).toMatch(/1\. 第 1 个轮次：cwnd = 1，/);
    expect(q.explanation).toContain('3 个重复确认');
    expect(q.explanation).toContain(keyOption(q));
  });
});

describe('rounds-to-window: RTTs until cwnd reaches the target', () => {
  const rtts = (table: Row[], from: number, w: number) =>
    table.findIndex((row, i) => i + 1 >= from && row.cwnd >= w) + 1 - from;

  test.each(SEEDS)('d1 and d2, seed %i: from the opening round', (seed) => {
    for (const difficulty of [1, 2] as const) {
      const q = generateQuestion('rounds-to-window', { seed, locale: 'en', difficulty });
      const ss = num(/ssthresh = (\d+)/, q.stem);
      const w = num(/grown to (\d+)\?/, q.stem);
      expect(keyValue(q)).toBe(
        rtts(
          examTable(ss, true, 60, () => null),
          1,
          w,
        ),
      );
    }
  });

  test.each(SEEDS)('d3, seed %i: after a timeout at cwnd x', (seed) => {
    const q = generateQuestion('rounds-to-window', { seed, locale: 'en', difficulty: 3 });
    const ss = num(/ssthresh starts at (\d+)/, q.stem);
    const x = num(/grown to (\d+), a timeout/, q.stem);
    const w = num(/back to (\d+)\?/, q.stem);
    let timeoutRound = 0;
    const table = examTable(ss, true, 80, (r, row) => {
      if (timeoutRound === 0 && row.cwnd === x) {
        timeoutRound = r;
        return 'timeout';
      }
      return null;
    });
    expect(keyValue(q)).toBe(rtts(table, timeoutRound + 1, w));
  });
});

describe('sendable-bytes: min(cwnd, rwnd) − bytes in flight', () => {
  test.each(SEEDS)('d1, seed %i: cwnd and rwnd given', (seed) => {
    const q = generateQuestion('sendable-bytes', { seed, locale: 'en', difficulty: 1 });
    const cwnd = num(/congestion window is (\d+) bytes/, q.stem);
    const rwnd = num(/advertised is (\d+) bytes/, q.stem);
    const f = num(/has (\d+) bytes sent/, q.stem);
    expect(keyValue(q)).toBe(Math.min(cwnd, rwnd) - f);
  });

  test.each(SEEDS)('d2 and d3, seed %i: cwnd of round n; rwnd = buffer − unread', (seed) => {
    for (const difficulty of [2, 3] as const) {
      const q = generateQuestion('sendable-bytes', { seed, locale: 'en', difficulty });
      const mss = num(/MSS = (\d+) bytes/, q.stem);
      const ss = num(/ssthresh = (\d+) MSS/, q.stem);
      const n = num(/In round (\d+),/, q.stem);
      const f = num(/has (\d+) bytes sent/, q.stem);
      const rwnd =
        difficulty === 2
          ? num(/receive window stays at (\d+) bytes/, q.stem)
          : num(/buffer is (\d+) bytes/, q.stem) - num(/of which (\d+) bytes/, q.stem);
      const cwnd = examTable(ss, true, n, () => null)[n - 1]!.cwnd * mss;
      expect(keyValue(q)).toBe(Math.min(cwnd, rwnd) - f);
    }
  });

  test('grading: the key is correct; ignoring the bytes in flight is named', () => {
    const q = generateQuestion('sendable-bytes', { seed: 4, locale: 'en', difficulty: 3 });
    expect(grade(q, { value: `${keyValue(q)} bytes` })).toMatchObject({
      valid: true,
      correct: true,
    });
    const wrong = Object.entries(q.misconceptions).find(([, m]) => m === 'ignores-bytes-in-flight');
    expect(wrong).toBeDefined();
    expect(grade(q, { value: wrong![0] })).toMatchObject({
      correct: false,
      misconception: 'ignores-bytes-in-flight',
    });
  });
});

describe('sendable-range: from the next unsent byte to ack + min(cwnd, rwnd) − 1', () => {
  test.each(SEEDS)('seed %i, every difficulty', (seed) => {
    for (const difficulty of [1, 2, 3] as const) {
      const q = generateQuestion('sendable-range', { seed, locale: 'en', difficulty });
      const ack = num(/ack = (\d+)/, q.stem);
      const last = num(/sent up to byte (\d+)/, q.stem);
      let cwnd: number;
      let rwnd: number;
      if (difficulty === 1) {
        cwnd = num(/congestion window is (\d+) bytes/, q.stem);
        rwnd = num(/advertised window of (\d+) bytes/, q.stem);
      } else {
        const mss = num(/MSS = (\d+) bytes/, q.stem);
        const n = num(/start of round (\d+)/, q.stem);
        cwnd =
          examTable(num(/ssthresh = (\d+) MSS/, q.stem), true, n, () => null)[n - 1]!.cwnd * mss;
        rwnd =
          difficulty === 2
            ? num(/receive window stays at (\d+) bytes/, q.stem)
            : num(/buffer is (\d+) bytes/, q.stem) - num(/of which (\d+) bytes/, q.stem);
      }
      expect(keyOption(q)).toBe(`${last + 1}–${ack + Math.min(cwnd, rwnd) - 1}`);
    }
  });
});

describe('fast-retransmit: the first segment of a window lost', () => {
  test.each(SEEDS)(
    'seed %i: dup ACKs carry its seq; resend only it; Reno cwnd/2, Tahoe 1',
    (seed) => {
      const q1 = generateQuestion('fast-retransmit', { seed, locale: 'en', difficulty: 1 });
      expect(keyValue(q1)).toBe(num(/the first with seq = (\d+)/, q1.stem));
      const q2 = generateQuestion('fast-retransmit', { seed, locale: 'en', difficulty: 2 });
      expect(keyOption(q2)).toMatch(
        /^After the third duplicate ACK, resend the segment with seq = \d+ at once/,
      );
      const q3 = generateQuestion('fast-retransmit', { seed, locale: 'en', difficulty: 3 });
      const cwnd = num(/A's cwnd = (\d+) MSS/, q3.stem);
      expect(keyValue(q3)).toBe(q3.stem.includes('(Reno') ? cwnd / 2 : 1);
    },
  );
});

describe('connect-to-closed: handshake, data rounds, close and 2MSL', () => {
  /** Rounds until n segments are sent with sending window min(cwnd, rwnd), from the stem. */
  function dataRounds(ss: number, rwnd: number, n: number): number {
    const table = examTable(ss, true, 60, () => null);
    let sent = 0;
    for (let i = 0; i < table.length; i++) {
      sent += Math.min(table[i]!.cwnd, rwnd);
      if (sent >= n) return i + 1;
    }
    throw new Error('never sent');
  }

  test.each(SEEDS)('seed %i, every difficulty: (1 + k + 1)·RTT + 2MSL', (seed) => {
    for (const difficulty of [1, 2, 3] as const) {
      const q = generateQuestion('connect-to-closed', { seed, locale: 'en', difficulty });
      const n = num(/a file of (\d+) KB/, q.stem);
      const rtt = num(/RTT between them is (\d+) ms/, q.stem);
      const ss = num(/ssthresh = (\d+) MSS/, q.stem);
      const msl = num(/MSL = (\d+) ms/, q.stem);
      const rwnd = /receive window is always (\d+) KB/.test(q.stem)
        ? num(/receive window is always (\d+) KB/, q.stem)
        : Infinity;
      // One RTT of handshake (the third segment carries data), k data rounds, one RTT for
      // FIN and the merged ACK+FIN, then TIME_WAIT.
      expect(keyValue(q)).toBe((1 + dataRounds(ss, rwnd, n) + 1) * rtt + 2 * msl);
    }
  });

  test('grading: the key in ms is correct; forgetting TIME_WAIT is named', () => {
    const q = generateQuestion('connect-to-closed', { seed: 2, locale: 'zh', difficulty: 2 });
    expect(grade(q, { value: `${keyValue(q)} ms` })).toMatchObject({ valid: true, correct: true });
    const wrong = Object.entries(q.misconceptions).find(
      ([, m]) => m === 'closed-without-time-wait',
    );
    expect(wrong).toBeDefined();
    expect(grade(q, { value: wrong![0] })).toMatchObject({
      correct: false,
      misconception: 'closed-without-time-wait',
    });
  });
});
