// Misconception tables of next-state, close-outcome, handshake-loss and connect-to-closed: for
// many seeds, each wrong option's label is a misconception that produces exactly that option
// (the rule per misconception is written below), and the feedback never contradicts the stem.

import { beforeAll, describe, expect, test } from 'vitest';
import type { Trace, TraceSegment } from '@/lib/engine';
import {
  MISCONCEPTIONS,
  TEMPLATES,
  grade,
  runSource,
  type Difficulty,
  type MisconceptionId,
  type Question,
  type TemplateId,
} from '@/lib/questions';
import { STATE_TEMPLATES, keyOf, stemSegment, sweep } from './states-helpers';

const SEEDS = 100;

const questionsOf = (() => {
  const cache = new Map<string, Question[]>();
  return (template: TemplateId, difficulty: Difficulty) => {
    const k = `${template}|${difficulty}`;
    if (!cache.has(k)) cache.set(k, sweep(template, difficulty, SEEDS));
    return cache.get(k)!;
  };
})();

beforeAll(() => {
  for (const t of STATE_TEMPLATES) for (const d of TEMPLATES[t].difficulties) questionsOf(t, d);
}, 120_000);

/** Every labelled wrong answer: its text (or value) and label. */
function labelled(q: Question): { text: string; m: MisconceptionId }[] {
  return Object.entries(q.misconceptions).map(([id, m]) => ({
    text: 'options' in q ? (q.options.find((o) => o.id === id)?.text ?? `<${id}>`) : id,
    m,
  }));
}

const why = (q: Question, x: { text: string; m: string }) =>
  `${q.template} d${q.difficulty} seed ${q.seed}: "${x.text}" labelled ${x.m}\n${q.stem}`;

/** The last observed state of `pick`'s connection sockets strictly before `t` (momentary ones skipped). */
function stateBefore(trace: Trace, pick: (ep: string) => boolean, t: number): string | null {
  const s = trace.states.filter((x) => pick(x.endpoint) && x.socket === 'conn' && x.t < t - 1e-9);
  return s.at(-1)?.state ?? null;
}

/** The state an endpoint observably enters at the first instant after `t` (the last at that instant). */
function stateAfter(trace: Trace, ep: string, t: number): string | null {
  const later = trace.states.filter(
    (x) => x.endpoint === ep && x.socket === 'conn' && x.t > t + 1e-9,
  );
  const first = later[0];
  if (first === undefined) return null;
  return later.filter((x) => Math.abs(x.t - first.t) < 1e-9).at(-1)!.state;
}

describe('next-state', () => {
  test.each([1, 2, 3] as const)('d%i: each label produces exactly its option', (d) => {
    for (const q of questionsOf('next-state', d)) {
      const trace = runSource(q.source)!;
      const key = keyOf(q);
      const call = /calls (connect|close|shutdown)/.test(q.stem);
      const prev = /listening socket/.test(q.stem)
        ? 'LISTEN'
        : /calls connect/.test(q.stem)
          ? 'CLOSED'
          : /is in ([A-Z_12]+)\./.exec(q.stem)![1]!;
      const ep = /^The server/.test(q.stem) ? 'server' : 'client';
      // The transition's instant: where the shown trace stops (connect(): t = 0).
      const t = q.trace?.end ?? 0;
      for (const x of labelled(q)) {
        const rule: Record<string, boolean> = {
          // The two "WAIT" states of the two roles swapped.
          'close-wait-vs-fin-wait-2': [key, x.text].sort().join() === 'CLOSE_WAIT,FIN_WAIT2',
          // The passive closer (LAST_ACK, CLOSED) given the active closer's TIME_WAIT.
          'time-wait-on-passive-closer':
            x.text === 'TIME_WAIT' &&
            ['LAST_ACK', 'CLOSED'].includes(key) &&
            ['CLOSE_WAIT', 'LAST_ACK'].includes(prev),
          // The kernel's pass through FIN_WAIT2 inside the FIN+ACK's processing taken as the state.
          'momentary-state-as-answer':
            x.text === 'FIN_WAIT2' && key === 'TIME_WAIT' && prev === 'FIN_WAIT1',
          // Nothing changes: the state before the segment, or before the call.
          'no-state-change': x.text === prev && !call,
          'no-state-change-on-call': x.text === prev && call,
          // The other end's state at that moment.
          'peer-state': x.text === stateBefore(trace, (e) => e !== ep, t),
          // The state after the key.
          'skips-a-state': x.text === stateAfter(trace, ep, t),
        };
        expect(rule[x.m], why(q, x)).toBe(true);
      }
    }
  });

  test('feedback about a segment is never given for a socket call, nor the other way round', () => {
    for (const d of [1, 2, 3] as const)
      for (const q of questionsOf('next-state', d)) {
        const ms = Object.values(q.misconceptions);
        if (/calls (connect|close|shutdown)/.test(q.stem))
          expect(ms).not.toContain('no-state-change');
        else expect(ms).not.toContain('no-state-change-on-call');
      }
  });
});

