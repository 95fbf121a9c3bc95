// The discrete-event world of one run: hosts, the wire, the event queue and the trace under
// construction. It delivers segments to the socket that owns them, applies every effect the
// sockets emit in one place (`emit`), runs the programs and records the trace. The sockets'
// behaviour lives in connection.ts and listener.ts; this file only routes and records.

import {
  type ConnEnv,
  type ConnInit,
  Connection,
  type SocketOptions,
  announcedMss,
  rcvSpaceFor,
} from './connection';
import type { Effect, EffectSink, TimerSlot } from './effects';
import { EngineError, assertNever } from './errors';
import { type Host, defaultOptions } from './host';
import type { RunBudget } from './limits';
import { Listener, type ListenerEnv } from './listener';
import { applyFaults } from './network';
import { type Kernel, reportUnmetExpect, runProgram } from './programs';
import type { Request } from './request';
import type { ResolvedScenario } from './resolve';
import type { Rng } from './rng';
import { EventQueue } from './scheduler';
import { ACK, type Segment, flagString, makeSegment, optionsText, resetFor } from './segment';
import { isLegalTransition } from './transitions';
import { TupleTable } from './tuple-table';
import type {
  TraceEvent,
  TraceEventKind,
  TraceSegment,
  TraceState,
  TraceTimer,
} from './trace-schema';

export type SimEvent =
  | { k: 'arrive'; seg: Segment }
  | { k: 'timer'; conn: Connection; slot: TimerSlot; gen: number }
  | { k: 'req'; lst: Listener; req: Request; gen: number }
  | { k: 'app'; host: Host };

export interface RawTrace {
  segments: TraceSegment[];
  states: TraceState[];
  events: TraceEvent[];
  timers: TraceTimer[];
  end: number;
}

export interface WorldOptions {
  /** Throw INTERNAL on a state change missing from TRANSITIONS (tests and development). */
  checkTransitions?: boolean;
}

export class World implements Kernel, ListenerEnv, EffectSink<Connection>, EffectSink<Listener> {
  private readonly q = new EventQueue<SimEvent>();
  now = 0;
  private readonly hosts = new Map<string, Host>();
  private nextId = 1;
  private readonly segs: TraceSegment[] = [];
  private readonly states: TraceState[] = [];
  private readonly events: TraceEvent[] = [];
  private readonly timers: TraceTimer[] = [];
  private readonly faultHits: number[];
  readonly cookieSecret: number;
  private readonly checkTransitions: boolean;
  readonly appLatency: number;

  constructor(
    private readonly sc: ResolvedScenario,
    private readonly rng: Rng,
    private readonly budget: RunBudget,
    options: WorldOptions = {},
  ) {
    const linux = sc.profile === 'linux';
    this.faultHits = sc.faults.map(() => 0);
    this.cookieSecret = rng.uint32();
    this.checkTransitions = options.checkTransitions ?? false;
    this.appLatency = sc.appLatency;
    for (const ep of sc.endpoints) {
      // Each host announces the MSS of its own interface (MTU − 40: IPv4 and TCP headers).
      const env: ConnEnv = { linux, sys: ep.sysctl, ownMss: ep.mtu - 40 };
      this.hosts.set(ep.name, {
        ep,
        name: ep.name,
        port: ep.port,
        sys: ep.sysctl,
        env,
        conns: new TupleTable<Connection>(),
        listeners: new Map(),
        spoofPorts: new Set(),
        app: {
          pc: 0,
          started: false,
          waitingAt: -1,
          conn: undefined,
          conns: [],
          listener: undefined,
          options: defaultOptions(),
          fds: new Map(),
          listenerNonblock: false,
          floodSent: 0,
          done: false,
          readyAt: 0,
        },
        isnUsed: false,
        raw: ep.raw,
        inbox: [],
        scriptIsns: new Map(),
      });
    }
  }

  run(): RawTrace {
    for (const h of this.hosts.values()) this.q.push(0, { k: 'app', host: h });
    const budget = this.budget;
    for (;;) {
      const ev = this.q.pop();
      if (ev === undefined) break;
      const t = this.q.lastTime;
      if (t < this.now)
        throw new EngineError('CLOCK_BACKWARDS', `event at ${t} s after ${this.now} s`);
      budget.checkTime(t);
      budget.charge(1);
      this.now = t;
      this.dispatch(ev);
      // One event adds a bounded number of entries (a window of segments at most), so
      // checking after each keeps the trace within a few hundred entries of its budget.
      budget.checkTrace(
        this.segs.length + this.states.length + this.events.length + this.timers.length,
      );
    }
    for (const h of this.hosts.values()) if (h.raw) reportUnmetExpect(this, h);
    return {
      segments: this.segs,
      states: this.states,
      events: this.events,
      timers: this.timers,
      end: this.now,
    };
  }

