// Fixtures for state × event tests: a connection (or a listener) driven through its public
// methods into a given TCP state, a segment builder with tcpdump flags and sequence numbers
// relative to the fixture's ISNs, and a recording sink that renders effects for comparison.

import {
  type AppCall,
  type CallResult,
  type ConnEnv,
  type ConnInit,
  Connection,
  type SocketOptions,
} from '@/lib/engine/connection';
import type { Effect, EffectSink, TimerSlot } from '@/lib/engine/effects';
import { Listener, type ListenerEnv } from '@/lib/engine/listener';
import { defaultOptions } from '@/lib/engine/host';
import { RCV_BUF } from '@/lib/engine/linux';
import type { Request } from '@/lib/engine/request';
import {
  ACK,
  FIN,
  PSH,
  RST,
  SYN,
  type Segment,
  type TcpOptions,
  TS_ONLY,
  flagString,
} from '@/lib/engine/segment';
import { seqAdd, seqDiff } from '@/lib/engine/sequence';
import { type Sysctls, defaultSysctls } from '@/lib/engine/sysctl';
import { timerFireTime } from '@/lib/engine/timers';
import type { Profile, TcpState } from '@/lib/engine';

/** Our ISN and the peer's: fixed, and far apart so that a wrong base shows at once. */
export const ISS = 1_000_000;
export const IRS = 5_000_000;
export const LOCAL = { host: 'local', port: 40_000 } as const;
export const PEER = { host: 'peer', port: 80 } as const;
/** MSS both sides announce (MTU 1500). */
export const MSS = 1460;
/** The options a default Linux peer puts in its SYN or SYN-ACK (the recordings' SYNs). */
export const LINUX_SYN: TcpOptions = { mss: MSS, wscale: 10, sackOk: true, ts: true };
/** Round-trip time of the fixture's path: every answer of the peer comes this long after. */
export const RTT = 0.1;
/** Bytes each fixture sends (and has acknowledged) before it closes, so SND.UNA > 1. */
export const SENT = 100;

export function env(profile: Profile, sys: Partial<Sysctls> = {}): ConnEnv {
  return { linux: profile === 'linux', sys: { ...defaultSysctls(profile), ...sys }, ownMss: MSS };
}

export function options(keepalive = false): SocketOptions {
  const o = defaultOptions();
  o.keepalive.on = keepalive;
  return o;
}

/** Records every effect, whoever emitted it. */
export class RecordingSink implements EffectSink<Connection>, EffectSink<Listener> {
  readonly log: Effect[] = [];
  emit(_source: Connection | Listener, e: Effect): void {
    this.log.push(e);
  }
  clear(): void {
    this.log.length = 0;
  }
}

export interface SegSpec {
  /** Peer's sequence number relative to IRS (the peer's SYN is 0). */
  seq?: number;
  /** Acknowledgment relative to ISS (our SYN is 0); ignored without '.' in the flags. */
  ack?: number;
  len?: number;
  win?: number;
  mss?: number;
  /** Options as sent; default: a Linux peer's (LINUX_SYN on a SYN, timestamps on the rest). */
  opts?: TcpOptions | null;
}

/** Flags in tcpdump notation: letters F S R P, then '.' when ACK is set ('S.', 'P.', 'R'). */
export function parseFlags(flags: string): number {
  let f = 0;
  for (const ch of flags) {
    if (ch === 'F') f |= FIN;
    else if (ch === 'S') f |= SYN;
    else if (ch === 'R') f |= RST;
    else if (ch === 'P') f |= PSH;
    else if (ch === '.') f |= ACK;
    else throw new Error(`unknown flag '${ch}' in '${flags}'`);
  }
  return f;
}

/** A segment from the peer to us. */
export function peerSeg(flags: string, spec: Required<Pick<SegSpec, 'seq' | 'ack'>> & SegSpec) {
  const f = parseFlags(flags);
  const seg: Segment = {
    src: PEER.host,
    sport: PEER.port,
    dst: LOCAL.host,
    dport: LOCAL.port,
    seq: seqAdd(IRS, spec.seq),
    ack: f & ACK ? seqAdd(ISS, spec.ack) : 0,
    flags: f,
    len: spec.len ?? 0,
    // After the handshake both sides scale by 2^10; 64 units = 64 KiB.
    win: spec.win ?? (f & SYN ? 65160 : 65536),
    opts:
      spec.opts !== undefined
        ? spec.opts
        : f & SYN
          ? { ...LINUX_SYN, mss: spec.mss ?? MSS }
          : TS_ONLY,
    cport: LOCAL.port,
    why: undefined,
    traceIndex: -1,
  };
  return seg;
}