describe('close-outcome', () => {
  test('d1: each label produces exactly its option', () => {
    for (const q of questionsOf('close-outcome', 1)) {
      const fins = q.trace!.segments.filter((s) => s.flags.includes('F'));
      const crossed = new Set(fins.map((s) => s.from)).size === 2;
      const passive = fins[0]!.from === 'client' ? 'The server' : 'The client';
      for (const x of labelled(q)) {
        const rule: Record<string, boolean> = {
          // Only one FIN before it arrived: its receiver is passive and never waits.
          'time-wait-on-passive-closer': !crossed && x.text === passive,
          'time-wait-on-both-sides': !crossed && x.text === 'Both sides',
          // Crossing FINs: one side only.
          'simultaneous-close-one-time-wait':
            crossed && (x.text === 'The client' || x.text === 'The server'),
          'closed-without-time-wait': x.text === 'Neither side',
        };
        expect(rule[x.m], why(q, x)).toBe(true);
      }
    }
  });

  test('d2: each label produces exactly its duration, under the model the stem names', () => {
    for (const q of questionsOf('close-outcome', 2)) {
      const msl = Number(/MSL = (\d+) s/.exec(q.stem)?.[1]);
      const fin = Number(/tcp_fin_timeout = (\d+) s/.exec(q.stem)?.[1]);
      const linux = /^On Linux/.test(q.stem);
      for (const x of labelled(q)) {
        const v = Number.parseFloat(x.text);
        const rule: Record<string, boolean> = {
          // The textbook's 2 × MSL with RFC 9293's nominal 2 min, on Linux.
          'time-wait-textbook-on-linux': linux && v === 2 * 120,
          'fin-timeout-is-time-wait': linux && v === fin,
          'time-wait-one-msl': !linux && v === msl,
          // Linux's constant under the textbook model.
          'time-wait-linux-in-textbook': !linux && v === 60,
        };
        expect(rule[x.m], why(q, x)).toBe(true);
        // The feedback speaks of the model the stem names.
        const text = MISCONCEPTIONS[x.m].en;
        if (linux) expect(text, why(q, x)).not.toMatch(/The question uses the textbook model/);
        else expect(text, why(q, x)).not.toMatch(/^Linux does not compute/);
      }
    }
  });

  test('d3: each label produces exactly its option (close() sends; close path)', () => {
    for (const q of questionsOf('close-outcome', 3)) {
      const key = keyOf(q);
      const passive = key.includes('CLOSE_WAIT');
      for (const x of labelled(q)) {
        const rule: Record<string, boolean> = {
          // The data was read, yet RST is expected.
          'close-always-sends-rst': /reads all of them/.test(q.stem) && /^A RST/.test(x.text),
          // The data was never read, yet FIN is expected.
          'close-always-sends-fin': /never reads them/.test(q.stem) && /^A FIN/.test(x.text),
          'time-wait-on-passive-closer': passive && x.text === 'TIME_WAIT',
          'close-wait-vs-fin-wait-2':
            (passive && x.text === 'FIN_WAIT2') || (!passive && x.text === 'CLOSE_WAIT'),
          // FIN_WAIT2 passed inside one FIN+ACK's processing (a three-segment close).
          'momentary-state-as-answer': x.text === 'FIN_WAIT2' && key === 'FIN_WAIT1 | TIME_WAIT',
        };
        expect(rule[x.m], why(q, x)).toBe(true);
      }
    }
  });
});

/** The segment a handshake-loss d1 stem says is lost. */
function lostSegment(q: Question): TraceSegment {
  const n = stemSegment(q)!;
  return q.trace!.segments[n - 1]!;
}