  private dispatch(ev: SimEvent): void {
    switch (ev.k) {
      case 'arrive': {
        const host = this.hosts.get(ev.seg.dst);
        if (host === undefined) return;
        this.receive(host, ev.seg);
        runProgram(this, host);
        return;
      }
      case 'timer': {
        const c = ev.conn;
        if (c.timerGen[ev.slot] !== ev.gen || c.state === 'CLOSED') return;
        c.onTimer(ev.slot, this.now);
        runProgram(this, this.host(c.host));
        return;
      }
      case 'req':
        if (ev.req.gen !== ev.gen || !ev.lst.holds(ev.req)) return;
        ev.lst.onRequestTimer(ev.req, this.now);
        return;
      case 'app':
        runProgram(this, ev.host);
        return;
      default:
        assertNever(ev, 'event');
    }
  }

  private host(name: string): Host {
    const h = this.hosts.get(name);
    if (h === undefined) throw new EngineError('INTERNAL', `no endpoint ${name}`);
    return h;
  }

  /** tcp_v4_rcv: find the socket for a segment and hand it over. */
  private receive(host: Host, seg: Segment): void {
    if (host.spoofPorts.has(seg.dport)) return; // the spoofed source does not exist
    if (host.raw) {
      // A scripted peer has no kernel: nothing answers, its script reads the segment.
      host.inbox.push(seg);
      return;
    }
    const c = host.conns.get(seg.src, seg.dport, seg.sport);
    if (c !== undefined) {
      // TCP_TW_SYN: a TIME_WAIT yields to a listener for a fresh SYN.
      const isn = c.reincarnationIsn(seg);
      const lst = isn === undefined ? undefined : host.listeners.get(c.lport);
      if (isn !== undefined && lst !== undefined && !lst.closed) {
        c.destroy();
        lst.reincarnate(seg, isn, this.now);
        return;
      }
      c.process(seg, this.now);
      return;
    }
    const lst = host.listeners.get(seg.dport);
    if (lst !== undefined && !lst.closed) {
      lst.process(seg, this.now);
      return;
    }
    // No socket: RFC 9293 §3.10.7.1, tcp_v4_send_reset (reason NO_SOCKET).
    const rst = resetFor(seg, undefined);
    if (rst !== undefined) this.transmit(rst);
  }

  // ---------------------------------------------------------------- effects

  emit(source: Connection | Listener, e: Effect): void {
    switch (e.k) {
      case 'send':
        this.transmit(e.seg);
        return;
      case 'state':
        if (this.checkTransitions && !isLegalTransition(e.from, e.to))
          throw new EngineError(
            'INTERNAL',
            `${source.host}: ${e.from} → ${e.to} is not in the transition table`,
          );
        this.states.push({
          t: this.now,
          endpoint: source.host,
          socket: e.socket,
          cport: e.cport,
          state: e.to,
        });
        return;
      case 'timer': {
        const c = source as Connection;
        const entry: TraceTimer = {
          t: this.now,
          endpoint: c.host,
          socket: 'conn',
          cport: c.cport,
          timer: e.name,
          action: e.op,
        };
        if (e.op === 'set') {
          entry.expires = e.at;
          this.q.push(e.at, { k: 'timer', conn: c, slot: e.slot, gen: c.timerGen[e.slot] });
        }
        this.timers.push(entry);
        return;
      }
      case 'request_timer':
        this.q.push(e.at, { k: 'req', lst: source as Listener, req: e.req, gen: e.req.gen });
        return;
      case 'gone': {
        const c = source as Connection;
        const host = this.host(c.host);
        host.conns.delete(c);
        for (const lst of host.listeners.values()) lst.forget(c);
        return;
      }
      case 'wake':
        this.q.push(this.now, { k: 'app', host: this.host(source.host) });
        return;
      default:
        assertNever(e, 'effect');
    }
  }

  /** Put a segment on the wire: trace record, fault rules, delivery after the link delay. */
  private transmit(seg: Segment): void {
    seg.traceIndex = this.segs.length;
    const { dropped, extraDelay, duplicate } = applyFaults(
      this.sc.faults,
      this.faultHits,
      seg,
      this.now,
    );
    const ts: TraceSegment = {
      t: this.now,
      from: seg.src,
      to: seg.dst,
      flags: flagString(seg.flags),
      seq: null,
      ack: null,
      len: seg.len,
      win: seg.win,
      // Left out of the JSON when the segment has none (undefined), like `why`.
      opts: seg.opts === null ? undefined : optionsText(seg.opts),
      abs_seq: seg.seq,
      abs_ack: seg.flags & ACK ? seg.ack : null,
      dropped,
      cport: seg.cport,
      sport: seg.sport,
      dport: seg.dport,
      // Always present (undefined is left out of the JSON) so every segment has one shape.
      why: seg.why,
    };
    this.segs.push(ts);
    if (dropped) return;
    const at = this.now + this.sc.delay + extraDelay;
    this.q.push(at, { k: 'arrive', seg });
    if (duplicate) this.q.push(at, { k: 'arrive', seg: copySegment(seg, seg.traceIndex) });
  }