/**
 * A sent segment in tcpdump's notation, numbers relative to our ISS and the peer's IRS:
 * `P. 101:201(100) ack 1`, `. 101 ack 2`, `R 102`. A reset answering a segment without ACK
 * carries <SEQ=0> on the wire (RFC 9293 §3.10.7.1), shown as `R. abs0 ack N`.
 */
export function renderSend(seg: Segment, iss = ISS, irs = IRS): string {
  const flags = flagString(seg.flags);
  const rel = seqDiff(seg.seq, iss);
  const seq = seg.flags & RST && seg.seq === 0 && rel !== 0 ? 'abs0' : String(rel);
  const span = seg.len > 0 ? `${seq}:${rel + seg.len}(${seg.len})` : seq;
  const ack = seg.flags & ACK ? ` ack ${seqDiff(seg.ack, irs)}` : '';
  return `${flags} ${span}${ack}`;
}

/** Name of what is armed in a connection's timer slot (the slot's current kind). */
function slotName(conn: Connection, slot: TimerSlot): string {
  switch (slot) {
    case 'rtx':
      return conn.rtxKind === 'tlp' ? 'loss_probe' : 'retransmit';
    case 'tw':
      return conn.twKind;
    case 'delack':
      return 'delack';
    case 'keepalive':
      return 'keepalive';
  }
}

const SLOTS: readonly TimerSlot[] = ['rtx', 'delack', 'keepalive', 'tw'];

/** The armed timers: name and absolute deadline, in slot order. */
export function armedTimers(conn: Connection): Array<{ name: string; at: number }> {
  return SLOTS.filter((s) => conn.timerAt[s] >= 0).map((s) => ({
    name: slotName(conn, s),
    at: conn.timerAt[s],
  }));
}

/** TCB sequence variables, relative: SND.UNA/SND.NXT to ISS, RCV.NXT to IRS. */
export interface RelTcb {
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
}

export interface ConnFixture {
  conn: Connection;
  sink: RecordingSink;
  env: ConnEnv;
  profile: Profile;
  /** Virtual time of the last input the fixture fed. */
  now: number;
  /** What the fixture expects the TCB to hold (checked when the fixture is built). */
  tcb: RelTcb;
  /** A peer segment; seq defaults to RCV.NXT and ack to SND.NXT of `tcb`. */
  seg(flags: string, spec?: SegSpec): Segment;
  /** When a timer delay `d` armed at `at` really fires in this env (timer-wheel rounding). */
  fireTime(at: number, d: number): number;
}

export type FixtureState =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

export interface FixtureOptions {
  profile?: Profile;
  sys?: Partial<Sysctls>;
  /** SYN_RECV: the child a listener builds (adoptHandshake) instead of a simultaneous open. */
  passive?: boolean;
  /** FIN_WAIT1/FIN_WAIT2: how the local side closed; 'close' orphans the socket. */
  via?: 'close' | 'shutdown';
  /** ESTABLISHED: this many more bytes sent and not yet acknowledged. */
  unacked?: number;
  /** ESTABLISHED: this many bytes received from the peer (RCV.NXT = 1 + n). */
  received?: number;
  /** ESTABLISHED/CLOSE_WAIT: leave the delayed ACK of what was received pending. */
  ackPending?: boolean;
  /** SO_KEEPALIVE on from the start. */
  keepalive?: boolean;
}

class Driver {
  readonly sink = new RecordingSink();
  readonly env: ConnEnv;
  readonly conn: Connection;
  now = 0;
  tcb: RelTcb = { sndUna: 0, sndNxt: 0, rcvNxt: 0 };

  constructor(
    readonly profile: Profile,
    sys: Partial<Sysctls>,
    passive: boolean,
  ) {
    this.env = env(profile, sys);
    const init: ConnInit = {
      id: 1,
      host: LOCAL.host,
      lport: LOCAL.port,
      remote: PEER.host,
      rport: PEER.port,
      cport: LOCAL.port,
      iss: ISS,
      passive,
      peerSyn: passive ? LINUX_SYN : null,
    };
    this.conn = new Connection(init, this.env, this.sink);
  }

  at(t: number): this {
    this.now = t;
    return this;
  }

  peer(flags: string, spec: SegSpec = {}): void {
    const seg = peerSeg(flags, {
      seq: spec.seq ?? this.tcb.rcvNxt,
      ack: spec.ack ?? this.tcb.sndNxt,
      ...spec,
    });
    this.conn.process(seg, this.now);
  }

  call(c: AppCall): CallResult {
    return this.conn.call(c, this.now);
  }

  /** Let a pending delayed ACK go out by firing its timer (as the world would). */
  flushDelack(): void {
    const at = this.conn.timerAt.delack;
    if (at < 0) return;
    this.now = at;
    this.conn.onTimer('delack', at);
  }

