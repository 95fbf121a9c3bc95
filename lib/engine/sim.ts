// The discrete-event simulator: one `World` per run holds the hosts, the wire, the event
// queue and the trace under construction; this file has the connection's receive path, send
// path and timers (the listener is in listener.ts, the program runner in app.ts). Members
// are not `private` because those two modules use them; nothing here leaves the engine. Segment processing follows Linux's order
// (tcp_v4_rcv → tcp_rcv_state_process / tcp_check_req / tcp_timewait_state_process) and
// RFC 9293 §3.10.7; every place where Linux departs from the RFC says so.

import { runApp } from './app';
import { EngineError, assertNever } from './errors';
import type { RunBudget } from './limits';
import { connRequest, listenerProcess, onReqTimer } from './listener';
import type { ResolvedEndpoint, ResolvedScenario } from './resolve';
import type { Rng } from './rng';
import { EventQueue } from './scheduler';
import { applyFaults } from './network';
import { type Segment, flagString, segSpace } from './segment';
import { seqAdd, seqDiff } from './sequence';
import type { Sysctls } from './sysctl';
import { type Conn, type TimerSlot, TupleTable } from './tcb';
import { modelTimeout, timerFireTime } from './timers';
import type {
  Errno,
  TcpState,
  TimerName,
  TraceEvent,
  TraceEventKind,
  TraceSegment,
  TraceState,
  TraceTimer,
} from './types';

// Flag bits (same values as segment.ts; local so the hot path reads constants, not the
// module-namespace getters a CommonJS transpile would generate).
export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const PSH = 8;
export const ACK = 16;

/** Linux constants (include/net/tcp.h). */
export const TCP_TIMEOUT_INIT = 1;
export const TCP_ATO_MIN = 0.04;
export const TCP_DELACK_MAX = 0.2;
export const TCP_TIMEWAIT_LEN = 60;
export const TCP_MAX_QUICKACKS = 16;
export const TCP_TIMEOUT_MIN_JIFFIES = 2;
export const TCPOLEN_TSTAMP = 12;

export interface Request {
  remote: string;
  lport: number;
  rport: number;
  cport: number;
  irs: number;
  iss: number;
  peerMss: number;
  numTimeout: number;
  acked: boolean;
  gen: number;
  lastSent: number;
  lastOow: number;
}

export interface Listener {
  host: string;
  port: number;
  maxAck: number;
  reqs: TupleTable<Request>;
  acceptQ: Conn[];
  lastOverflow: number;
  closed: boolean;
}

export interface AppState {
  pc: number;
  started: boolean;
  waitingAt: number;
  conn: Conn | undefined;
  conns: Conn[];
  listener: Listener | undefined;
  pendingOpts: { keepalive: Conn['keepalive']; nodelay: boolean; lingerZero: boolean };
  floodSent: number;
  done: boolean;
  /** The program cannot start its next step before this time (system-call latency). */
  readyAt: number;
}

export interface Host {
  ep: ResolvedEndpoint;
  name: string;
  port: number;
  sys: Sysctls;
  conns: TupleTable<Conn>;
  listeners: Map<number, Listener>;
  spoofPorts: Set<number>;
  app: AppState;
  isnUsed: boolean;
  lastRstOow: number;
}

export type SimEvent =
  | { k: 'arrive'; seg: Segment }
  | { k: 'timer'; conn: Conn; slot: TimerSlot; gen: number }
  | { k: 'req'; lst: Listener; req: Request; gen: number }
  | { k: 'app'; host: Host };

export interface RawTrace {
  segments: TraceSegment[];
  states: TraceState[];
  events: TraceEvent[];
  timers: TraceTimer[];
  end: number;
}

export class World {
  readonly q = new EventQueue<SimEvent>();
  now = 0;
  readonly hosts = new Map<string, Host>();
  nextId = 1;
  readonly segs: TraceSegment[] = [];
  readonly states: TraceState[] = [];
  readonly events: TraceEvent[] = [];
  readonly timers: TraceTimer[] = [];
  readonly faultHits: number[];
  readonly cookieSecret: number;
  readonly linux: boolean;

