// The congestion and flow-control templates checked against the exam's rules restated here
// from the stem alone (issue 11), independently of lib/engine/congestion and the generators.
// These templates show no trace, so answer invariance (re-simulation) has nothing to vary: the
// key is checked here by arithmetic from the stem, and every wrong option or value against
// what its named misconception computes from the same stem (issue 18, findings 7 and 9).

import { describe, expect, test } from 'vitest';
import { generateQuestion, grade, type Difficulty, type Question } from '@/lib/questions';

const SEEDS = Array.from({ length: 60 }, (_, i) => i);
const DIFFICULTIES = [1, 2, 3] as const;

function num(re: RegExp, text: string): number {
  const m = re.exec(text);
  if (m === null) throw new Error(`${String(re)} not found in: ${text}`);
  return Number(m[1]);
}

function opt(re: RegExp, text: string): number | undefined {
  const m = re.exec(text);
  return m === null ? undefined : Number(m[1]);
}

function keyOption(q: Question): string {
  if (q.kind !== 'choice') throw new TypeError('expected a choice question');
  return q.options.find((o) => o.id === q.answer.option)?.text ?? '';
}

function keyValue(q: Question): number {
  if (q.kind !== 'numeric') throw new TypeError('expected a numeric question');
  return q.answer.value;
}

/** Wrong options (text) or values (as strings) with their labels. */
function labelled(q: Question): [string, string][] {
  if (q.kind === 'choice')
    return Object.entries(q.misconceptions).map(([id, m]) => [
      q.options.find((o) => o.id === id)!.text,
      m,
    ]);
  return Object.entries(q.misconceptions);
}

function gen(template: string, seed: number, difficulty: Difficulty): Question {
  return generateQuestion(template, { seed, locale: 'en', difficulty });
}

// ---------------------------------------------------------------------------------------------
// The exam's rules in MSS, and each misconception as the one rule it changes.

interface Row {
  cwnd: number;
  ssthresh: number;
}

type Loss = 'timeout' | 'dupacks';

/**
 * A reading of the rules. `exam`: cwnd 1 after opening or a timeout; slow start doubles but
 * stops at ssthresh; congestion avoidance +1; a loss sets ssthresh = cwnd / 2 and cwnd = 1,
 * except Reno's three duplicate ACKs (cwnd = ssthresh). Each other reading changes one rule.
 */
const READINGS = {
  exam: {},
  // Slow start doubles past ssthresh.
  'slow-start-overshoots-ssthresh': { overshoot: true },
  // Slow start adds one segment per round.
  'slow-start-is-linear': { linear: true },
  // cwnd stops growing at ssthresh.
  'ssthresh-caps-cwnd': { caps: true },
  // Reno's three duplicate ACKs set cwnd = 1.
  'reno-resets-to-one': { renoOne: true },
  // Tahoe's three duplicate ACKs set cwnd = ssthresh.
  'tahoe-halves': { tahoeHalf: true },
  // A timeout sets cwnd = ssthresh.
  'timeout-halves-cwnd': { timeoutHalf: true },
  // The new ssthresh is half the old ssthresh.
  'halves-old-ssthresh': { oldSs: true },
} as const;
type Reading = keyof typeof READINGS;

interface Story {
  ssthresh: number;
  reno: boolean;
  /** Events in order: by round, or "when cwnd has grown to" a value. */
  events: { kind: Loss; round?: number; cwnd?: number }[];
}

/** Rounds 1..n under a reading; `at[i]` is the round of event i (missing if it never happens). */
function run(story: Story, n: number, reading: Reading): { rows: Row[]; at: number[] } {
  const r: Record<string, boolean | undefined> = READINGS[reading];
  const rows: Row[] = [];
  const at: number[] = [];
  let row: Row = { cwnd: 1, ssthresh: story.ssthresh };
  let next = 0;
  let broken = false;
  for (let round = 1; round <= n; round++) {
    rows.push(row);
    const ev = broken ? undefined : story.events[next];
    let fires = false;
    if (ev !== undefined) {
      if (ev.round !== undefined) fires = ev.round === round;
      else if (row.cwnd === ev.cwnd) fires = true;
      else if (row.cwnd > ev.cwnd!) broken = true; // the story cannot happen under this reading
    }
    if (!fires || ev === undefined) {
      let cwnd: number;
      if (r['linear']) cwnd = row.cwnd + 1;
      else if (row.cwnd < row.ssthresh)
        cwnd = r['overshoot'] ? 2 * row.cwnd : Math.min(2 * row.cwnd, row.ssthresh);
      else cwnd = r['caps'] ? row.cwnd : row.cwnd + 1;
      row = { cwnd, ssthresh: row.ssthresh };
      continue;
    }
    at.push(round);
    next++;
    const half = Math.max(Math.floor((r['oldSs'] ? row.ssthresh : row.cwnd) / 2), 2);
    let cwnd: number;
    if (ev.kind === 'timeout') cwnd = r['timeoutHalf'] ? half : 1;
    else if (story.reno) cwnd = r['renoOne'] ? 1 : half;
    else cwnd = r['tahoeHalf'] ? half : 1;
    row = { cwnd, ssthresh: half };
  }
  return { rows, at };
}