  expect(state: TcpState, tcb: RelTcb): void {
    const c = this.conn;
    const actual: RelTcb = {
      sndUna: c.sndUna,
      sndNxt: c.sndNxt,
      rcvNxt: c.state === 'SYN_SENT' ? 0 : c.rcvNxt,
    };
    if (c.state !== state || JSON.stringify(actual) !== JSON.stringify(tcb))
      throw new Error(
        `fixture ${state} (${this.profile}) went wrong: state ${c.state}, ` +
          `tcb ${JSON.stringify(actual)} instead of ${JSON.stringify(tcb)}`,
      );
    this.tcb = tcb;
  }
}

/** Handshake and 100 bytes out and acknowledged: ESTABLISHED at t = 2·RTT + a little. */
function established(d: Driver, o: FixtureOptions): void {
  d.at(0).conn.connect(0, options(o.keepalive ?? false));
  d.expect('SYN_SENT', { sndUna: 0, sndNxt: 1, rcvNxt: 0 });
  d.at(RTT).peer('S.', { seq: 0, ack: 1 });
  d.expect('ESTABLISHED', { sndUna: 1, sndNxt: 1, rcvNxt: 1 });
  d.at(RTT + 0.01).call({ op: 'send', bytes: SENT });
  d.expect('ESTABLISHED', { sndUna: 1, sndNxt: 1 + SENT, rcvNxt: 1 });
  d.at(2 * RTT + 0.01).peer('.', { ack: 1 + SENT });
  d.expect('ESTABLISHED', { sndUna: 1 + SENT, sndNxt: 1 + SENT, rcvNxt: 1 });
}

function build(state: FixtureState, o: FixtureOptions): Driver {
  const profile = o.profile ?? 'linux';
  const d = new Driver(profile, o.sys ?? {}, state === 'SYN_RECV' && o.passive === true);
  const una = 1 + SENT;
  switch (state) {
    case 'SYN_SENT':
      d.at(0).conn.connect(0, options(o.keepalive ?? false));
      d.expect('SYN_SENT', { sndUna: 0, sndNxt: 1, rcvNxt: 0 });
      return d;
    case 'SYN_RECV':
      if (o.passive === true) {
        // The child tcp_check_req creates once the third ACK is in hand (SYN-ACK sent at 0).
        d.at(RTT).conn.adoptHandshake(IRS, 0, options(o.keepalive ?? false), RTT);
        d.expect('SYN_RECV', { sndUna: 0, sndNxt: 1, rcvNxt: 1 });
        return d;
      }
      // Crossed SYNs (RFC 9293 Fig. 7): our SYN at 0, the peer's SYN arrives at RTT/2.
      d.at(0).conn.connect(0, options(o.keepalive ?? false));
      d.at(RTT / 2).peer('S', { seq: 0 });
      d.expect('SYN_RECV', { sndUna: 0, sndNxt: 1, rcvNxt: 1 });
      return d;
    case 'ESTABLISHED': {
      established(d, o);
      const rcv = 1 + (o.received ?? 0);
      if (o.received !== undefined) {
        d.at(d.now + 0.05).peer('P.', { seq: 1, len: o.received, ack: una });
        if (o.ackPending !== true) d.flushDelack();
      }
      if (o.unacked !== undefined) {
        d.at(d.now + 0.05).call({ op: 'send', bytes: o.unacked });
        d.expect('ESTABLISHED', { sndUna: una, sndNxt: una + o.unacked, rcvNxt: rcv });
      }
      d.expect('ESTABLISHED', { sndUna: una, sndNxt: una + (o.unacked ?? 0), rcvNxt: rcv });
      return d;
    }
    case 'FIN_WAIT1':
      established(d, o);
      d.at(d.now + 0.1).call(
        o.via === 'shutdown' ? { op: 'shutdown', how: 'write' } : { op: 'close' },
      );
      d.expect('FIN_WAIT1', { sndUna: una, sndNxt: una + 1, rcvNxt: 1 });
      return d;
    case 'FIN_WAIT2':
      established(d, o);
      // The default is a half-close: FIN_WAIT2 of a socket the application still holds.
      d.at(d.now + 0.1).call(
        o.via === 'close' ? { op: 'close' } : { op: 'shutdown', how: 'write' },
      );
      d.at(d.now + RTT).peer('.', { ack: una + 1 });
      d.expect('FIN_WAIT2', { sndUna: una + 1, sndNxt: una + 1, rcvNxt: 1 });
      return d;
    case 'CLOSE_WAIT':
      established(d, o);
      d.at(d.now + 0.1).peer('F.', { seq: 1, ack: una });
      if (o.ackPending !== true) d.flushDelack();
      d.expect('CLOSE_WAIT', { sndUna: una, sndNxt: una, rcvNxt: 2 });
      return d;
    case 'LAST_ACK':
      established(d, o);
      d.at(d.now + 0.1).peer('F.', { seq: 1, ack: una });
      d.flushDelack();
      d.at(d.now + 0.1).call({ op: 'close' });
      d.expect('LAST_ACK', { sndUna: una, sndNxt: una + 1, rcvNxt: 2 });
      return d;
    case 'CLOSING':
      established(d, o);
      d.at(d.now + 0.1).call({ op: 'close' });
      // The peer's FIN crosses ours: it does not acknowledge our FIN.
      d.at(d.now + RTT / 2).peer('F.', { seq: 1, ack: una });
      d.expect('CLOSING', { sndUna: una, sndNxt: una + 1, rcvNxt: 2 });
      return d;
    case 'TIME_WAIT':
      established(d, o);
      d.at(d.now + 0.1).call({ op: 'close' });
      // FIN+ACK acknowledging our FIN: FIN_WAIT1 → TIME_WAIT in one segment.
      d.at(d.now + RTT).peer('F.', { seq: 1, ack: una + 1 });
      d.expect('TIME_WAIT', { sndUna: una + 1, sndNxt: una + 1, rcvNxt: 2 });
      return d;
  }
}