  constructor(
    readonly sc: ResolvedScenario,
    readonly rng: Rng,
    readonly budget: RunBudget,
  ) {
    this.linux = sc.profile === 'linux';
    this.faultHits = sc.faults.map(() => 0);
    this.cookieSecret = rng.uint32();
    for (const ep of sc.endpoints) {
      this.hosts.set(ep.name, {
        ep,
        name: ep.name,
        port: ep.port,
        sys: ep.sysctl,
        conns: new TupleTable<Conn>(),
        listeners: new Map(),
        spoofPorts: new Set(),
        app: {
          pc: 0,
          started: false,
          waitingAt: -1,
          conn: undefined,
          conns: [],
          listener: undefined,
          pendingOpts: {
            keepalive: { on: false, idle: undefined, intvl: undefined, cnt: undefined },
            nodelay: false,
            lingerZero: false,
          },
          floodSent: 0,
          done: false,
          readyAt: 0,
        },
        isnUsed: false,
        lastRstOow: -Infinity,
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
    return {
      segments: this.segs,
      states: this.states,
      events: this.events,
      timers: this.timers,
      end: this.now,
    };
  }

  dispatch(ev: SimEvent): void {
    switch (ev.k) {
      case 'arrive': {
        const host = this.hosts.get(ev.seg.dst);
        if (host === undefined) return;
        this.receive(host, ev.seg);
        runApp(this, host);
        return;
      }
      case 'timer': {
        const c = ev.conn;
        if (c.timerGen[ev.slot] !== ev.gen || c.state === 'CLOSED') return;
        c.timerAt[ev.slot] = -1;
        this.onTimer(c, ev.slot);
        const host = this.hostOf(c);
        runApp(this, host);
        return;
      }
      case 'req':
        if (ev.req.gen !== ev.gen || !ev.lst.reqs.has(ev.req)) return;
        onReqTimer(this, ev.lst, ev.req);
        return;
      case 'app':
        runApp(this, ev.host);
        return;
      default:
        assertNever(ev, 'event');
    }
  }

  hostOf(c: Conn): Host {
    return c.owner as Host;
  }

  host(name: string): Host {
    const h = this.hosts.get(name);
    if (h === undefined) throw new EngineError('INTERNAL', `no endpoint ${name}`);
    return h;
  }

  // ---------------------------------------------------------------- trace helpers

  setState(c: Conn, s: TcpState): void {
    if (c.state === s) return;
    c.state = s;
    this.states.push({ t: this.now, endpoint: c.host, socket: 'conn', cport: c.cport, state: s });
  }

  stateRecord(host: string, socket: 'listener' | 'conn', cport: number | null, s: TcpState): void {
    this.states.push({ t: this.now, endpoint: host, socket, cport, state: s });
  }

  appEvent(host: Host, event: TraceEventKind, extra: Partial<TraceEvent> = {}): void {
    this.events.push({
      t: this.now,
      endpoint: host.name,
      event,
      errno: extra.errno,
      bytes: extra.bytes,
      cport: extra.cport,
      op: extra.op,
      socket: extra.socket,
    });
  }

  timerTrace(c: Conn, timer: TimerName, action: 'set' | 'fire' | 'cancel', expires?: number): void {
    const entry: TraceTimer = {
      t: this.now,
      endpoint: c.host,
      socket: 'conn',
      cport: c.cport,
      timer,
      action,
    };
    if (expires !== undefined) entry.expires = expires;
    this.timers.push(entry);
  }

  // ---------------------------------------------------------------- timers

  hz(c: Conn | Host): number {
    const sys = 'sys' in c ? c.sys : this.hostOf(c).sys;
    return sys.hz;
  }

  tickPhase(c: Conn): number {
    return this.hostOf(c).sys.hz_phase_us / 1e6;
  }

  arm(c: Conn, slot: TimerSlot, delay: number, name: TimerName): void {
    const at = timerFireTime(this.now, delay, this.hz(c), this.tickPhase(c));
    c.timerGen[slot]++;
    c.timerAt[slot] = at;
    this.q.push(at, { k: 'timer', conn: c, slot, gen: c.timerGen[slot] });
    this.timerTrace(c, name, 'set', at);
  }

  cancel(c: Conn, slot: TimerSlot, name: TimerName): void {
    if (c.timerAt[slot] < 0) return;
    c.timerGen[slot]++;
    c.timerAt[slot] = -1;
    this.timerTrace(c, name, 'cancel');
  }

  cancelAll(c: Conn): void {
    const gen = c.timerGen;
    const at = c.timerAt;
    gen.rtx++;
    gen.delack++;
    gen.keepalive++;
    gen.tw++;
    at.rtx = at.delack = at.keepalive = at.tw = -1;
  }

  rtxName(c: Conn): TimerName {
    return c.rtxKind === 'tlp' ? 'loss_probe' : 'retransmit';
  }

  // ---------------------------------------------------------------- wire

  emit(
    host: Host,
    init: {
      sport: number;
      dst: string;
      dport: number;
      seq: number;
      ack: number;
      flags: number;
      len: number;
      win: number;
      mss?: number;
      cport: number;
      why?: string;
    },
  ): void {
    const seg: Segment = {
      src: host.name,
      sport: init.sport,
      dst: init.dst,
      dport: init.dport,
      seq: init.seq >>> 0,
      ack: init.flags & ACK ? init.ack >>> 0 : 0,
      flags: init.flags,
      len: init.len,
      win: init.win,
      mss: init.mss ?? 0,
      cport: init.cport,
      why: init.why,
      traceIndex: this.segs.length,
    };
    const { dropped, extraDelay, duplicate } = applyFaults(
      this.sc.faults,
      this.faultHits,
      seg,
      this.now,
    );
    const ts: TraceSegment = {
      t: this.now,
      from: host.name,
      to: init.dst,
      flags: flagString(seg.flags),
      seq: null,
      ack: null,
      len: seg.len,
      win: seg.win,
      abs_seq: seg.seq,
      abs_ack: seg.flags & ACK ? seg.ack : null,
      dropped,
      cport: seg.cport,
      sport: seg.sport,
      dport: seg.dport,
      // Always present (undefined is left out of the JSON) so every segment has one shape.
      why: init.why,
    };
    this.segs.push(ts);
    if (dropped) return;
    const at = this.now + this.sc.delay + extraDelay;
    this.q.push(at, { k: 'arrive', seg });
    if (duplicate) this.q.push(at, { k: 'arrive', seg: { ...seg } });
  }

  advWindow(c: Conn): number {
    // After the handshake Linux advertises its receive space scaled by wscale (here 2^10).
    return Math.max(0, Math.floor((c.rcvBuf - c.unread) / 1024) * 1024);
  }

  sendCtl(c: Conn, flags: number, seqOff: number, why?: string): void {
    const host = this.hostOf(c);
    const init = {
      sport: c.lport,
      dst: c.remote,
      dport: c.rport,
      seq: seqAdd(c.iss, seqOff),
      ack: seqAdd(c.irs, c.rcvNxt),
      flags,
      len: 0,
      win: flags & RST && !(flags & ACK) ? 0 : this.advWindow(c),
      cport: c.cport,
    };
    this.emit(host, why === undefined ? init : { ...init, why });
    if (flags & ACK) this.ackSent(c);
  }

  /** Pure ACK <SEQ=SND.NXT><ACK=RCV.NXT>. */
  sendAck(c: Conn, why?: string): void {
    this.sendCtl(c, ACK, c.sndNxt, why);
  }

  /** tcp_event_ack_sent: any segment carrying the current ACK clears the delayed ACK. */
  ackSent(c: Conn): void {
    c.rcvWup = c.rcvNxt;
    if (c.ackPending) {
      c.ackPending = false;
      this.cancel(c, 'delack', 'delack');
    }
    if (c.quick > 0) c.quick--;
  }

  /**
   * Reset for a segment that has no socket, or that a socket refuses (tcp_v4_send_reset,
   * RFC 9293 §3.10.7.1): with ACK set reply <SEQ=SEG.ACK><CTL=RST>, otherwise
   * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. Never answer a RST.
   */
  sendReset(host: Host, seg: Segment, why?: string): void {
    if (seg.flags & RST) return;
    const base = {
      sport: seg.dport,
      dst: seg.src,
      dport: seg.sport,
      len: 0,
      win: 0,
      cport: seg.cport,
    };
    const extra = why === undefined ? {} : { why };
    if (seg.flags & ACK) this.emit(host, { ...base, ...extra, seq: seg.ack, ack: 0, flags: RST });
    else
      this.emit(host, {
        ...base,
        ...extra,
        seq: 0,
        ack: seqAdd(seg.seq, segSpace(seg)),
        flags: RST | ACK,
      });
  }

  // ---------------------------------------------------------------- ISN, MSS, RTO

  chooseIsn(host: Host): number {
    if (!host.isnUsed) {
      host.isnUsed = true;
      return host.ep.isn;
    }
    return this.rng.uint32();
  }

  ownMss(): number {
    return this.sc.mtu - 40;
  }

  rtoMin(c: Conn): number {
    return this.hostOf(c).sys.tcp_rto_min_us / 1e6;
  }

  rtoMax(c: Conn): number {
    return this.hostOf(c).sys.tcp_rto_max_ms / 1000;
  }

  /**
   * RTT sample. Linux (tcp_rtt_estimator, __tcp_set_rto): the first sample m gives
   * srtt = m and rttvar = max(2m, tcp_rto_min), so RTO = m + max(2m, 200 ms) ("make sure
   * rto = 3*rtt"); later samples smooth like RFC 6298 with the variance term floored at
   * rto_min. The rfc profile uses RFC 6298 (2.2)-(2.4) with its 1 s floor.
   */
  rttSample(c: Conn, m: number): void {
    if (m < 0) return;
    if (c.srtt === 0) {
      c.srtt = Math.max(m, 1e-6);
      c.rttvar = m / 2;
    } else {
      c.rttvar = 0.75 * c.rttvar + 0.25 * Math.abs(c.srtt - m);
      c.srtt = 0.875 * c.srtt + 0.125 * m;
    }
    this.setRto(c);
  }

  setRto(c: Conn): void {
    const min = this.rtoMin(c);
    const hz = this.hz(c);
    let rto = this.linux
      ? c.srtt + Math.max(4 * c.rttvar, min)
      : Math.max(min, c.srtt + 4 * c.rttvar);
    // usecs_to_jiffies rounds up.
    if (hz > 0) rto = Math.ceil(rto * hz - 1e-9) / hz;
    c.rto = Math.min(rto, this.rtoMax(c));
  }

  // ---------------------------------------------------------------- receive path

  receive(host: Host, seg: Segment): void {
    if (host.spoofPorts.has(seg.dport)) return; // the spoofed source does not exist
    const c = host.conns.get(seg.src, seg.dport, seg.sport);
    if (c !== undefined) {
      if (c.minisock) this.timewaitProcess(host, c, seg);
      else if (c.state === 'SYN_SENT') this.synSentProcess(host, c, seg);
      else this.established(host, c, seg);
      return;
    }
    const lst = host.listeners.get(seg.dport);
    if (lst !== undefined && !lst.closed) {
      listenerProcess(this, host, lst, seg);
      return;
    }
    // No socket: RFC 9293 §3.10.7.1, tcp_v4_send_reset (reason NO_SOCKET).
    this.sendReset(host, seg);
  }

  /** tcp_rcv_synsent_state_process (RFC 9293 §3.10.7.3). */
  synSentProcess(host: Host, c: Conn, seg: Segment): void {
    const f = seg.flags;
    if (f & ACK) {
      const ackOff = seqDiff(seg.ack, c.iss);
      if (ackOff <= 0 || ackOff > c.sndNxt) {
        // Unacceptable ACK (e.g. the SYN-ACK to an old duplicate SYN, RFC 9293 Fig. 8):
        // reset it, and if no SYN retransmission happened yet re-arm the SYN timer to
        // TCP_TIMEOUT_MIN so the SYN goes out again almost at once (Linux only).
        if (f & RST) return;
        this.sendReset(host, seg);
        if (this.linux && !c.synRetransmitted) {
          c.rtxKind = 'syn';
          this.arm(c, 'rtx', TCP_TIMEOUT_MIN_JIFFIES / Math.max(1, this.hz(c)), 'retransmit');
        }
        return;
      }
      if (f & RST) {
        this.resetConn(host, c, 'ECONNREFUSED');
        return;
      }
      if (!(f & SYN)) return;
      // SYN-ACK: ESTABLISHED, immediate ACK (tcp_send_ack; no TCP_DEFER_ACCEPT here).
      c.irs = seg.seq;
      c.rcvNxt = 1;
      c.rcvWup = 1;
      c.sndUna = 1;
      c.sndWnd = seg.win;
      c.mss = Math.min(seg.mss || 536, this.ownMss()) - TCPOLEN_TSTAMP;
      const syn = c.inflight[0];
      c.inflight = [];
      // Timestamps are on, so the RTT sample is valid even after a SYN retransmission.
      if (syn !== undefined) this.rttSample(c, this.now - syn.sentAt);
      else this.setRto(c);
      this.resetBackoff(c);
      this.cancel(c, 'rtx', 'retransmit');
      this.setState(c, 'ESTABLISHED');
      c.lrcvTime = this.now;
      c.lastRcv = this.now;
      this.sendAck(c);
      this.startKeepalive(c);
      this.trySend(c);
      return;
    }
    if (f & RST) return;
    if (f & SYN) {
      // Crossed SYNs: simultaneous open (RFC 9293 Fig. 7). Linux answers S. with seq=ISS,
      // ack=IRS+1 and keeps retransmitting it on the SYN timer.
      c.irs = seg.seq;
      c.rcvNxt = 1;
      c.rcvWup = 1;
      c.sndWnd = seg.win;
      c.mss = Math.min(seg.mss || 536, this.ownMss()) - TCPOLEN_TSTAMP;
      this.setState(c, 'SYN_RECV');
      this.sendSyn(c, true, undefined);
    }
  }

  /** Synchronized states: tcp_validate_incoming + tcp_ack + tcp_data_queue + tcp_fin. */
  established(host: Host, c: Conn, seg: Segment): void {
    const f = seg.flags;
    const segOff = seqDiff(seg.seq, c.irs);
    const endOff = segOff + segSpace(seg);
    c.lastRcv = this.now;
    c.probesOut = 0;

    // Simultaneous open, Linux ≥ 6.11 (commit 23e89e8ee7be): in SYN_RECV the peer's SYN-ACK
    // (seq+1 == rcv_nxt, ack == snd_nxt) completes the handshake; an ACK is always sent.
    if (
      c.state === 'SYN_RECV' &&
      f & SYN &&
      f & ACK &&
      segOff + 1 === c.rcvNxt &&
      seqDiff(seg.ack, c.iss) === c.sndNxt
    ) {
      this.synRecvEstablished(host, c, seg);
      this.sendAck(c);
      return;
    }

    // tcp_sequence: acceptable iff end >= RCV.WUP and seq <= RCV.NXT + RCV.WND.
    const inWindow = endOff >= c.rcvWup && segOff <= c.rcvNxt + this.advWindow(c);
    if (!inWindow) {
      if (!(f & RST)) this.oowAck(c, seg);
      return;
    }
    if (f & RST) {
      // RFC 5961 §3.2: only an exact match resets; rcv_nxt-1 is accepted after a FIN (tcp_reset_check).
      const afterFin = c.state === 'CLOSE_WAIT' || c.state === 'LAST_ACK' || c.state === 'CLOSING';
      if (segOff === c.rcvNxt || (afterFin && segOff === c.rcvNxt - 1)) {
        this.resetConn(host, c, c.state === 'CLOSE_WAIT' ? 'EPIPE' : 'ECONNRESET');
      } else {
        this.challengeAck(c);
      }
      return;
    }
    if (f & SYN) {
      // A SYN in a synchronized state gets a challenge ACK (RFC 5961 §4.2, RFC 9293 §3.10.7.4
      // fourth). This is the "re-ACK" a client sends for each retransmitted SYN-ACK when its
      // third ACK was lost (recording third-ack-dropped, counter TCPSYNChallenge).
      this.challengeAck(c);
      return;
    }
    if (!(f & ACK)) return;

    if (c.state === 'SYN_RECV') {
      const a = seqDiff(seg.ack, c.iss);
      if (a < 1 || a > c.sndNxt) {
        this.sendReset(host, seg);
        return;
      }
      this.synRecvEstablished(host, c, seg);
    }
    if (!this.processAck(host, c, seg)) return;
    if (c.state === 'CLOSED' || c.minisock) return;

    // tcp_rcv_state_process step 7: data after our close() resets the connection
    // (RFC 1122 MUST; RFC 793 said queue it): LINUX_MIB_TCPABORTONDATA.
    if (
      (c.state === 'FIN_WAIT1' || c.state === 'FIN_WAIT2') &&
      c.rcvShutdown &&
      seg.len > 0 &&
      segOff + seg.len > c.rcvNxt
    ) {
      this.sendReset(host, seg);
      this.resetConn(host, c, undefined);
      return;
    }
    if (
      (c.state === 'CLOSE_WAIT' || c.state === 'CLOSING' || c.state === 'LAST_ACK') &&
      segOff >= c.rcvNxt
    ) {
      this.trySend(c);
      return;
    }
    this.dataQueue(host, c, seg, segOff);
    if ((c.state as TcpState) !== 'CLOSED') this.trySend(c);
  }

  synRecvEstablished(host: Host, c: Conn, seg: Segment): void {
    c.sndUna = 1;
    c.sndWnd = seg.win;
    const syn = c.inflight[0];
    c.inflight = [];
    if (syn !== undefined) this.rttSample(c, this.now - syn.sentAt);
    this.resetBackoff(c);
    this.cancel(c, 'rtx', 'retransmit');
    this.setState(c, 'ESTABLISHED');
    c.lrcvTime = this.now;
    this.startKeepalive(c);
    void host;
  }

  /** Out-of-window segment: duplicate ACK, rate-limited unless it carries data or FIN (tcp_oow_rate_limited). */
  oowAck(c: Conn, seg: Segment): void {
    const limited = seg.len === 0 && !(seg.flags & FIN);
    if (limited || seg.flags & SYN) {
      if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
      c.lastOowAck = this.now;
    }
    this.sendAck(c);
  }

  /** tcp_send_challenge_ack: per-socket limit of one per tcp_invalid_ratelimit. */
  challengeAck(c: Conn): void {
    if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
    c.lastOowAck = this.now;
    this.sendAck(c, 'challenge');
  }

  /** tcp_ack. Returns false when the segment must be dropped. */
  processAck(host: Host, c: Conn, seg: Segment): boolean {
    const a = seqDiff(seg.ack, c.iss);
    if (a > c.sndNxt) return false; // ACK of unsent data: dropped silently
    const prevWnd = c.sndWnd;
    c.sndWnd = seg.win;
    if (a > c.sndUna) {
      let sample = -1;
      while (c.inflight.length > 0) {
        const head = c.inflight[0]!;
        if (head.seq + head.len + (head.syn ? 1 : 0) + (head.fin ? 1 : 0) > a) break;
        sample = this.now - head.sentAt;
        c.inflight.shift();
        if (c.cwnd < c.ssthresh) c.cwnd++;
        else c.cwnd += 1 / c.cwnd;
      }
      c.sndUna = a;
      c.dupAcks = 0;
      if (sample >= 0) this.rttSample(c, sample);
      if (c.inLoss && a >= c.recoveryPoint) c.inLoss = false;
      this.resetBackoff(c);
      if (c.tlpHigh >= 0 && a >= c.tlpHigh) c.tlpHigh = -1;
      // tcp_set_xmit_timer: TLP if possible, else RTO, or nothing when all is acked.
      if (c.inflight.length === 0) this.cancel(c, 'rtx', this.rtxName(c));
      else this.armXmitTimer(c, true);
      const finAcked = c.finSent && a === c.writeSeq + 1;
      if (finAcked) {
        switch (c.state) {
          case 'FIN_WAIT1':
            this.setState(c, 'FIN_WAIT2');
            // Orphaned socket: FIN_WAIT2 minisock with tcp_fin_timeout (tcp_rcv_state_process,
            // tcp_fin_time = max(fin_timeout, 3.5 RTO)). A FIN in this same segment skips it.
            // Data beyond rcv_nxt in this segment aborts instead (step 7 below, TCPABORTONDATA).
            if (
              c.orphan &&
              !(seg.flags & FIN) &&
              !(seg.len > 0 && seqDiff(seg.seq, c.irs) + seg.len > c.rcvNxt)
            ) {
              this.enterFinWait2Orphan(c);
            }
            break;
          case 'CLOSING':
            this.enterTimeWait(c);
            return false;
          case 'LAST_ACK':
            this.destroy(host, c);
            return false;
          default:
            break;
        }
      }
    } else if (
      a === c.sndUna &&
      seg.len === 0 &&
      !(seg.flags & FIN) &&
      c.inflight.length > 0 &&
      seg.win === prevWnd
    ) {
      c.dupAcks++;
      if (c.dupAcks === 3 && !c.inLoss) this.fastRetransmit(c);
    }
    return true;
  }

  resetBackoff(c: Conn): void {
    c.backoff = 0;
    c.retransmits = 0;
    c.totalRto = 0;
    c.retransStamp = -1;
    if (c.srtt > 0) this.setRto(c);
  }

  /** tcp_data_queue + tcp_fin + __tcp_ack_snd_check. */
  dataQueue(host: Host, c: Conn, seg: Segment, segOff: number): void {
    const hasFin = Boolean(seg.flags & FIN);
    if (seg.len === 0 && !hasFin) return;
    const end = segOff + seg.len;
    if (end + (hasFin ? 1 : 0) <= c.rcvNxt) {
      // A retransmission: force an immediate (D-SACK) ACK.
      this.sendAck(c);
      return;
    }
    if (segOff > c.rcvNxt) {
      // Out of order: queue it and send an immediate duplicate ACK.
      c.ooo.push({ start: segOff, end, fin: hasFin });
      c.ooo.sort((x, y) => x.start - y.start);
      this.sendAck(c);
      return;
    }
    let gotFin = false;
    if (end > c.rcvNxt) {
      const fresh = end - c.rcvNxt;
      c.rcvNxt = end;
      c.unread += fresh;
      this.eventDataRecv(c);
    }
    if (hasFin) gotFin = true;
    // Pull in out-of-order data that is now contiguous.
    let filledHole = false;
    while (c.ooo.length > 0 && !gotFin) {
      const o = c.ooo[0]!;
      if (o.start > c.rcvNxt) break;
      c.ooo.shift();
      if (o.end > c.rcvNxt) {
        c.unread += o.end - c.rcvNxt;
        c.rcvNxt = o.end;
        filledHole = true;
      }
      if (o.fin) gotFin = true;
    }
    if (gotFin) {
      c.rcvNxt += 1;
      c.finRcvd = true;
      c.ooo = [];
      // tcp_fin decides how the FIN (and any data before it) is acknowledged.
      this.tcpFin(host, c);
      return;
    }
    c.ackPending = true;
    this.ackSndCheck(c, filledHole);
  }

  /** tcp_event_data_recv: the delayed-ACK engine's estimate of the peer's pacing. */
  eventDataRecv(c: Conn): void {
    const quickFill = Math.max(
      2,
      Math.min(TCP_MAX_QUICKACKS, Math.floor(c.rcvBuf / (2 * Math.max(c.mss, 536)))),
    );
    if (c.ato === 0) {
      // "The _first_ data packet received, initialize delayed ACK engine."
      c.quick = Math.max(c.quick, quickFill);
      c.ato = TCP_ATO_MIN;
    } else {
      const m = this.now - c.lrcvTime;
      if (m <= TCP_ATO_MIN / 2) c.ato = c.ato / 2 + TCP_ATO_MIN / 2;
      else if (m < c.ato) c.ato = Math.min(c.ato / 2 + m, c.rto);
      else if (m > c.rto) c.quick = Math.max(c.quick, quickFill);
    }
    c.lrcvTime = this.now;
  }

  /** __tcp_ack_snd_check: immediate ACK or delayed ACK. */
  ackSndCheck(c: Conn, force: boolean): void {
    if (!c.ackPending) return;
    const quickMode = this.linux ? c.quick > 0 && !c.pingpong : false;
    if (force || c.rcvNxt - c.rcvWup > c.mss || quickMode) {
      this.sendAck(c);
      return;
    }
    this.sendDelayedAck(c);
  }

  /**
   * tcp_send_delayed_ack: the timeout is ato, capped at 200 ms in pingpong mode and at the
   * smoothed RTT (not below 40 ms). With ato == 0 (no data received yet) the timer is
   * armed for "now" and fires on the next jiffy. The rfc profile delays a fixed 200 ms.
   */
  sendDelayedAck(c: Conn): void {
    let ato = c.ato;
    if (!this.linux) ato = TCP_DELACK_MAX;
    else if (ato > TCP_ATO_MIN) {
      let maxAto = c.pingpong ? TCP_DELACK_MAX : 0.5;
      if (c.srtt > 0) {
        const rtt = Math.max(c.srtt, TCP_ATO_MIN);
        if (rtt < maxAto) maxAto = rtt;
      }
      ato = Math.min(ato, maxAto);
    }
    ato = Math.min(ato, TCP_DELACK_MAX);
    if (c.timerAt.delack >= 0) {
      // "If delack timer is about to expire, send ACK now."
      if (c.timerAt.delack <= this.now + ato / 4) {
        this.sendAck(c);
        return;
      }
      if (c.timerAt.delack <= timerFireTime(this.now, ato, this.hz(c), this.tickPhase(c))) return;
    }
    this.arm(c, 'delack', ato, 'delack');
  }

  /** tcp_fin (RFC 9293 §3.10.7.4 eighth). */
  tcpFin(host: Host, c: Conn): void {
    switch (c.state) {
      case 'SYN_RECV':
      case 'ESTABLISHED':
        // Passive close: pingpong mode turns quick-ACK off, so the ACK of the FIN is delayed
        // (40 ms after data, next tick before any) and a close() in that window lets the
        // FIN carry it: the 3-segment close (recordings close-merged, handshake-data-close).
        this.setState(c, 'CLOSE_WAIT');
        c.pingpong = true;
        c.ackPending = true;
        // __tcp_ack_snd_check: still immediate if more than one MSS is unacknowledged.
        this.ackSndCheck(c, false);
        return;
      case 'CLOSE_WAIT':
      case 'CLOSING':
      case 'LAST_ACK':
        return;
      case 'FIN_WAIT1':
        // Simultaneous close: ACK at once, CLOSING (RFC 9293 Fig. 13).
        this.sendAck(c);
        this.setState(c, 'CLOSING');
        return;
      case 'FIN_WAIT2':
        this.sendAck(c);
        this.enterTimeWait(c);
        return;
      case 'CLOSED':
      case 'LISTEN':
      case 'SYN_SENT':
      case 'TIME_WAIT':
        return;
      default:
        assertNever(c.state, 'state');
    }
    void host;
  }

  // ---------------------------------------------------------------- TIME_WAIT / FIN_WAIT2 minisock

  enterTimeWait(c: Conn): void {
    this.cancelAll(c);
    c.minisock = true;
    c.twKind = 'time_wait';
    c.inflight = [];
    this.setState(c, 'TIME_WAIT');
    // Linux: fixed TCP_TIMEWAIT_LEN (tcp_time_wait); RFC 9293 §3.10.8: 2 × MSL.
    const len = this.linux ? TCP_TIMEWAIT_LEN : 2 * this.hostOf(c).sys.msl;
    this.arm(c, 'tw', len, 'time_wait');
  }

  enterFinWait2Orphan(c: Conn): void {
    const sys = this.hostOf(c).sys;
    const tmo = Math.max(sys.tcp_fin_timeout, 3.5 * c.rto);
    this.cancelAll(c);
    c.minisock = true;
    c.twKind = 'fin_wait2';
    this.arm(c, 'tw', tmo, 'fin_wait2');
  }

  /** tcp_timewait_state_process. */
  timewaitProcess(host: Host, c: Conn, seg: Segment): void {
    const f = seg.flags;
    const segOff = seqDiff(seg.seq, c.irs);
    const endOff = segOff + segSpace(seg);
    const sys = host.sys;
    if (c.state === 'FIN_WAIT2') {
      const inWin = endOff >= c.rcvNxt && segOff <= c.rcvNxt + this.advWindow(c);
      if (!inWin) {
        if (!(f & RST)) this.twAck(c, seg);
        return;
      }
      if (f & RST) {
        this.destroy(host, c);
        return;
      }
      if (f & SYN && segOff >= c.rcvNxt) {
        this.sendReset(host, seg);
        this.destroy(host, c);
        return;
      }
      if (!(f & ACK) || endOff <= c.rcvNxt || endOff === segOff) return;
      // "New data or FIN. If new data arrive after half-duplex close, reset."
      if (!(f & FIN) || endOff !== c.rcvNxt + 1) {
        this.sendReset(host, seg);
        this.destroy(host, c);
        return;
      }
      c.rcvNxt = endOff;
      this.sendAck(c);
      this.enterTimeWait(c);
      return;
    }
    // TIME_WAIT.
    if (segOff === c.rcvNxt && (endOff === segOff || f & RST)) {
      if (f & RST) {
        // TIME_WAIT assassination (RFC 1337 hazard) unless tcp_rfc1337=1.
        if (sys.tcp_rfc1337 === 0) this.destroy(host, c);
      } else {
        this.rescheduleTimeWait(c);
      }
      return;
    }
    if (f & SYN && !(f & RST) && !(f & ACK) && segOff > c.rcvNxt) {
      const lst = host.listeners.get(c.lport);
      if (lst !== undefined && !lst.closed) {
        // RFC 6191 / tcp_v4_rcv TCP_TW_SYN: the new SYN is accepted with ISN = snd_nxt + 65537.
        const isn = seqAdd(c.iss, c.sndNxt + 65535 + 2) || 1;
        this.destroy(host, c);
        connRequest(this, host, lst, seg, isn);
        return;
      }
    }
    if (!(f & RST)) {
      // A retransmitted FIN (or any out-of-window ACK-bearing segment) is re-ACKed and the
      // 2MSL timer restarted (RFC 9293 §3.10.7.4 eighth; inet_twsk_reschedule).
      if (f & ACK) this.rescheduleTimeWait(c);
      this.twAck(c, seg);
    }
  }

  rescheduleTimeWait(c: Conn): void {
    const len = this.linux ? TCP_TIMEWAIT_LEN : 2 * this.hostOf(c).sys.msl;
    this.arm(c, 'tw', len, 'time_wait');
  }

  twAck(c: Conn, seg: Segment): void {
    const limited = (seg.len === 0 && !(seg.flags & FIN)) || Boolean(seg.flags & SYN);
    if (limited) {
      if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
      c.lastOowAck = this.now;
    }
    this.sendCtl(c, ACK, c.sndNxt);
  }

  // ---------------------------------------------------------------- send path

  sendSyn(c: Conn, withAck: boolean, why: string | undefined, armTimer = true): void {
    const host = this.hostOf(c);
    const flags = withAck ? SYN | ACK : SYN;
    const init = {
      sport: c.lport,
      dst: c.remote,
      dport: c.rport,
      seq: c.iss,
      ack: seqAdd(c.irs, c.rcvNxt),
      flags,
      len: 0,
      win: withAck ? 65160 : 64240,
      mss: this.ownMss(),
      cport: c.cport,
    };
    this.emit(host, why === undefined ? init : { ...init, why });
    const prev = c.inflight[0];
    c.inflight = [
      {
        seq: 0,
        len: 0,
        syn: true,
        fin: false,
        sentAt: this.now,
        firstSentAt: prev?.firstSentAt ?? this.now,
      },
    ];
    c.sndNxt = 1;
    if (armTimer && c.timerAt.rtx < 0) {
      c.rtxKind = 'syn';
      this.arm(c, 'rtx', c.rto, 'retransmit');
    }
  }

  /**
   * tcp_write_xmit: new data (MSS-sized, Nagle) and a FIN behind it. `probe` is the loss
   * probe's call (push_one = 2, TCP_NAGLE_OFF): one segment, sent even past a full cwnd.
   */
  trySend(c: Conn, probe = false): void {
    if (
      c.state !== 'ESTABLISHED' &&
      c.state !== 'CLOSE_WAIT' &&
      c.state !== 'FIN_WAIT1' &&
      c.state !== 'LAST_ACK' &&
      c.state !== 'CLOSING'
    )
      return;
    let sentNew = false;
    while (c.sndNxt < c.writeSeq) {
      const flight = c.sndNxt - c.sndUna;
      const cwndBytes = probe ? Infinity : Math.floor(c.cwnd) * c.mss;
      const allowed = Math.min(c.sndWnd, cwndBytes) - flight;
      const remaining = c.writeSeq - c.sndNxt;
      let len = Math.min(c.mss, remaining);
      if (allowed < len) {
        if (allowed <= 0 || flight > 0) break;
        len = allowed;
      }
      const last = c.sndNxt + len === c.writeSeq;
      const fin = last && c.finQueued;
      // Nagle with Minshall's refinement (tcp_nagle_check / tcp_minshall_check): hold a
      // sub-MSS segment only while an earlier sub-MSS segment is still unacknowledged. A
      // segment carrying the FIN is never held (tcp_nagle_test; tcp_send_fin pushes with
      // TCP_NAGLE_OFF), so close() sends a held tail at once as FP.
      const nagleOff = c.nodelay || probe || fin;
      if (len < c.mss && !nagleOff && c.inflight.some((f) => f.len > 0 && f.len < c.mss)) break;
      this.xmit(c, c.sndNxt, len, fin, last, undefined);
      c.inflight.push({
        seq: c.sndNxt,
        len,
        syn: false,
        fin,
        sentAt: this.now,
        firstSentAt: this.now,
      });
      c.sndNxt += len + (fin ? 1 : 0);
      if (fin) c.finSent = true;
      sentNew = true;
      if (probe) break;
    }
    if (c.finQueued && !c.finSent && c.sndNxt === c.writeSeq) {
      // tcp_send_fin: a bare F. when no data is waiting.
      this.xmit(c, c.sndNxt, 0, true, false, undefined);
      c.inflight.push({
        seq: c.sndNxt,
        len: 0,
        syn: false,
        fin: true,
        sentAt: this.now,
        firstSentAt: this.now,
      });
      c.sndNxt += 1;
      c.finSent = true;
      sentNew = true;
    }
    if (sentNew) {
      // tcp_event_data_sent: sending within ato of the last receive enters pingpong mode.
      if (this.linux && c.ato > 0 && this.now - c.lrcvTime < c.ato) c.pingpong = true;
      // A loss probe's own send schedules no further probe (tcp_write_xmit: only when
      // push_one != 2); onLossProbe arms the RTO.
      if (!probe && (c.timerAt.rtx < 0 || c.rtxKind === 'tlp')) this.armXmitTimer(c, false);
    }
  }

  xmit(
    c: Conn,
    seqOff: number,
    len: number,
    fin: boolean,
    push: boolean,
    why: string | undefined,
  ): void {
    const host = this.hostOf(c);
    let flags = ACK;
    if (fin) flags |= FIN;
    if (push && len > 0) flags |= PSH;
    const init = {
      sport: c.lport,
      dst: c.remote,
      dport: c.rport,
      seq: seqAdd(c.iss, seqOff),
      ack: seqAdd(c.irs, c.rcvNxt),
      flags,
      len,
      win: this.advWindow(c),
      cport: c.cport,
    };
    this.emit(host, why === undefined ? init : { ...init, why });
    this.ackSent(c);
  }

  /**
   * tcp_set_xmit_timer: arm a tail loss probe (tcp_schedule_loss_probe, tcp_early_retrans=3)
   * when possible, else the RTO. PTO = 2·SRTT + (one packet out ? rto_min : 2 jiffies),
   * never later than the RTO. Recordings fin-lost, last-ack-lost and simultaneous-close show
   * the FIN re-sent ~0.2 s after it was lost (counter TCPLossProbes), then the RTO 0.2 s
   * after that, not doubled.
   */
  armXmitTimer(c: Conn, fromAck: boolean): void {
    const sys = this.hostOf(c).sys;
    const tlpOk =
      this.linux &&
      (sys.tcp_early_retrans === 3 || sys.tcp_early_retrans === 4) &&
      !c.inLoss &&
      c.tlpHigh < 0 &&
      c.srtt > 0 &&
      c.inflight.length > 0;
    if (tlpOk) {
      const hz = this.hz(c);
      const twoSrtt = hz > 0 ? Math.ceil(2 * c.srtt * hz - 1e-9) / hz : 2 * c.srtt;
      let pto =
        twoSrtt +
        (c.inflight.length === 1 ? this.rtoMin(c) : TCP_TIMEOUT_MIN_JIFFIES / Math.max(hz, 1));
      const head = c.inflight[0]!;
      const rtoDelta = c.rto - (this.now - head.sentAt);
      if (rtoDelta > 0) pto = Math.min(pto, rtoDelta);
      c.rtxKind = 'tlp';
      this.arm(c, 'rtx', pto, 'loss_probe');
      return;
    }
    if (fromAck || c.timerAt.rtx < 0 || c.rtxKind === 'tlp') {
      c.rtxKind = 'rto';
      this.arm(c, 'rtx', c.rto, 'retransmit');
    }
  }

  retransmitSeg(c: Conn, idx: number, why: string): void {
    const s = c.inflight[idx];
    if (s === undefined) return;
    if (c.retransStamp < 0) c.retransStamp = s.firstSentAt;
    s.sentAt = this.now;
    if (s.syn) {
      // The caller (the retransmission timer) re-arms with the backed-off RTO.
      this.sendSyn(c, c.state === 'SYN_RECV', why, false);
      return;
    }
    // PSH as on the original transmission: only the segment that ended the written data.
    this.xmit(c, s.seq, s.len, s.fin, s.seq + s.len === c.writeSeq, why);
  }

  fastRetransmit(c: Conn): void {
    // RFC 5681 §3.2 / Reno: ssthresh = flight/2, retransmit the head, enter recovery.
    const flight = c.inflight.length;
    c.ssthresh = Math.max(2, Math.floor(flight / 2));
    c.cwnd = c.ssthresh;
    c.inLoss = true;
    c.recoveryPoint = c.sndNxt;
    this.retransmitSeg(c, 0, 'fast_retransmit');
    c.rtxKind = 'rto';
    this.arm(c, 'rtx', c.rto, 'retransmit');
  }

  // ---------------------------------------------------------------- timers

  onTimer(c: Conn, slot: TimerSlot): void {
    const host = this.hostOf(c);
    switch (slot) {
      case 'delack':
        this.timerTrace(c, 'delack', 'fire');
        if (!c.ackPending) return;
        // tcp_delack_timer_handler: outside pingpong ato doubles; in pingpong it is left.
        if (c.pingpong) {
          c.pingpong = false;
          c.ato = TCP_ATO_MIN;
        } else {
          c.ato = Math.min(c.ato * 2, c.rto);
        }
        this.sendAck(c);
        return;
      case 'keepalive':
        this.timerTrace(c, 'keepalive', 'fire');
        this.onKeepalive(host, c);
        return;
      case 'tw':
        this.timerTrace(c, c.twKind, 'fire');
        // Expiry is silent; later segments find no socket and get a RST.
        this.destroy(host, c);
        return;
      case 'rtx':
        this.timerTrace(c, this.rtxName(c), 'fire');
        if (c.rtxKind === 'tlp') this.onLossProbe(c);
        else this.onRetransmitTimer(host, c);
        return;
      default:
        assertNever(slot, 'timer');
    }
  }

  /**
   * tcp_send_loss_probe: one new segment if the receive window has room for it, whatever
   * cwnd says ("Force out a loss probe pkt" in tcp_write_xmit); else re-send the tail. Then
   * the full RTO from now (tcp_rearm_rto).
   */
  onLossProbe(c: Conn): void {
    if (c.inflight.length === 0) return;
    const before = c.sndNxt;
    if (c.sndNxt < c.writeSeq) this.trySend(c, true);
    if (c.sndNxt === before) this.retransmitSeg(c, c.inflight.length - 1, 'tlp');
    c.tlpHigh = c.sndNxt;
    c.rtxKind = 'rto';
    this.arm(c, 'rtx', c.rto, 'retransmit');
  }

  /**
   * tcp_retransmit_timer → tcp_write_timeout. SYN_SENT: give up when
   * retransmits ≥ syn_retries + syn_linear_timeouts or when the time since the first SYN
   * reaches tcp_model_timeout(syn_retries, 1 s) (FIDELITY §0); the first
   * tcp_syn_linear_timeouts retransmissions keep RTO = 1 s. Other states: time bound
   * tcp_model_timeout(retries2 or orphan retries, 200 ms) from the oldest unacked send.
   */
  onRetransmitTimer(host: Host, c: Conn): void {
    const sys = host.sys;
    if (c.inflight.length === 0) return;
    const synState = c.state === 'SYN_SENT' || c.state === 'SYN_RECV';
    let expired: boolean;
    if (synState) {
      const retryUntil = sys.tcp_syn_retries;
      const maxRetrans =
        retryUntil + (c.state === 'SYN_SENT' && this.linux ? sys.tcp_syn_linear_timeouts : 0);
      expired = c.retransmits >= maxRetrans;
      if (!expired && this.linux) {
        const stamp = c.inflight[0]!.firstSentAt;
        expired =
          this.now - stamp >=
          modelTimeout(retryUntil, TCP_TIMEOUT_INIT, sys.tcp_rto_max_ms / 1000) - 1e-9;
      }
    } else {
      let retryUntil = sys.tcp_retries2;
      if (c.orphan) {
        const alive = c.rto < sys.tcp_rto_max_ms / 1000;
        retryUntil = sys.tcp_orphan_retries === 0 ? (alive ? 8 : 0) : sys.tcp_orphan_retries;
      }
      const stamp = c.retransStamp >= 0 ? c.retransStamp : c.inflight[0]!.firstSentAt;
      expired = this.now - stamp >= modelTimeout(retryUntil, 0.2, sys.tcp_rto_max_ms / 1000) - 1e-9;
    }
    if (expired) {
      // tcp_write_err: ETIMEDOUT, no segment sent.
      this.resetConn(host, c, c.state === 'SYN_SENT' ? 'ETIMEDOUT' : 'ETIMEDOUT');
      return;
    }
    if (c.state === 'SYN_SENT' || c.state === 'SYN_RECV') c.synRetransmitted = true;
    else {
      c.ssthresh = Math.max(2, Math.floor(c.inflight.length / 2));
      c.cwnd = 1;
      c.inLoss = true;
      c.recoveryPoint = c.sndNxt;
    }
    c.retransmits++;
    c.totalRto++;
    this.retransmitSeg(c, 0, 'rto');
    // Linear SYN timeouts (6.5+, total_rto test since 6.7): back off only after the first
    // tcp_syn_linear_timeouts retransmissions. The rfc profile doubles from the first one.
    const linear =
      this.linux && c.state === 'SYN_SENT' && c.totalRto <= sys.tcp_syn_linear_timeouts;
    if (!linear) {
      c.backoff++;
      c.rto = Math.min(c.rto * 2, sys.tcp_rto_max_ms / 1000);
    }
    c.rtxKind = 'rto';
    this.arm(c, 'rtx', c.rto, 'retransmit');
  }

  startKeepalive(c: Conn): void {
    if (!c.keepalive.on) return;
    const sys = this.hostOf(c).sys;
    this.arm(c, 'keepalive', c.keepalive.idle ?? sys.tcp_keepalive_time, 'keepalive');
  }

  /** tcp_keepalive_timer: probe = ACK with seq snd_una-1; after `cnt` unanswered probes, R. and ETIMEDOUT. */
  onKeepalive(host: Host, c: Conn): void {
    if (!c.keepalive.on || c.state === 'CLOSED' || c.minisock) return;
    const sys = host.sys;
    const idle = c.keepalive.idle ?? sys.tcp_keepalive_time;
    const intvl = c.keepalive.intvl ?? sys.tcp_keepalive_intvl;
    const cnt = c.keepalive.cnt ?? sys.tcp_keepalive_probes;
    if (c.inflight.length > 0 || c.sndNxt < c.writeSeq) {
      this.arm(c, 'keepalive', idle, 'keepalive');
      return;
    }
    const elapsed = this.now - c.lastRcv;
    if (elapsed >= idle - 1e-9) {
      if (c.probesOut >= cnt) {
        this.sendCtl(c, RST | ACK, c.sndNxt, 'keepalive_timeout');
        this.resetConn(host, c, 'ETIMEDOUT');
        return;
      }
      this.sendCtl(c, ACK, c.sndUna - 1, 'keepalive');
      c.probesOut++;
      this.arm(c, 'keepalive', intvl, 'keepalive');
      return;
    }
    this.arm(c, 'keepalive', idle - elapsed, 'keepalive');
  }

  // ---------------------------------------------------------------- teardown

  /** The connection is gone (tcp_done); report `errno` to the application if it still holds it. */
  resetConn(host: Host, c: Conn, errno: Errno | undefined): void {
    if (errno !== undefined && !c.orphan) c.err = errno;
    c.dead = true;
    this.destroy(host, c);
  }

  destroy(host: Host, c: Conn): void {
    this.cancelAll(c);
    c.inflight = [];
    c.minisock = false;
    this.setState(c, 'CLOSED');
    host.conns.delete(c);
    for (const lst of host.listeners.values()) {
      const i = lst.acceptQ.indexOf(c);
      if (i >= 0) lst.acceptQ.splice(i, 1);
    }
  }
}