/** Assert each label produces exactly its option; `rule(label)` lists what the label computes. */
function expectLabels(q: Question, rule: (label: string) => (string | number)[] | undefined) {
  for (const [shown, label] of labelled(q)) {
    const produced = rule(label);
    expect(produced, `${label} applies to: ${q.stem}`).toBeDefined();
    expect(produced!.map(String), `${label} → ${shown} in: ${q.stem}`).toContain(shown);
  }
}

function ordinal(word: string): number {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'].indexOf(word) + 1;
}

// ---------------------------------------------------------------------------------------------

describe('congestion-window: cwnd and ssthresh of the round asked about', () => {
  const pair = (r: Row | undefined) =>
    r === undefined ? '' : `cwnd = ${r.cwnd}, ssthresh = ${r.ssthresh}`;

  /** The story and how the question picks its round, from the English stem. */
  function parse(q: Question) {
    const t = q.stem;
    const reno = /uses Reno/.test(t);
    const rel = /the (\w+) round after the (timeout|three duplicate ACKs)/.exec(t);
    if (rel !== null) {
      const story: Story = {
        ssthresh: num(/starts at (\d+) \(in segments\)/, t),
        reno,
        events: [
          { kind: 'timeout', cwnd: num(/grown to (\d+), a timeout/, t) },
          { kind: 'dupacks', cwnd: num(/grown to (\d+), the sender receives/, t) },
        ],
      };
      const m = ordinal(rel[1]!);
      const from = rel[2] === 'timeout' ? 0 : 1;
      return {
        story,
        asked: (at: number[]) => (at[from] === undefined ? undefined : at[from]! + m),
        m,
        from,
      };
    }
    const events: Story['events'] = [];
    const k = opt(/sent in round (\d+) time out/, t);
    if (k !== undefined) events.push({ kind: 'timeout', round: k });
    const j = opt(/segments sent in round (\d+) the sender receives three duplicate ACKs/, t);
    if (j !== undefined) events.push({ kind: 'dupacks', round: j });
    const n = num(/in round (\d+)\?/, t);
    const story: Story = { ssthresh: num(/ssthresh (?:=|starts at) (\d+)/, t), reno, events };
    return { story, asked: () => n, m: 0, from: -1 };
  }

  test.each(DIFFICULTIES)(
    'd%i: the key is the exam rules’ row; each label computes its option',
    (d) => {
      for (const seed of SEEDS) {
        const q = gen('congestion-window', seed, d);
        const p = parse(q);
        const exam = run(p.story, 120, 'exam');
        const n = p.asked(exam.at)!;
        expect(keyOption(q), q.stem).toBe(pair(exam.rows[n - 1]));
        expectLabels(q, (label) => {
          if (label === 'counts-from-zero' && p.from < 0) return [pair(exam.rows[n])];
          // "The m-th round after" counted from the event's own round.
          if (label === 'counts-event-round-as-after' && p.from >= 0)
            return [pair(exam.rows[n - 2])];
          if (!(label in READINGS)) return undefined;
          const told = run(p.story, 120, label as Reading);
          const round = p.asked(told.at);
          return round === undefined ? undefined : [pair(told.rows[round - 1])];
        });
      }
    },
  );

  test('finding 7: d3 distractors follow from the story (no “+1” or “×2” fillers)', () => {
    for (const seed of SEEDS) {
      const q = gen('congestion-window', seed, 3);
      if (q.kind !== 'choice') throw new TypeError('choice');
      // Every wrong option is labelled, so each is what some misconception computes.
      const wrong = q.options.filter((o) => o.id !== q.answer.option);
      for (const o of wrong) expect(q.misconceptions[o.id], `${o.text} in ${q.stem}`).toBeDefined();
    }
  });

  test('the classic chart in zh: the explanation goes round by round and ends with the key', () => {
    const q = generateQuestion('congestion-window', { seed: 3, locale: 'zh', difficulty: 3 });
    expect(q.stem).toMatch(/^设 TCP 的拥塞窗口的慢开始门限值初始为 \d+（单位为报文段）/);
    expect(q.explanation).toMatch(/1\. 第 1 个轮次：cwnd = 1，/);
    expect(q.explanation).toContain(keyOption(q));
  });
});