/**
 * A connection in `state`, reached by driving a fresh one through connect(), peer segments,
 * send/close/shutdown calls and timer expiries, so it cannot hold an impossible TCB. The
 * effect log is cleared once the state is reached.
 */
export function connectionIn(state: FixtureState, o: FixtureOptions = {}): ConnFixture {
  const d = build(state, o);
  d.sink.clear();
  const { conn, sink, env: e, profile, now, tcb } = d;
  return {
    conn,
    sink,
    env: e,
    profile,
    now,
    tcb,
    seg: (flags, spec = {}) =>
      peerSeg(flags, { seq: spec.seq ?? tcb.rcvNxt, ack: spec.ack ?? tcb.sndNxt, ...spec }),
    fireTime: (at, delay) => timerFireTime(at, delay, e.sys.hz, e.sys.hz_phase_us / 1e6),
  };
}

// ---------------------------------------------------------------- listener

export interface ListenerFixture {
  lst: Listener;
  sink: RecordingSink;
  env: ConnEnv;
  now: number;
  /** Children the listener spawned. */
  children: Connection[];
  /** Request timers the listener armed: the request and its deadline. */
  requestTimers(): Array<{ req: Request; at: number }>;
  /** A segment from the peer (the connecting side): seq relative to IRS, ack to ISS. */
  seg(flags: string, spec?: SegSpec): Segment;
  fireTime(at: number, d: number): number;
}

/**
 * A listener in LISTEN, or with one request sock in SYN_RECV (the peer's SYN arrived at 0,
 * the SYN-ACK with ISN = ISS went out). Here ISS is the listener's and IRS the peer's.
 */
export function listenerIn(
  state: 'LISTEN' | 'SYN_RECV',
  o: { profile?: Profile; sys?: Partial<Sysctls>; backlog?: number } = {},
): ListenerFixture {
  const profile = o.profile ?? 'linux';
  const e = env(profile, o.sys);
  const sink = new RecordingSink();
  const children: Connection[] = [];
  let nextId = 2;
  const lenv: ListenerEnv = {
    cookieSecret: 0x5eed,
    chooseIsnFor: () => ISS,
    spawnOn: (_host, init) => {
      const c = new Connection(
        { ...init, id: nextId++, host: LOCAL.host, lport: LOCAL.port },
        e,
        sink,
      );
      children.push(c);
      return c;
    },
    optionsOf: () => options(),
  };
  const lst = new Listener(LOCAL.host, LOCAL.port, o.backlog ?? 128, e, RCV_BUF, lenv, sink);
  lst.open(0);
  let now = 0;
  if (state === 'SYN_RECV') {
    lst.process(peerSeg('S', { seq: 0, ack: 0 }), 0);
    if (lst.reqs.size !== 1) throw new Error('listener fixture: no request after the SYN');
    now = 0;
  }
  sink.clear();
  return {
    lst,
    sink,
    env: e,
    now,
    children,
    requestTimers: () =>
      sink.log.flatMap((x) => (x.k === 'request_timer' ? [{ req: x.req, at: x.at }] : [])),
    seg: (flags, spec = {}) => peerSeg(flags, { seq: spec.seq ?? 1, ack: spec.ack ?? 1, ...spec }),
    fireTime: (at, delay) => timerFireTime(at, delay, e.sys.hz, e.sys.hz_phase_us / 1e6),
  };
}
