// Replays a trace's wire and application calls through the oracle: per connection, the sequence
// variables of RFC 9293 §3.3.1 and the observed state after every instant. Reads only segments,
// events and the link delay; never the engine's recorded states.

import type { TcpState, TraceEvent, TraceSegment } from '@/lib/engine';
import { observeAfter, type OracleContext, type Reply, type SegmentInput } from './transitions';

/** The fields of a trace segment the replay reads (a Trace's or a ShownTrace's). */
export type WireSegment = Pick<
  TraceSegment,
  't' | 'from' | 'to' | 'flags' | 'abs_seq' | 'abs_ack' | 'len' | 'dropped' | 'cport'
>;

/** The fields of an application event the replay reads. */
export type AppEvent = Pick<TraceEvent, 't' | 'endpoint' | 'event' | 'bytes' | 'cport'>;

export interface ReplayInput {
  segments: readonly WireSegment[];
  events: readonly AppEvent[];
  params: Readonly<Record<string, unknown>>;
}

export interface TimelineEntry {
  /** Microseconds from the first segment. */
  us: number;
  state: TcpState;
  rule: string;
}

/** What an endpoint knew just before it sent one segment. */
export interface SendRecord {
  index: number;
  us: number;
  state: TcpState;
  /** SND.NXT before this segment (undefined before its first SYN). */
  sndNxt: number | undefined;
  sndUna: number | undefined;
  /**
   * RCV.NXT after each arrival at this same instant (a reply answers one of them), or the
   * current RCV.NXT when nothing arrived at this instant.
   */
  rcvNxt: number[];
  iss: number | undefined;
  irs: number | undefined;
}

/** What one arrival did: RCV.NXT after it (the ack a reply carries) and the state. */
export interface ArrivalRecord {
  index: number;
  us: number;
  rcvNxt: number | undefined;
  state: TcpState;
}

/** An application close() or shutdown() and what the oracle says it does. */
export interface CallRecord {
  us: number;
  call: 'close' | 'shutdown';
  before: TcpState;
  state: TcpState;
  reply: Reply;
}

export interface ConnReplay {
  endpoint: string;
  cport: number;
  passive: boolean;
  timeline: TimelineEntry[];
  sends: SendRecord[];
  arrivals: ArrivalRecord[];
  calls: CallRecord[];
  /** Whether the application was seen to close or shut down without an event saying so. */
  inferredCalls: string[];
}

export interface Replay {
  conns: ConnReplay[];
  conn(endpoint: string, cport: number): ConnReplay | undefined;
  /** The state `ss` shows once every input at or before `us` has been processed. */
  stateAt(endpoint: string, cport: number, us: number): TcpState | undefined;
  /** Arrival time of segment `index` in µs (null when it was lost). */
  arrival(index: number): number | null;
}

const MOD = 2 ** 32;
const WINDOW = 2 ** 30;

export function mod32(n: number): number {
  return ((n % MOD) + MOD) % MOD;
}
/** a − b in sequence space, as a signed 32-bit distance. */
function dist(a: number, b: number): number {
  return (mod32(a - b) << 0) | 0;
}
function after(a: number, b: number): boolean {
  return dist(a, b) > 0;
}

export function toUs(seconds: number): number {
  return Math.round(seconds * 1e6);
}

export function flagSet(flags: string): { syn: boolean; ack: boolean; fin: boolean; rst: boolean } {
  return {
    syn: flags.includes('S'),
    ack: flags.includes('.'),
    fin: flags.includes('F'),
    rst: flags.includes('R'),
  };
}

interface Conn extends ConnReplay {
  state: TcpState;
  appClosed: boolean;
  iss?: number;
  sndNxt?: number;
  sndUna?: number;
  finSeq?: number;
  irs?: number;
  rcvNxt?: number;
  finReceived: boolean;
  pendingFin?: number;
  /** Out-of-order data held for later (§3.10.7.4 seventh), as [start, end) pairs. */
  held: [number, number][];
  delivered: number;
  read: number;
}