describe('rounds-to-window: RTTs until cwnd reaches the target', () => {
  function parse(q: Question) {
    const t = q.stem;
    const reno = /uses Reno/.test(t);
    const events: Story['events'] = [];
    const x = opt(/grown to (\d+), a timeout/, t);
    if (x !== undefined) events.push({ kind: 'timeout', cwnd: x });
    const y = opt(/grown to (\d+), the sender receives/, t);
    if (y !== undefined) events.push({ kind: 'dupacks', cwnd: y });
    return {
      story: { ssthresh: num(/ssthresh (?:=|starts at) (\d+)/, t), reno, events },
      w: num(/has grown to (\d+)\?/, t),
      // Counted from round 1, or from the round right after the last event.
      after: events.length - 1,
    };
  }
  function rtts(story: Story, after: number, w: number, reading: Reading): number | undefined {
    const { rows, at } = run(story, 150, reading);
    const from = after < 0 ? 1 : at[after] === undefined ? undefined : at[after]! + 1;
    if (from === undefined) return undefined;
    const i = rows.findIndex((r, k) => k + 1 >= from && r.cwnd >= w);
    return i < 0 ? undefined : i + 1 - from;
  }

  test.each(DIFFICULTIES)(
    'd%i: the key follows from the stem; each label computes its value',
    (d) => {
      for (const seed of SEEDS) {
        const q = gen('rounds-to-window', seed, d);
        const p = parse(q);
        const key = rtts(p.story, p.after, p.w, 'exam')!;
        expect(keyValue(q), q.stem).toBe(key);
        expectLabels(q, (label) => {
          // Counting rounds instead of RTTs.
          if (label === 'counts-from-zero') return [key + 1];
          if (!(label in READINGS)) return undefined;
          const v = rtts(p.story, p.after, p.w, label as Reading);
          return v === undefined ? undefined : [v];
        });
      }
    },
  );
});

