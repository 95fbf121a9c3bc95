// The RFC 9293 oracle (lib/questions/oracle) as a specification: each row is a sentence of
// §3.10 (or FIDELITY.md) — state × input → the state a person observes and what is sent.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  TCP_STATES,
  simulateNamed,
  type TcpState,
  type Trace,
  type TraceSegment,
} from '@/lib/engine';
import { generateQuestion, questionSchema, runSource, type Question } from '@/lib/questions';
import { causalOrder, linearExtensions } from '@/lib/questions/oracle/causality';
import { NOT_COVERED, impossibleSegments, oracleCheck } from '@/lib/questions/oracle/check';
import { replay, type AppEvent, type WireSegment } from '@/lib/questions/oracle/replay';
import { synGiveUpTime, synRetransmitTimes, timeWaitSeconds } from '@/lib/questions/oracle/timers';
import {
  observeAfter,
  type OracleContext,
  type Reply,
  type SegmentInput,
} from '@/lib/questions/oracle/transitions';

/** A segment with every test false except the ones named. */
function seg(parts: Partial<Omit<SegmentInput, 'kind'>>): SegmentInput {
  return {
    kind: 'segment',
    syn: false,
    ack: false,
    fin: false,
    rst: false,
    acksOurSyn: false,
    acksOurFin: false,
    acceptable: true,
    finInOrder: true,
    newData: false,
    ...parts,
  };
}

const passive: OracleContext = { passive: true, appClosed: false };
const active: OracleContext = { passive: false, appClosed: false };
const closedByApp: OracleContext = { passive: false, appClosed: true };

type Row = [string, TcpState, SegmentInput, OracleContext, TcpState, Reply];