/** "client X, server Y" → [X, Y] ("LISTEN (no connection yet)" → LISTEN). */
function pair(text: string): [string, string] {
  const m = /^client (\S+), server (\S+)/.exec(text)!;
  return [m[1]!, m[2]!];
}

/** Nominal SYN times of the two rules (independent of the generator's copy). */
function synSchedule(linux: boolean, n: number): number[] {
  const gaps = Array.from({ length: n }, (_, i) => (linux ? (i < 5 ? 1 : 2 ** (i - 4)) : 2 ** i));
  return gaps.reduce<number[]>((acc, g) => [...acc, acc.at(-1)! + g], [0]);
}

/** Linux's give-up: [SYNs sent, give-up time] for tcp_syn_retries r (FIDELITY §0). */
function linuxGiveUp(r: number, countOnly = false): [number, number] {
  const t = synSchedule(true, 40);
  for (let n = 1; ; n++)
    if (n - 1 >= r + 4 || (!countOnly && t[n]! >= 2 ** (r + 1) - 1)) return [n, t[n]!];
}

describe('handshake-loss', () => {
  test('d1: each label produces exactly its option', () => {
    for (const q of questionsOf('handshake-loss', 1)) {
      if (q.kind === 'choice' && /states are the client and the server in/.test(q.stem)) {
        const lost = lostSegment(q);
        const key = pair(keyOf(q));
        // The receiver's state had the segment arrived; the sender's before sending it.
        const receiverNext = { S: 'SYN_RECV', 'S.': 'ESTABLISHED', '.': 'ESTABLISHED' }[lost.flags];
        const senderBefore = { S: 'CLOSED', 'S.': 'LISTEN', '.': 'SYN_SENT' }[lost.flags];
        const side = (ep: string) => (ep === 'client' ? 0 : 1);
        for (const x of labelled(q)) {
          const p = pair(x.text);
          const only = (i: number, v: string | undefined) => p[i] === v && p[1 - i] === key[1 - i];
          const rule: Record<string, boolean> = {
            'receiver-sees-lost-segment': only(side(lost.to), receiverNext),
            'sender-waits-for-delivery': only(side(lost.from), senderBefore),
          };
          expect(rule[x.m], why(q, x)).toBe(true);
        }
      } else if (q.kind === 'choice' && /Which side retransmits/.test(q.stem)) {
        const lost = lostSegment(q).flags;
        for (const x of labelled(q)) {
          const rule: Record<string, boolean> = {
            // The receiver of the lost SYN "retransmits" a SYN it never got.
            'server-retransmits-syn': /server retransmits the client’s SYN/.test(x.text),
            // The server acting on a SYN it never received.
            'receiver-sees-lost-segment':
              lost === 'S' && /server retransmits its SYN\+ACK/.test(x.text),
            // Only the client's timer, not the server's own SYN+ACK timer.
            'synack-not-retransmitted':
              lost === 'S.' && /^The client retransmits its SYN\.$/.test(x.text),
            'pure-ack-retransmitted': lost === '.' && /client retransmits its ACK/.test(x.text),
            'lost-ack-unnoticed': lost === '.' && /^Nobody retransmits/.test(x.text),
          };
          expect(rule[x.m], why(q, x)).toBe(true);
        }
      } else if (q.kind === 'choice') {
        for (const x of labelled(q))
          expect(
            x.m === 'data-cannot-complete-handshake' && /discards the data/.test(x.text),
            why(q, x),
          ).toBe(true);
      } else {
        for (const x of labelled(q)) {
          // The first retransmission after an initial RTO of 3 s, or of the 200 ms minimum.
          const rule: Record<string, boolean> = {
            'initial-rto-three-seconds': Number(x.text) === 3,
            'rto-min-for-syn': Number(x.text) === 0.2,
          };
          expect(rule[x.m], why(q, x)).toBe(true);
        }
      }
    }
  });

  test.each([2, 3] as const)('d%i: each label produces exactly its number', (d) => {
    for (const q of questionsOf('handshake-loss', d)) {
      const linux = /linux profile/.test(q.stem);
      const r = Number(/tcp_syn_retries = (\d+)/.exec(q.stem)?.[1] ?? 6);
      const k = Number(/retransmission #(\d+)/.exec(q.stem)?.[1]);
      const count = /How many SYNs/.test(q.stem);
      const giveUp = /connect\(\) fail with ETIMEDOUT/.test(q.stem);
      for (const x of labelled(q)) {
        const v = Number(x.text);
        const near = (a: number) => Math.abs(a - v) < 1e-9;
        const rule: Record<string, boolean> = {
          // Pure doubling (textbook, old kernels) on Linux.
          'textbook-exponential-syn-backoff':
            linux &&
            (count
              ? near(r + 1)
              : giveUp
                ? near(2 ** (r + 1) - 1)
                : near(synSchedule(false, k)[k]!)),
          // Linux's five 1-second gaps under the textbook model.
          'linear-syn-backoff-in-textbook': !linux && near(synSchedule(true, k)[k]!),
          // tcp_syn_retries read as the number of SYNs: Linux's rule with r − 1.
          'syn-retries-counts-all-syns': linux && r > 1 && near(linuxGiveUp(r - 1)[count ? 0 : 1]),
          // Only the count bound, not the time bound.
          'syn-give-up-count-only': linux && near(linuxGiveUp(r, true)[count ? 0 : 1]),
        };
        expect(rule[x.m], why(q, x)).toBe(true);
      }
    }
  });

  test('feedback about Linux is never given under the textbook model, nor the other way round', () => {
    for (const d of [2, 3] as const)
      for (const q of questionsOf('handshake-loss', d)) {
        const ms = Object.values(q.misconceptions);
        if (/rfc profile/.test(q.stem))
          expect(ms).not.toContain('textbook-exponential-syn-backoff');
        else expect(ms).not.toContain('linear-syn-backoff-in-textbook');
      }
  });
});

describe('connect-to-closed', () => {
  /** Rounds to send n segments with the exam's rules (overshoot: doubling past ssthresh). */
  function rounds(n: number, ss: number, rwnd: number, overshoot: boolean): number {
    let cwnd = 1;
    let sent = 0;
    for (let r = 1; ; r++) {
      sent += Math.min(cwnd, rwnd);
      if (sent >= n) return r;
      cwnd = cwnd < ss ? (overshoot ? 2 * cwnd : Math.min(2 * cwnd, ss)) : cwnd + 1;
    }
  }

  test.each([1, 2, 3] as const)('d%i: each label produces exactly its number', (d) => {
    for (const q of questionsOf('connect-to-closed', d)) {
      const num = (re: RegExp) => Number(re.exec(q.stem)?.[1]);
      const n = num(/a file of (\d+) KB/);
      const rtt = num(/RTT between them is (\d+) ms/);
      const ss = num(/ssthresh = (\d+) MSS/);
      const msl = num(/MSL = (\d+) ms/);
      const rwnd = /receive window is always (\d+) KB/.test(q.stem)
        ? num(/receive window is always (\d+) KB/)
        : Infinity;
      const key = q.kind === 'numeric' ? q.answer.value : NaN;
      const total = (k: number) => (k + 2) * rtt + 2 * msl;
      for (const x of labelled(q)) {
        const v = Number(x.text);
        const rule: Record<string, boolean> = {
          'closed-without-time-wait': v === key - 2 * msl,
          'time-wait-one-msl': v === key - msl,
          // One data round too many.
          'counts-from-zero': v === key + rtt,
          'slow-start-overshoots-ssthresh': v === total(rounds(n, ss, rwnd, true)),
          'ignores-rwnd': v === total(rounds(n, ss, Infinity, false)),
        };
        expect(rule[x.m], why(q, x)).toBe(true);
      }
    }
  });
});

describe('grading names the label of the option picked', () => {
  test.each(STATE_TEMPLATES)('%s', (template) => {
    for (const d of TEMPLATES[template].difficulties)
      for (const q of questionsOf(template, d).slice(0, 30))
        for (const [id, m] of Object.entries(q.misconceptions)) {
          const response =
            q.kind === 'numeric'
              ? { value: id }
              : q.kind === 'multi'
                ? { options: [...q.answer.options, id] }
                : { option: id };
          const r = grade(q, response);
          expect(r, `${template} d${d} seed ${q.seed} ${id}`).toMatchObject({
            valid: true,
            correct: false,
            misconception: m,
          });
        }
  });
});