describe('sendable-bytes: min(cwnd, rwnd) − bytes in flight', () => {
  test.each(DIFFICULTIES)(
    'd%i: the key follows from the stem; each label computes its value',
    (d) => {
      for (const seed of SEEDS) {
        const q = gen('sendable-bytes', seed, d);
        const t = q.stem;
        const f = num(/has (\d+) bytes sent/, t);
        let cwnd: number;
        let rwnd: number;
        let cwndBy: (reading: Reading, extra?: number) => number | undefined = () => undefined;
        let buffer: number | undefined;
        if (d === 1) {
          cwnd = num(/congestion window is (\d+) bytes/, t);
          rwnd = num(/advertised is (\d+) bytes/, t);
        } else {
          const mss = num(/MSS = (\d+) bytes/, t);
          const n = num(/In round (\d+),/, t);
          const k = opt(/sent in round (\d+) time out/, t);
          const story: Story = {
            ssthresh: num(/ssthresh = (\d+) MSS/, t),
            reno: true,
            events: k === undefined ? [] : [{ kind: 'timeout', round: k }],
          };
          cwndBy = (reading, extra = 0) =>
            run(story, n + extra, reading).rows[n + extra - 1]!.cwnd * mss;
          cwnd = cwndBy('exam')!;
          if (d === 2) rwnd = num(/receive window stays at (\d+) bytes/, t);
          else {
            buffer = num(/buffer is (\d+) bytes/, t);
            rwnd = buffer - num(/of which (\d+) bytes/, t);
          }
        }
        const sendable = (c: number, r: number) => Math.max(0, Math.min(c, r) - f);
        expect(keyValue(q), t).toBe(Math.min(cwnd, rwnd) - f);
        expectLabels(q, (label) => {
          switch (label) {
            case 'ignores-rwnd':
              return [cwnd - f];
            case 'ignores-bytes-in-flight':
              return [Math.min(cwnd, rwnd)];
            case 'rwnd-is-whole-buffer':
              return buffer === undefined ? undefined : [sendable(cwnd, buffer)];
            case 'counts-from-zero':
              return d === 1 ? undefined : [sendable(cwndBy('exam', 1)!, rwnd)];
            default:
              return d === 1 || !(label in READINGS)
                ? undefined
                : [sendable(cwndBy(label as Reading)!, rwnd)];
          }
        });
      }
    },
  );

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
  test.each(DIFFICULTIES)(
    'd%i: the key follows from the stem; each label computes its range',
    (d) => {
      for (const seed of SEEDS) {
        const q = gen('sendable-range', seed, d);
        const t = q.stem;
        const ack = num(/ack = (\d+)/, t);
        const last = num(/sent up to byte (\d+)/, t);
        let cwnd: number;
        let rwnd: number;
        let buffer: number | undefined;
        let cwndBy: (reading: Reading, extra?: number) => number | undefined = () => undefined;
        if (d === 1) {
          cwnd = num(/congestion window is (\d+) bytes/, t);
          rwnd = num(/advertised window of (\d+) bytes/, t);
        } else {
          const mss = num(/MSS = (\d+) bytes/, t);
          const n = num(/start of round (\d+)/, t);
          const k = opt(/sent in round (\d+) time out/, t);
          const story: Story = {
            ssthresh: num(/ssthresh = (\d+) MSS/, t),
            reno: true,
            events: k === undefined ? [] : [{ kind: 'timeout', round: k }],
          };
          cwndBy = (reading, extra = 0) =>
            run(story, n + extra, reading).rows[n + extra - 1]!.cwnd * mss;
          cwnd = cwndBy('exam')!;
          if (d === 2) rwnd = num(/receive window stays at (\d+) bytes/, t);
          else {
            buffer = num(/buffer is (\d+) bytes/, t);
            rwnd = buffer - num(/of which (\d+) bytes/, t);
          }
        }
        const R = (a: number, b: number) => `${a}–${b}`;
        const end = (c: number, r: number) => ack + Math.min(c, r) - 1;
        const key = R(last + 1, end(cwnd, rwnd));
        expect(keyOption(q), t).toBe(key);
        const swnd = Math.min(cwnd, rwnd);
        expectLabels(q, (label) => {
          switch (label) {
            case 'ignores-rwnd':
              return [R(last + 1, ack + cwnd - 1)];
            case 'ignores-bytes-in-flight':
              // From the ack as if nothing were in flight, or a whole window after the last sent byte.
              return [R(ack, end(cwnd, rwnd)), R(last + 1, last + swnd)];
            case 'range-end-inclusive':
              return [R(last + 1, end(cwnd, rwnd) + 1), R(last, end(cwnd, rwnd))];
            case 'rwnd-is-whole-buffer':
              return buffer === undefined ? undefined : [R(last + 1, end(cwnd, buffer))];
            case 'counts-from-zero':
              return d === 1 ? undefined : [R(last + 1, end(cwndBy('exam', 1)!, rwnd))];
            default:
              return d === 1 || !(label in READINGS)
                ? undefined
                : [R(last + 1, end(cwndBy(label as Reading)!, rwnd))];
          }
        });
      }
    },
  );
});