const SEGMENT_ROWS: Row[] = [
  [
    '§3.10.7.1 a segment to no connection gets RST',
    'CLOSED',
    seg({ ack: true }),
    active,
    'CLOSED',
    'RST',
  ],
  [
    '§3.10.7.1 a RST to no connection is dropped',
    'CLOSED',
    seg({ rst: true }),
    active,
    'CLOSED',
    'nothing',
  ],
  ['§3.10.7.2 LISTEN ignores RST', 'LISTEN', seg({ rst: true }), passive, 'LISTEN', 'nothing'],
  ['§3.10.7.2 an ACK to LISTEN gets RST', 'LISTEN', seg({ ack: true }), passive, 'LISTEN', 'RST'],
  [
    '§3.10.7.2 a SYN to LISTEN: SYN+ACK',
    'LISTEN',
    seg({ syn: true }),
    passive,
    'LISTEN',
    'SYN+ACK',
  ],
  [
    '§3.10.7.3 SYN+ACK acking our SYN: ESTABLISHED',
    'SYN_SENT',
    seg({ syn: true, ack: true, acksOurSyn: true }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  [
    '§3.10.7.3 a bare SYN (simultaneous open): SYN-RECEIVED',
    'SYN_SENT',
    seg({ syn: true }),
    active,
    'SYN_RECV',
    'SYN+ACK',
  ],
  [
    '§3.10.7.3 an unacceptable ACK gets RST',
    'SYN_SENT',
    seg({ syn: true, ack: true }),
    active,
    'SYN_SENT',
    'RST',
  ],
  [
    '§3.10.7.3 an acceptable RST: refused',
    'SYN_SENT',
    seg({ rst: true, ack: true, acksOurSyn: true }),
    active,
    'CLOSED',
    'nothing',
  ],
  [
    '§3.10.7.3 a RST without ACK is dropped',
    'SYN_SENT',
    seg({ rst: true }),
    active,
    'SYN_SENT',
    'nothing',
  ],
  ['§3.10.7.3 neither SYN nor RST is dropped', 'SYN_SENT', seg({}), active, 'SYN_SENT', 'nothing'],
  [
    '§3.10.7.4 fifth: the ACK of our SYN',
    'SYN_RECV',
    seg({ ack: true, acksOurSyn: true }),
    passive,
    'ESTABLISHED',
    'nothing',
  ],
  [
    '§3.10.7.4 fifth: a bad ACK in SYN-RECEIVED gets RST',
    'SYN_RECV',
    seg({ ack: true }),
    passive,
    'SYN_RECV',
    'RST',
  ],
  [
    '§3.10.7.4 second: RST in a passive SYN-RECEIVED',
    'SYN_RECV',
    seg({ rst: true }),
    passive,
    'CLOSED',
    'nothing',
  ],
  [
    '§3.5 Figure 8: the crossing SYN+ACK',
    'SYN_RECV',
    seg({ syn: true, ack: true, acksOurSyn: true, acceptable: false }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  [
    '§3.10.7.4 fifth then eighth: ACK of SYN with FIN',
    'SYN_RECV',
    seg({ ack: true, acksOurSyn: true, fin: true }),
    passive,
    'CLOSE_WAIT',
    'ACK',
  ],
  [
    '§3.10.7.4 eighth: a FIN in ESTABLISHED',
    'ESTABLISHED',
    seg({ ack: true, fin: true }),
    active,
    'CLOSE_WAIT',
    'ACK',
  ],
  [
    '§3.10.7.4 data stays ESTABLISHED',
    'ESTABLISHED',
    seg({ ack: true, newData: true }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  ['§3.10.7.4 second: RST closes', 'ESTABLISHED', seg({ rst: true }), active, 'CLOSED', 'nothing'],
  [
    '§3.10.7.4 fourth: SYN gets a challenge ACK',
    'ESTABLISHED',
    seg({ syn: true, ack: true }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  [
    '§3.10.7.4 first: unacceptable: ACK and drop',
    'ESTABLISHED',
    seg({ ack: true, fin: true, acceptable: false }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  [
    '§3.10.7.4 first: unacceptable RST is dropped',
    'ESTABLISHED',
    seg({ rst: true, acceptable: false }),
    active,
    'ESTABLISHED',
    'nothing',
  ],
  [
    '§3.10.7.4 fifth: no ACK bit: dropped',
    'ESTABLISHED',
    seg({ fin: true }),
    active,
    'ESTABLISHED',
    'nothing',
  ],
  [
    '§3.10.7.4 eighth: an out-of-order FIN waits',
    'ESTABLISHED',
    seg({ ack: true, fin: true, finInOrder: false }),
    active,
    'ESTABLISHED',
    'ACK',
  ],
  [
    '§3.10.7.4 fifth: our FIN acked: FIN-WAIT-2',
    'FIN_WAIT1',
    seg({ ack: true, acksOurFin: true }),
    active,
    'FIN_WAIT2',
    'nothing',
  ],
  [
    '§3.10.7.4 eighth: FINs crossed: CLOSING',
    'FIN_WAIT1',
    seg({ ack: true, fin: true }),
    active,
    'CLOSING',
    'ACK',
  ],
  [
    '§3.10.7.4 eighth: FIN that acks ours: TIME-WAIT',
    'FIN_WAIT1',
    seg({ ack: true, fin: true, acksOurFin: true }),
    active,
    'TIME_WAIT',
    'ACK',
  ],
  [
    '§3.10.7.4 an ACK of data only: FIN-WAIT-1',
    'FIN_WAIT1',
    seg({ ack: true }),
    active,
    'FIN_WAIT1',
    'nothing',
  ],
  [
    'RFC 1122 §4.2.2.13: data after close() gets RST',
    'FIN_WAIT2',
    seg({ ack: true, newData: true }),
    closedByApp,
    'CLOSED',
    'RST',
  ],
  [
    'after shutdown() data is still taken',
    'FIN_WAIT2',
    seg({ ack: true, newData: true }),
    active,
    'FIN_WAIT2',
    'ACK',
  ],
  [
    '§3.10.7.4 eighth: FIN in FIN-WAIT-2: TIME-WAIT',
    'FIN_WAIT2',
    seg({ ack: true, fin: true }),
    active,
    'TIME_WAIT',
    'ACK',
  ],
  [
    '§3.10.7.4 fifth: ACK of FIN in CLOSING: TIME-WAIT',
    'CLOSING',
    seg({ ack: true, acksOurFin: true }),
    active,
    'TIME_WAIT',
    'nothing',
  ],
  [
    '§3.10.7.4 CLOSING waits for the ACK of its FIN',
    'CLOSING',
    seg({ ack: true }),
    active,
    'CLOSING',
    'nothing',
  ],
  [
    '§3.10.7.4 fifth: ACK of FIN in LAST-ACK: CLOSED',
    'LAST_ACK',
    seg({ ack: true, acksOurFin: true }),
    active,
    'CLOSED',
    'nothing',
  ],
  [
    '§3.10.7.4 a repeated FIN in CLOSE-WAIT: remain',
    'CLOSE_WAIT',
    seg({ ack: true, fin: true }),
    active,
    'CLOSE_WAIT',
    'ACK',
  ],
  [
    '§3.10.7.4 TIME-WAIT: a retransmitted FIN is ACKed',
    'TIME_WAIT',
    seg({ ack: true, fin: true, acceptable: false }),
    active,
    'TIME_WAIT',
    'ACK',
  ],
];

describe('segment arrives (RFC 9293 §3.10.7)', () => {
  test.each(SEGMENT_ROWS)('%s', (_rule, from, input, ctx, to, reply) => {
    const out = observeAfter(from, input, ctx);
    expect([out.state, out.reply]).toEqual([to, reply]);
  });

  test('a SYN to a listener makes a SYN_RECV connection and leaves the listener in LISTEN', () => {
    expect(observeAfter('LISTEN', seg({ syn: true }), passive).child).toBe('SYN_RECV');
  });
});

describe('application calls and timers (§3.10.1, §3.10.4, §3.10.5, §3.10.8)', () => {
  test.each([
    ['CLOSED', 'listen', false, 'LISTEN', 'nothing'],
    ['CLOSED', 'connect', false, 'SYN_SENT', 'SYN'],
    ['ESTABLISHED', 'close', false, 'FIN_WAIT1', 'FIN'],
    ['CLOSE_WAIT', 'close', false, 'LAST_ACK', 'FIN'],
    ['SYN_RECV', 'close', false, 'FIN_WAIT1', 'FIN'],
    ['SYN_SENT', 'close', false, 'CLOSED', 'nothing'],
    ['LISTEN', 'close', false, 'CLOSED', 'nothing'],
    ['ESTABLISHED', 'shutdown', false, 'FIN_WAIT1', 'FIN'],
    ['ESTABLISHED', 'close', true, 'CLOSED', 'RST'],
    ['CLOSE_WAIT', 'close', true, 'CLOSED', 'RST'],
    ['ESTABLISHED', 'shutdown', true, 'FIN_WAIT1', 'FIN'],
    ['FIN_WAIT2', 'close', false, 'FIN_WAIT2', 'nothing'],
    ['ESTABLISHED', 'abort', false, 'CLOSED', 'RST'],
  ] as const)('%s + %s (unread data: %s) → %s, sends %s', (from, call, unread, to, reply) => {
    const out = observeAfter(from, { kind: 'call', call, unreadData: unread });
    expect([out.state, out.reply]).toEqual([to, reply]);
  });

  test.each([
    ['TIME_WAIT', 'time-wait', 'CLOSED'],
    ['ESTABLISHED', 'time-wait', 'ESTABLISHED'],
    ['FIN_WAIT2', 'fin-wait-2', 'CLOSED'],
    ['SYN_SENT', 'give-up', 'CLOSED'],
  ] as const)('%s + %s timeout → %s', (from, timer, to) => {
    expect(observeAfter(from, { kind: 'timeout', timer }).state).toBe(to);
  });
});

/** The edges of RFC 9293 Figure 5, plus RST/abort to CLOSED and the RFC 1122 data-after-close RST. */
const EDGES = new Set([
  'CLOSED>LISTEN',
  'CLOSED>SYN_SENT',
  'LISTEN>CLOSED',
  'SYN_SENT>SYN_RECV',
  'SYN_SENT>ESTABLISHED',
  'SYN_SENT>CLOSE_WAIT', // a SYN+ACK carrying a FIN: ESTABLISHED, then the FIN
  'SYN_SENT>CLOSED',
  'SYN_RECV>ESTABLISHED',
  'SYN_RECV>FIN_WAIT1',
  'SYN_RECV>CLOSE_WAIT', // the ACK of our SYN and a FIN in one segment
  'ESTABLISHED>FIN_WAIT1',
  'ESTABLISHED>CLOSE_WAIT',
  'FIN_WAIT1>FIN_WAIT2',
  'FIN_WAIT1>CLOSING',
  'FIN_WAIT1>TIME_WAIT',
  'FIN_WAIT2>TIME_WAIT',
  'CLOSE_WAIT>LAST_ACK',
  'CLOSING>TIME_WAIT',
  'LAST_ACK>CLOSED',
  'TIME_WAIT>CLOSED',
]);

const segmentArb = fc.record({
  syn: fc.boolean(),
  ack: fc.boolean(),
  fin: fc.boolean(),
  rst: fc.boolean(),
  acksOurSyn: fc.boolean(),
  acksOurFin: fc.boolean(),
  acceptable: fc.boolean(),
  finInOrder: fc.boolean(),
  newData: fc.boolean(),
});

describe('properties', () => {
  test('every change of state is an edge of Figure 5 (or a close by RST)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TCP_STATES),
        segmentArb,
        fc.boolean(),
        fc.boolean(),
        (from, parts, isPassive, appClosed) => {
          const to = observeAfter(
            from,
            { kind: 'segment', ...parts },
            { passive: isPassive, appClosed },
          ).state;
          const byReset = to === 'CLOSED';
          expect(to === from || EDGES.has(`${from}>${to}`) || byReset).toBe(true);
        },
      ),
    );
  });

  test('no segment ever leaves an endpoint in a momentary FIN_WAIT2 after the peer’s FIN', () => {
    fc.assert(
      fc.property(segmentArb, (parts) => {
        const out = observeAfter(
          'FIN_WAIT1',
          {
            kind: 'segment',
            ...parts,
            fin: true,
            finInOrder: true,
            acceptable: true,
            rst: false,
            syn: false,
            ack: true,
          },
          active,
        );
        expect(out.state).not.toBe('FIN_WAIT2');
      }),
    );
  });
});

// --- replay of a wire trace ---------------------------------------------------------------

/** A segment of a two-endpoint trace (client ISN 1000, server ISN 5000), sent at time t. */
function wire(
  t: number,
  from: 'client' | 'server',
  flags: string,
  seq: number,
  ack: number | null,
  len = 0,
  dropped = false,
): WireSegment {
  return {
    t,
    from,
    to: from === 'client' ? 'server' : 'client',
    flags,
    abs_seq: seq,
    abs_ack: ack,
    len,
    dropped,
    cport: 40001,
  };
}

const listen: AppEvent = { t: 0, endpoint: 'server', event: 'listen' };
const close = (t: number, endpoint: string): AppEvent => ({
  t,
  endpoint,
  event: 'close',
  cport: 40001,
});
const params = { 'link.delay': 0.01 };

describe('replay', () => {
  test('a FIN+ACK that acknowledges our FIN leaves the active closer in TIME_WAIT, not FIN_WAIT2', () => {
    const segments = [
      wire(0, 'client', 'S', 1000, null),
      wire(0.01, 'server', 'S.', 5000, 1001),
      wire(0.02, 'client', '.', 1001, 5001),
      wire(0.03, 'client', 'F.', 1001, 5001),
      wire(0.04, 'server', 'F.', 5001, 1002),
      wire(0.05, 'client', '.', 1002, 5002),
    ];
    const events = [listen, close(0.03, 'client'), close(0.04, 'server')];
    const r = replay({ segments, events, params });
    expect(r.conn('client', 40001)?.timeline.map((e) => e.state)).toEqual([
      'SYN_SENT',
      'ESTABLISHED',
      'FIN_WAIT1',
      'TIME_WAIT',
    ]);
    expect(r.conn('server', 40001)?.timeline.map((e) => e.state)).toEqual([
      'SYN_RECV',
      'ESTABLISHED',
      'CLOSE_WAIT',
      'LAST_ACK',
      'CLOSED',
    ]);
    expect(r.stateAt('client', 40001, 50_000)).toBe('TIME_WAIT');
  });

  test('a reply sent at the instant a segment arrives acknowledges it', () => {
    const segments = [
      wire(0, 'client', 'S', 1000, null),
      wire(0.01, 'server', 'S.', 5000, 1001),
      wire(0.02, 'client', 'P.', 1001, 5001, 100),
      wire(0.03, 'server', '.', 5001, 1101),
    ];
    const r = replay({ segments, events: [listen], params });
    const reply = r.conn('server', 40001)?.sends.find((s) => s.index === 3);
    expect(reply?.rcvNxt).toEqual([1101]);
    expect(reply?.sndNxt).toBe(5001);
  });

  test('data after a hole is held; the ack moves when the hole is filled, and a held FIN counts then', () => {
    const segments = [
      wire(0, 'client', 'S', 1000, null),
      wire(0.01, 'server', 'S.', 5000, 1001),
      wire(0.02, 'client', 'P.', 1001, 5001, 100, true),
      wire(0.021, 'client', 'FP.', 1101, 5001, 100),
      wire(0.5, 'client', 'P.', 1001, 5001, 100),
    ];
    const r = replay({ segments, events: [listen, close(0.021, 'client')], params });
    const server = r.conn('server', 40001)!;
    expect(server.arrivals.map((a) => [a.index, a.rcvNxt])).toEqual([
      [0, 1001],
      [3, 1001],
      [4, 1202],
    ]);
    expect(server.timeline.at(-1)?.state).toBe('CLOSE_WAIT');
  });

  test('close() with data the application never read sends RST (RFC 1122 §4.2.2.13)', () => {
    const segments = [
      wire(0, 'client', 'S', 1000, null),
      wire(0.01, 'server', 'S.', 5000, 1001),
      wire(0.02, 'client', 'P.', 1001, 5001, 100),
    ];
    const read: AppEvent = { t: 0.04, endpoint: 'server', event: 'recv', bytes: 100, cport: 40001 };
    const unread = replay({ segments, events: [listen, close(0.05, 'server')], params });
    const all = replay({ segments, events: [listen, read, close(0.05, 'server')], params });
    expect(unread.conn('server', 40001)?.calls[0]?.reply).toBe('RST');
    expect(all.conn('server', 40001)?.calls[0]?.reply).toBe('FIN');
  });

  test.each([
    'handshake-data-close',
    'server-active-close',
    'simultaneous-close',
    'simultaneous-open',
    'close-merged',
    'half-close',
  ])('%s: the oracle shows the engine’s states, less the momentary ones', (scenario) => {
    for (let seed = 1; seed <= 20; seed++) {
      const trace = simulateNamed(scenario, { seed });
      const r = replay(trace);
      for (const c of r.conns) {
        const engine = trace.states.filter(
          (s) => s.endpoint === c.endpoint && s.socket === 'conn' && s.cport === c.cport,
        );
        // What `ss` could show: a state not replaced within the same microsecond.
        const shown = engine
          .filter((s, i) => engine[i + 1] === undefined || engine[i + 1]!.t > s.t)
          .map((s) => s.state);
        const oracle = c.timeline.map((e) => e.state);
        // The oracle models no TIME_WAIT expiry: compare up to its last state.
        expect(shown.slice(0, oracle.length), `${scenario} seed ${seed} ${c.endpoint}`).toEqual(
          oracle,
        );
      }
    }
  });
});

describe('timers (FIDELITY.md §0.2, §0.4; RFC 6298)', () => {
  test('Linux, tcp_syn_retries = 3: retransmissions at 1,2,3,4,5,7,11 s, ETIMEDOUT at 19 s', () => {
    expect(synRetransmitTimes('linux', 3)).toEqual([1, 2, 3, 4, 5, 7, 11]);
    expect(synGiveUpTime('linux', 3)).toBe(19);
  });
  test.each([
    [1, 3],
    [2, 7],
    [3, 19],
    [4, 35],
    [5, 67],
    [6, 131],
    [7, 251],
  ])('Linux gives up after tcp_syn_retries = %i at %i s', (r, t) => {
    expect(synGiveUpTime('linux', r)).toBe(t);
  });
  test('the textbook doubles from 1 s: 1, 3, 7 and gives up at 15 s for 3 retries', () => {
    expect(synRetransmitTimes('rfc', 3)).toEqual([1, 3, 7]);
    expect(synGiveUpTime('rfc', 3)).toBe(15);
  });
  test('TIME_WAIT: 60 s on Linux, 2 × MSL in the textbook (MSL = 2 min unless stated)', () => {
    expect(timeWaitSeconds('linux', 30)).toBe(60);
    expect(timeWaitSeconds('rfc', 30)).toBe(60);
    expect(timeWaitSeconds('rfc', 15)).toBe(30);
    expect(timeWaitSeconds('rfc')).toBe(240);
  });
});

describe('causality of segments', () => {
  test('a handshake has exactly one order', () => {
    const segs = [
      wire(0, 'client', 'S', 1000, null),
      wire(0.01, 'server', 'S.', 5000, 1001),
      wire(0.02, 'client', '.', 1001, 5001),
    ];
    const { orders, complete } = linearExtensions(causalOrder(segs), 10);
    expect(complete).toBe(true);
    expect(orders).toEqual([[0, 1, 2]]);
  });

  test('an ACK of data and the peer’s FIN sent before it arrives may come in either order', () => {
    // client data; server's ACK of it (#1) and the client's FIN (#2) cross on the wire.
    const segs = [
      wire(0, 'client', 'P.', 1001, 5001, 100),
      wire(0.01, 'server', '.', 5001, 1101),
      wire(0.005, 'client', 'F.', 1101, 5001),
    ];
    const { orders } = linearExtensions(causalOrder(segs), 10);
    expect(orders).toEqual([
      [0, 1, 2],
      [0, 2, 1],
    ]);
  });

  test('one sender’s pure ACK precedes its data at the same seq', () => {
    const segs = [
      wire(0.02, 'client', 'P.', 1001, 5001, 100),
      wire(0.02, 'client', '.', 1001, 5001),
    ];
    expect(linearExtensions(causalOrder(segs), 10).orders).toEqual([[1, 0]]);
  });
});

describe('segments no correct TCP sends', () => {
  const genuine = [
    wire(0, 'client', 'S', 1000, null),
    wire(0.01, 'server', 'S.', 5000, 1001),
    wire(0.02, 'client', '.', 1001, 5001),
    wire(0.0202, 'client', 'P.', 1001, 5001, 100),
    wire(0.0302, 'server', '.', 5001, 1101),
    wire(0.0304, 'server', 'P.', 5001, 1101, 50),
    wire(0.0404, 'client', '.', 1101, 5051),
  ];
  const base = { events: [listen], params };
  const altered = (i: number, change: Partial<WireSegment>) =>
    genuine.map((s, k) => (k === i ? { ...s, ...change } : s));

  test('a genuine trace has none', () => {
    expect(impossibleSegments(genuine, base)).toEqual([]);
  });
  test.each([
    ['an ACK of a SYN without the +1', 2, { abs_ack: 5000 }],
    ['an ACK equal to the data’s seq', 4, { abs_ack: 1001 }],
    ['a data segment one byte early', 5, { abs_seq: 5000 }],
    ['a SYN+ACK turned into an ACK', 1, { flags: '.' }],
    // A bare ACK at the seq of earlier data resends nothing: not a retransmission.
    ['a pure ACK at the seq of earlier data', 6, { abs_seq: 1001 }],
    // A FIN sits after the last byte; one at the seq of the data before it is no resend.
    ['a FIN at the seq of earlier data', 6, { abs_seq: 1001, flags: 'F.' }],
  ] as const)('%s is found, and only it', (_what, i, change) => {
    expect(impossibleSegments(altered(i, change), base).map((f) => f.index)).toEqual([i]);
  });
  test('a pure ACK one below SND.NXT is a keepalive probe a correct TCP may send', () => {
    expect(impossibleSegments(altered(6, { abs_seq: 1100 }), base)).toEqual([]);
  });
});

// --- oracleCheck on hand-made questions -----------------------------------------------------

/** A full trace of a four-way close whose server FIN also acknowledges the client's FIN. */
function mergedCloseTrace(): Trace {
  const segments: TraceSegment[] = [
    wire(0, 'client', 'S', 1000, null),
    wire(0.01, 'server', 'S.', 5000, 1001),
    wire(0.02, 'client', '.', 1001, 5001),
    wire(0.03, 'client', 'F.', 1001, 5001),
    wire(0.04, 'server', 'F.', 5001, 1002),
    wire(0.05, 'client', '.', 1002, 5002),
  ].map((s) => ({ ...s, seq: null, ack: null, win: 64240, sport: s.cport, dport: 80 }));
  const st = (t: number, endpoint: string, state: TcpState) =>
    ({ t, endpoint, socket: 'conn', cport: 40001, state }) as const;
  return {
    scenario: 'close-merged',
    seed: 1,
    profile: 'linux',
    params: { 'link.delay': 0.01 },
    segments,
    // The engine's record, with the momentary FIN_WAIT2 inside one segment's processing.
    states: [
      st(0, 'client', 'SYN_SENT'),
      st(0.01, 'server', 'SYN_RECV'),
      st(0.02, 'client', 'ESTABLISHED'),
      st(0.03, 'server', 'ESTABLISHED'),
      st(0.03, 'client', 'FIN_WAIT1'),
      st(0.04, 'server', 'CLOSE_WAIT'),
      st(0.04, 'server', 'LAST_ACK'),
      st(0.05, 'client', 'FIN_WAIT2'),
      st(0.05, 'client', 'TIME_WAIT'),
    ],
    events: [
      { t: 0, endpoint: 'server', event: 'listen' },
      { t: 0.03, endpoint: 'client', event: 'close', cport: 40001 },
      { t: 0.04, endpoint: 'server', event: 'close', cport: 40001 },
    ],
    timers: [],
    end: 0.06,
  };
}

function question(full: Trace, over: Record<string, unknown>): Question {
  return questionSchema.parse({
    template: 'next-state',
    seed: 1,
    locale: 'en',
    difficulty: 3,
    kind: 'choice',
    topics: ['states'],
    lesson: 'four-way-close',
    stem: 'Which state next?',
    trace: { ...full, segments: full.segments.slice(0, 5), states: [], events: [], timers: [] },
    options: ['FIN_WAIT2', 'TIME_WAIT', 'CLOSING', 'CLOSE_WAIT'].map((text, i) => ({
      id: String.fromCharCode(97 + i),
      text,
    })),
    answer: { option: 'a' },
    explanation: 'Because.',
    misconceptions: {},
    // The client's momentary FIN_WAIT2 inside the merged FIN+ACK's processing.
    source: {
      scenario: 'close-merged',
      seed: 1,
      set: {},
      focus: { endpoint: full.states[7]!.endpoint, t: full.states[7]!.t },
    },
    ...over,
  });
}

describe('oracleCheck', () => {
  const full = mergedCloseTrace();

  test('next-state: the momentary FIN_WAIT2 as key is a disagreement; TIME_WAIT agrees', () => {
    const wrong = oracleCheck(question(full, {}), full);
    expect(wrong).toMatchObject({ status: 'disagree', expected: 'TIME_WAIT', got: 'FIN_WAIT2' });
    const right = oracleCheck(question(full, { answer: { option: 'b' } }), full);
    expect(right.status).toBe('agree');
  });

  test('next-state: a question whose focus names no state is reported, not passed', () => {
    const q = question(full, { source: { scenario: 'close-merged', seed: 1, set: {}, focus: {} } });
    expect(oracleCheck(q, full).status).toBe('not-covered');
  });

  test('close-outcome: "both sides" with only one FIN shown is not derivable', () => {
    const who = (shown: number, key: string) =>
      question(full, {
        template: 'close-outcome',
        trace: { ...full, segments: full.segments.slice(0, shown), states: [], events: [] },
        options: ['The client', 'The server', 'Both sides', 'Neither side'].map((text, i) => ({
          id: String.fromCharCode(97 + i),
          text,
        })),
        answer: { option: key },
        source: { scenario: 'close-merged', seed: 1, set: {}, focus: { variant: 'who' } },
      });
    expect(oracleCheck(who(4, 'a'), full).status).toBe('agree');
    expect(oracleCheck(who(4, 'c'), full)).toMatchObject({
      status: 'disagree',
      expected: 'client',
    });
    expect(oracleCheck(who(3, 'a'), full)).toMatchObject({ expected: 'no FIN is shown' });
  });

  test('templates the oracle does not model say why', () => {
    const q = question(full, { template: 'listen-queues' });
    const v = oracleCheck(q, full);
    expect(v.status).toBe('not-covered');
    expect(v.status === 'not-covered' && v.reason).toBe(NOT_COVERED['listen-queues']);
  });
});

describe('oracleCheck on handshake-loss questions', () => {
  /** The first few generated questions of each variant. */
  const byVariant = new Map<string, Question[]>();
  for (let seed = 0; seed < 60; seed++) {
    for (const difficulty of [1, 2] as const) {
      const q = generateQuestion('handshake-loss', { seed, locale: 'en', difficulty });
      const v = String(q.source.focus['variant']);
      const list = byVariant.get(v) ?? [];
      if (list.length < 4) byVariant.set(v, [...list, q]);
    }
  }

  /** The same question with another key: a wrong option, or a value past the tolerance. */
  function wrongKey(q: Question): Question {
    if (q.kind === 'numeric')
      return { ...q, answer: { ...q.answer, value: q.answer.value + 2 * q.answer.tolerance + 1 } };
    if (q.kind !== 'choice') throw new TypeError('choice or numeric');
    const other = q.options.find((o) => o.id !== q.answer.option)!;
    return { ...q, answer: { option: other.id } };
  }

  test.each(['who', 'states', 'first', 'data', 'count', 'give-up'])(
    'variant %s: the generated key agrees, another key does not',
    (variant) => {
      const questions = byVariant.get(variant) ?? [];
      expect(questions.length, `no ${variant} question in 60 seeds`).toBeGreaterThan(0);
      for (const q of questions) {
        const full = runSource(q.source)!;
        expect(oracleCheck(q, full).status).toBe('agree');
        // A distractor's wording may be one the oracle does not read: never an agreement.
        expect(oracleCheck(wrongKey(q), full).status).not.toBe('agree');
      }
    },
  );
});

describe('oracleCheck on seq-ack-numbers questions', () => {
  /** The first few generated questions of each variant. */
  const byVariant = new Map<string, Question[]>();
  for (let seed = 0; seed < 40; seed++)
    for (const difficulty of [1, 2, 3] as const) {
      const q = generateQuestion('seq-ack-numbers', { seed, locale: 'en', difficulty });
      const v = String(q.source.focus['variant']);
      const list = byVariant.get(v) ?? [];
      if (list.length < 3) byVariant.set(v, [...list, q]);
    }

  test.each(['syn', 'synack', 'ack-seq', 'data-seq', 'data', 'fin', 'fin-seq', 'data-fin', 'loss'])(
    'variant %s: the generated key agrees; one off, or a labelled misconception, does not',
    (variant) => {
      const questions = byVariant.get(variant) ?? [];
      expect(questions.length, `no ${variant} question in 40 seeds`).toBeGreaterThan(0);
      for (const q of questions) {
        if (q.kind !== 'numeric') throw new TypeError('numeric');
        const full = runSource(q.source)!;
        expect(oracleCheck(q, full).status).toBe('agree');
        const wrong = [q.answer.value + 1, q.answer.value - 1, ...Object.keys(q.misconceptions)];
        for (const value of wrong.map(Number))
          expect(
            oracleCheck({ ...q, answer: { ...q.answer, value } }, full).status,
            `${variant} seed ${q.seed}: ${value}`,
          ).toBe('disagree');
      }
    },
  );
});