type Step =
  | { us: number; phase: 0; order: number; kind: 'arrive'; index: number }
  | { us: number; phase: 1; order: number; kind: 'event'; event: AppEvent }
  | { us: number; phase: 2; order: number; kind: 'send'; index: number };

const DATA_STATES: readonly TcpState[] = ['SYN_RECV', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2'];

/**
 * Replay `trace`: arrivals (send time + link delay) before application calls before sends at
 * one instant, since a reply sent at the arrival instant is caused by that arrival.
 */
export function replay(trace: ReplayInput): Replay {
  const delay = Number(trace.params['link.delay'] ?? 0);
  const dus = Number.isFinite(delay) ? toUs(delay) : 0;
  const steps: Step[] = [];
  trace.segments.forEach((s, index) => {
    steps.push({ us: toUs(s.t), phase: 2, order: index, kind: 'send', index });
    if (!s.dropped)
      steps.push({ us: toUs(s.t) + dus, phase: 0, order: index, kind: 'arrive', index });
  });
  trace.events.forEach((event, order) =>
    steps.push({ us: toUs(event.t), phase: 1, order, kind: 'event', event }),
  );
  steps.sort((a, b) => a.us - b.us || a.phase - b.phase || a.order - b.order);

  const conns = new Map<string, Conn>();
  const listeners = new Map<string, TcpState>();
  const key = (e: string, p: number) => `${e}|${p}`;
  /** RCV.NXT values seen at the current instant, per connection (for SendRecord.rcvNxt). */
  let instant = Number.NaN;
  const seenAtInstant = new Map<string, number[]>();

  const make = (endpoint: string, cport: number, state: TcpState, passive: boolean): Conn => {
    const c: Conn = {
      endpoint,
      cport,
      passive,
      timeline: [],
      sends: [],
      arrivals: [],
      calls: [],
      inferredCalls: [],
      state,
      appClosed: false,
      finReceived: false,
      held: [],
      delivered: 0,
      read: 0,
    };
    conns.set(key(endpoint, cport), c);
    return c;
  };
  const setState = (c: Conn, us: number, state: TcpState, rule: string) => {
    if (state !== c.state || c.timeline.length === 0) c.timeline.push({ us, state, rule });
    else {
      const last = c.timeline.at(-1)!;
      if (last.us === us) last.rule = `${last.rule}; ${rule}`;
    }
    c.state = state;
  };
  const ctxOf = (c: Conn): OracleContext => ({ passive: c.passive, appClosed: c.appClosed });
  const noteRcv = (c: Conn) => {
    if (c.rcvNxt === undefined) return;
    const k = key(c.endpoint, c.cport);
    const list = seenAtInstant.get(k) ?? [];
    if (list.at(-1) !== c.rcvNxt) list.push(c.rcvNxt);
    seenAtInstant.set(k, list);
  };

  /** Take in-order data and held data; returns RCV.NXT after it (without committing). */
  const takeData = (
    c: Conn,
    start: number,
    end: number,
  ): { rcvNxt: number; held: [number, number][] } => {
    let rcv = c.rcvNxt ?? start;
    const held = c.held.slice();
    if (end !== start) held.push([start, end]);
    let moved = true;
    while (moved) {
      moved = false;
      for (let i = 0; i < held.length; i++) {
        const [a, b] = held[i]!;
        if (!after(a, rcv) && after(b, rcv)) {
          rcv = b;
          held.splice(i, 1);
          moved = true;
          break;
        }
        if (!after(b, rcv)) {
          held.splice(i, 1);
          moved = true;
          break;
        }
      }
    }
    return { rcvNxt: rcv, held };
  };

  const arrive = (index: number, us: number) => {
    const s = trace.segments[index]!;
    const f = flagSet(s.flags);
    let c = conns.get(key(s.to, s.cport));
    if (c === undefined || (c.state === 'CLOSED' && f.syn && !f.ack)) {
      const l = listeners.get(s.to);
      if (l !== 'LISTEN' || !f.syn || f.ack || f.rst) return; // no connection: RST, no state
      c = make(s.to, s.cport, 'SYN_RECV', true);
      c.irs = s.abs_seq;
      c.rcvNxt = mod32(s.abs_seq + 1);
      setState(c, us, 'SYN_RECV', '§3.10.7.2 third: a SYN to a listener: SYN-RECEIVED');
      c.arrivals.push({ index, us, rcvNxt: c.rcvNxt, state: c.state });
      noteRcv(c);
      return;
    }
    const syn = f.syn ? 1 : 0;
    const dataStart = mod32(s.abs_seq + syn);
    const dataEnd = mod32(dataStart + s.len);
    const segLen = s.len + syn + (f.fin ? 1 : 0);
    let acceptable = true;
    if (c.rcvNxt !== undefined) {
      const inWin = (x: number) => !after(c!.rcvNxt!, x) && dist(x, c!.rcvNxt!) < WINDOW;
      acceptable =
        segLen === 0 ? inWin(s.abs_seq) : inWin(s.abs_seq) || inWin(mod32(s.abs_seq + segLen - 1));
    }
    const ackNum = s.abs_ack;
    const covers = (x: number | undefined) =>
      f.ack &&
      ackNum !== null &&
      x !== undefined &&
      c!.sndNxt !== undefined &&
      after(ackNum, x) &&
      !after(ackNum, c!.sndNxt);
    const accepting = DATA_STATES.includes(c.state) && c.rcvNxt !== undefined;
    const taken = accepting ? takeData(c, dataStart, dataEnd) : null;
    const rcvAfterData = taken?.rcvNxt ?? c.rcvNxt;
    const input: SegmentInput = {
      kind: 'segment',
      ...f,
      acksOurSyn: covers(c.iss),
      acksOurFin: covers(c.finSeq),
      acceptable,
      finInOrder: f.fin && (c.rcvNxt === undefined || rcvAfterData === dataEnd),
      newData: s.len > 0 && (c.rcvNxt === undefined || after(dataEnd, c.rcvNxt)),
    };
    const before = c.state;
    const out = observeAfter(before, input, ctxOf(c));
    // Sequence variables (§3.10.7.3 fourth, §3.10.7.4 fifth to eighth).
    if (
      before === 'SYN_SENT' &&
      f.syn &&
      (out.state === 'ESTABLISHED' || out.state === 'SYN_RECV' || out.state === 'CLOSE_WAIT')
    ) {
      c.irs = s.abs_seq;
      c.rcvNxt = mod32(s.abs_seq + 1);
      if (f.fin && out.state === 'CLOSE_WAIT') {
        c.rcvNxt = mod32(c.rcvNxt + 1);
        c.finReceived = true;
      }
    } else if (
      !f.rst &&
      (acceptable
        ? !(f.syn && out.state === before)
        : before === 'SYN_RECV' && out.state === 'ESTABLISHED')
    ) {
      if (covers(c.sndUna)) c.sndUna = ackNum!;
      if (taken !== null && out.state !== 'CLOSED') {
        c.delivered += dist(taken.rcvNxt, c.rcvNxt!);
        c.rcvNxt = taken.rcvNxt;
        c.held = taken.held;
      }
      if (f.fin && !c.finReceived) {
        if (input.finInOrder) {
          c.rcvNxt = mod32(dataEnd + 1);
          c.finReceived = true;
        } else c.pendingFin = dataEnd;
      }
    }
    setState(c, us, out.state, out.rule);
    // A FIN held out of order is processed once the data before it has arrived.
    if (!f.fin && c.pendingFin !== undefined && !c.finReceived && c.rcvNxt === c.pendingFin) {
      const fin = observeAfter(
        c.state,
        {
          ...input,
          fin: true,
          syn: false,
          rst: false,
          finInOrder: true,
          acceptable: true,
          newData: false,
        },
        ctxOf(c),
      );
      c.rcvNxt = mod32(c.pendingFin + 1);
      c.finReceived = true;
      setState(c, us, fin.state, `${fin.rule} (the held FIN)`);
    }
    c.arrivals.push({ index, us, rcvNxt: c.rcvNxt, state: c.state });
    noteRcv(c);
  };

  const event = (e: AppEvent, us: number) => {
    if (e.event === 'listen') {
      listeners.set(e.endpoint, 'LISTEN');
      return;
    }
    if (e.cport === undefined) {
      // A close() without a connection port closes the listener.
      if (e.event === 'close') listeners.set(e.endpoint, 'CLOSED');
      return;
    }
    const c = conns.get(key(e.endpoint, e.cport));
    if (c === undefined) return;
    if (e.event === 'recv') c.read += e.bytes ?? 0;
    if (e.event !== 'close' && e.event !== 'shutdown') return;
    const out = observeAfter(
      c.state,
      { kind: 'call', call: e.event, unreadData: c.delivered > c.read },
      ctxOf(c),
    );
    if (e.event === 'close') c.appClosed = true;
    c.calls.push({ us, call: e.event, before: c.state, state: out.state, reply: out.reply });
    setState(c, us, out.state, out.rule);
  };

  const send = (index: number, us: number) => {
    const s = trace.segments[index]!;
    const f = flagSet(s.flags);
    let c = conns.get(key(s.from, s.cport));
    if (f.syn && !f.ack && (c === undefined || c.state === 'CLOSED')) {
      c = c ?? make(s.from, s.cport, 'CLOSED', false);
      const out = observeAfter('CLOSED', { kind: 'call', call: 'connect' });
      setState(c, us, out.state, `${out.rule} (connect(), seen from its SYN)`);
    }
    if (c === undefined) return; // a RST from no connection
    const seen = seenAtInstant.get(key(c.endpoint, c.cport)) ?? [];
    const rcvChoices = seen.length > 0 ? seen.slice() : c.rcvNxt === undefined ? [] : [c.rcvNxt];
    if (c.rcvNxt !== undefined && !rcvChoices.includes(c.rcvNxt)) rcvChoices.push(c.rcvNxt);
    c.sends.push({
      index,
      us,
      state: c.state,
      sndNxt: c.sndNxt,
      sndUna: c.sndUna,
      rcvNxt: rcvChoices,
      iss: c.iss,
      irs: c.irs,
    });
    if (f.fin && ['SYN_RECV', 'ESTABLISHED', 'CLOSE_WAIT'].includes(c.state)) {
      // A FIN proves the application closed its direction, even without an event saying so.
      const out = observeAfter(c.state, { kind: 'call', call: 'shutdown' }, ctxOf(c));
      c.inferredCalls.push(`shutdown at ${us} µs (seen from its FIN)`);
      setState(c, us, out.state, `${out.rule} (seen from its FIN)`);
    }
    if (f.syn && c.iss === undefined) {
      c.iss = s.abs_seq;
      c.sndUna = s.abs_seq;
    }
    const end = mod32(s.abs_seq + s.len + (f.syn ? 1 : 0) + (f.fin ? 1 : 0));
    if (!f.rst && (c.sndNxt === undefined || after(end, c.sndNxt))) c.sndNxt = end;
    if (f.fin && c.finSeq === undefined) c.finSeq = mod32(s.abs_seq + s.len);
  };

  for (const step of steps) {
    if (step.us !== instant) {
      instant = step.us;
      seenAtInstant.clear();
    }
    if (step.kind === 'arrive') arrive(step.index, step.us);
    else if (step.kind === 'event') event(step.event, step.us);
    else send(step.index, step.us);
  }

  const list = [...conns.values()];
  return {
    conns: list,
    conn: (endpoint, cport) => conns.get(key(endpoint, cport)),
    stateAt(endpoint, cport, us) {
      const c = conns.get(key(endpoint, cport));
      if (c === undefined) return undefined;
      let state: TcpState | undefined;
      for (const e of c.timeline) if (e.us <= us) state = e.state;
      return state;
    },
    arrival(index) {
      const s = trace.segments[index];
      return s === undefined || s.dropped ? null : toUs(s.t) + dus;
    },
  };
}