describe('fast-retransmit: the first segment of a window lost, or the whole window', () => {
  /** A d2 option: when and what is resent, and the window after it. */
  function action(text: string) {
    const when = /third duplicate ACK/.test(text)
      ? 'third'
      : /second duplicate ACK/.test(text)
        ? 'second'
        : /timer/.test(text)
          ? 'timer'
          : '?';
    return `${when} ${/resend all/.test(text) ? 'all' : 'one'} ss=${num(/ssthresh = (\d+)/, text)} cwnd=${num(/cwnd = (\d+)$/, text)}`;
  }

  test.each(DIFFICULTIES)(
    'd%i: the key follows from the stem; each label computes its answer',
    (d) => {
      for (const seed of SEEDS) {
        const q = gen('fast-retransmit', seed, d);
        const t = q.stem;
        const a = num(/the first with seq = (\d+)/, t);
        const k = num(/sending window is (\d+) MSS/, t);
        const mss = num(/MSS = (\d+) bytes/, t);
        const reno = t.includes('(Reno');
        if (d === 1) {
          if (/How many duplicate ACKs/.test(t)) {
            // One duplicate ACK per segment that arrives after the hole.
            expect(keyValue(q)).toBe(k - 1);
            expectLabels(q, (label) =>
              label === 'dupack-count-includes-original'
                ? [k]
                : label === 'dupacks-stop-at-three'
                  ? [3]
                  : undefined,
            );
          } else {
            expect(keyValue(q)).toBe(a);
            expectLabels(q, (label) =>
              label === 'ack-skips-hole'
                ? [a + mss, a + k * mss]
                : label === 'off-by-payload'
                  ? [a + mss - 1]
                  : undefined,
            );
          }
          continue;
        }
        const c = num(/A's cwnd = (\d+) MSS/, t);
        const h = Math.max(Math.floor(c / 2), 2);
        if (d === 2) {
          const whole = /All \d+ segments are lost/.test(t);
          const key = whole ? `timer one ss=${h} cwnd=1` : `third one ss=${h} cwnd=${reno ? h : 1}`;
          expect(action(keyOption(q)), t).toBe(key);
          const same = key.slice(key.indexOf(' ss='));
          if (q.kind !== 'choice') throw new TypeError('choice');
          for (const [id, label] of Object.entries(q.misconceptions)) {
            const got = action(q.options.find((o) => o.id === id)!.text);
            const produced: Record<string, string[]> = whole
              ? {
                  'timeout-halves-cwnd': [`timer one ss=${h} cwnd=${h}`],
                  // Fast retransmit without any duplicate ACK to trigger it.
                  'dupacks-without-arrivals': [
                    `third one ss=${h} cwnd=1`,
                    `third one ss=${h} cwnd=${h}`,
                  ],
                }
              : {
                  'fast-retransmit-waits-for-timeout': [`timer one${same}`],
                  'retransmits-whole-window': [`third all${same}`],
                  'dupack-count-includes-original': [`second one${same}`],
                  'reno-resets-to-one': [`third one ss=${h} cwnd=1`],
                  'tahoe-halves': [`third one ss=${h} cwnd=${h}`],
                };
            expect(produced[label], `${label} in ${t}`).toContain(got);
          }
          continue;
        }
        if (/second round after/.test(t)) {
          // Reno: h, then h + 1 (congestion avoidance); Tahoe: 1, then 2 (slow start).
          expect(keyValue(q)).toBe(reno ? h + 1 : Math.min(2, h));
          expectLabels(q, (label) =>
            label === 'reno-resets-to-one'
              ? [2]
              : label === 'tahoe-halves'
                ? [h + 1]
                : label === 'counts-event-round-as-after'
                  ? [reno ? h : 1]
                  : undefined,
          );
        } else {
          expect(keyValue(q)).toBe(reno ? h : 1);
          expectLabels(q, (label) =>
            label === 'reno-resets-to-one'
              ? [1]
              : label === 'tahoe-halves'
                ? [h]
                : label === 'retransmits-whole-window'
                  ? [k]
                  : undefined,
          );
        }
      }
    },
  );
});

describe('finding 9: distinct structures per difficulty, not one with numbers swapped', () => {
  const structureOf = (q: Question) =>
    String(q.source.focus['structure'] ?? q.source.focus['variant']);
  test.each([
    ['congestion-window', 3],
    ['rounds-to-window', 2],
    ['sendable-bytes', 2],
    ['sendable-range', 2],
    ['fast-retransmit', 2],
  ] as const)('%s: at least %i structures at every difficulty', (template, min) => {
    for (const d of DIFFICULTIES) {
      const seen = new Map<string, number>();
      for (const seed of SEEDS) {
        const s = structureOf(gen(template, seed, d));
        seen.set(s, (seen.get(s) ?? 0) + 1);
      }
      expect(seen.size, `${template} d${d}: ${[...seen.keys()].join(', ')}`).toBeGreaterThanOrEqual(
        min,
      );
      // No structure takes almost all seeds.
      expect(Math.max(...seen.values()) / SEEDS.length).toBeLessThan(0.8);
    }
  });

  test('congestion-window d2 covers a timeout in slow start, in congestion avoidance, and with three duplicate ACKs (Reno and Tahoe)', () => {
    const stems = SEEDS.map((s) => gen('congestion-window', s, 2).stem);
    expect(stems.some((t) => /uses Reno/.test(t))).toBe(true);
    expect(stems.some((t) => /uses Tahoe/.test(t))).toBe(true);
    const structures = new Set(
      SEEDS.map((s) => gen('congestion-window', s, 2).source.focus['variant']),
    );
    expect(structures).toEqual(
      new Set(['timeout-in-slow-start', 'timeout-in-avoidance', 'timeout-then-dupacks']),
    );
  });
});

describe('connect-to-closed: handshake, data rounds, close and 2MSL', () => {
  /** Rounds until n segments are sent with sending window min(cwnd, rwnd), from the stem. */
  function dataRounds(ss: number, rwnd: number, n: number): number {
    const { rows } = run({ ssthresh: ss, reno: true, events: [] }, 60, 'exam');
    let sent = 0;
    for (let i = 0; i < rows.length; i++) {
      sent += Math.min(rows[i]!.cwnd, rwnd);
      if (sent >= n) return i + 1;
    }
    throw new Error('never sent');
  }

  test.each(SEEDS.slice(0, 40))('seed %i, every difficulty: (1 + k + 1)·RTT + 2MSL', (seed) => {
    for (const difficulty of DIFFICULTIES) {
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