  // ---------------------------------------------------------------- Kernel (for programs)

  wakeAt(host: Host, at: number): void {
    this.q.push(at, { k: 'app', host });
  }

  event(host: Host, event: TraceEventKind, extra: Partial<TraceEvent> = {}): void {
    this.events.push({
      t: this.now,
      endpoint: host.name,
      event,
      errno: extra.errno,
      ret: extra.ret,
      value: extra.value,
      bytes: extra.bytes,
      cport: extra.cport,
      op: extra.op,
      socket: extra.socket,
      detail: extra.detail,
    });
  }

  connect(host: Host, peer: string, port: number | undefined): Connection {
    const rport = port ?? this.host(peer).port;
    const c = this.spawn(host, {
      remote: peer,
      rport,
      cport: Math.max(host.port, rport),
      iss: this.chooseIsn(host),
      passive: false,
      peerSyn: null,
    });
    c.connect(this.now, host.app.options);
    return c;
  }

  /**
   * bind() then listen() on the host's port. bind() fails with EADDRINUSE while the port is
   * taken (inet_csk_bind_conflict): always by an open listener; by any other socket on the
   * port (an established connection, a TIME_WAIT minisock) unless both it and the new socket
   * have SO_REUSEADDR (`sk_reuse && sk2->sk_reuse`, sk2 not listening). One address per host,
   * so the address comparison (inet_rcv_saddr_equal) always matches; SO_REUSEPORT is not
   * modelled.
   */
  listen(host: Host, backlog: number): Listener | 'EADDRINUSE' {
    const opts = host.app.options;
    const open = host.listeners.get(host.port);
    if (open !== undefined && !open.closed) return 'EADDRINUSE';
    for (const c of host.conns.values()) {
      if (c.lport === host.port && c.state !== 'CLOSED' && !(opts.reuseaddr && c.reuse))
        return 'EADDRINUSE';
    }
    // The listener announces its TCP_MAXSEG-clamped MSS, and its SYN-ACK window follows
    // SO_RCVBUF (tcp_openreq_init_rwin); children take the options through `optionsOf`.
    const mss = announcedMss(host.env.ownMss, opts.maxseg);
    const conn: ConnEnv =
      mss === host.env.ownMss
        ? host.env
        : { linux: host.env.linux, sys: host.env.sys, ownMss: mss };
    const lst = new Listener(
      host.name,
      host.port,
      backlog,
      conn,
      rcvSpaceFor(opts.rcvbuf),
      this,
      this,
    );
    host.listeners.set(host.port, lst);
    lst.open(this.now);
    return lst;
  }

  closeListener(host: Host, lst: Listener): void {
    lst.close(this.now);
    host.listeners.delete(lst.port);
  }

  raw(seg: Omit<Segment, 'traceIndex'>): void {
    this.transmit(copySegment(seg, -1));
  }

  isnOf(endpoint: string): number {
    return this.host(endpoint).ep.isn;
  }

  random32(): number {
    return this.rng.uint32();
  }

  portOf(endpoint: string): number {
    return this.host(endpoint).port;
  }

  // ---------------------------------------------------------------- ListenerEnv

  chooseIsnFor(host: string): number {
    return this.chooseIsn(this.host(host));
  }

  spawnOn(host: string, init: Omit<ConnInit, 'id' | 'host' | 'lport'>): Connection {
    return this.spawn(this.host(host), init);
  }

  optionsOf(host: string): SocketOptions {
    return this.host(host).app.options;
  }

  // ---------------------------------------------------------------- sockets

  private spawn(host: Host, init: Omit<ConnInit, 'id' | 'host' | 'lport'>): Connection {
    // Spelled out rather than spread: a spread is several times slower on this hot path.
    const full: ConnInit = {
      id: this.nextId++,
      host: host.name,
      lport: host.port,
      remote: init.remote,
      rport: init.rport,
      cport: init.cport,
      iss: init.iss,
      passive: init.passive,
      peerSyn: init.peerSyn,
    };
    const c = new Connection(full, host.env, this);
    host.conns.set(c);
    return c;
  }

  /** The scenario's ISN for the host's first connection, then random ones. */
  private chooseIsn(host: Host): number {
    if (!host.isnUsed) {
      host.isnUsed = true;
      return host.ep.isn;
    }
    return this.rng.uint32();
  }
}

/** A copy through the one segment constructor (never a spread: see makeSegment). */
function copySegment(seg: Omit<Segment, 'traceIndex'>, traceIndex: number): Segment {
  const copy = makeSegment(
    seg.src,
    seg.sport,
    seg.dst,
    seg.dport,
    seg.seq,
    seg.ack,
    seg.flags,
    seg.len,
    seg.win,
    seg.opts,
    seg.cport,
    seg.why,
  );
  copy.traceIndex = traceIndex;
  return copy;
}
