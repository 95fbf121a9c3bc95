// The discrete-event simulator: one `World` per run holds the hosts, the wire, the event
// queue and the trace under construction. Segment processing follows Linux's order
// (tcp_v4_rcv → tcp_rcv_state_process / tcp_check_req / tcp_timewait_state_process) and
// RFC 9293 §3.10.7; every place where Linux departs from the RFC says so.

import { EngineError, assertNever } from './errors';
import type { ResolvedEndpoint, ResolvedScenario, ResolvedStep } from './resolve';
import type { Rng } from './rng';
import { EventQueue } from './scheduler';
import { applyFaults } from './network';
import { type Segment, flagString, segSpace } from './segment';
import { SYNCOOKIE_MSS, checkCookie, makeCookie, mssIndex } from './syncookies';
import { seqAdd, seqDiff } from './sequence';
import type { Sysctls } from './sysctl';
import { type Conn, type TimerSlot, connKey, newConn } from './tcb';
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
const FIN = 1;
const SYN = 2;
const RST = 4;
const PSH = 8;
const ACK = 16;

/** Linux constants (include/net/tcp.h). */
const TCP_TIMEOUT_INIT = 1;
const TCP_ATO_MIN = 0.04;
const TCP_DELACK_MAX = 0.2;
const TCP_TIMEWAIT_LEN = 60;
const TCP_MAX_QUICKACKS = 16;
const TCP_TIMEOUT_MIN_JIFFIES = 2;
const TCPOLEN_TSTAMP = 12;

interface Request {
  key: string;
  remote: string;
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

interface Listener {
  host: string;
  port: number;
  maxAck: number;
  reqs: Map<string, Request>;
  acceptQ: Conn[];
  lastOverflow: number;
  closed: boolean;
}

interface AppState {
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

interface Host {
  ep: ResolvedEndpoint;
  name: string;
  port: number;
  sys: Sysctls;
  conns: Map<string, Conn>;
  listeners: Map<number, Listener>;
  spoofPorts: Set<number>;
  app: AppState;
  isnUsed: boolean;
  lastRstOow: number;
}

type SimEvent =
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
  private readonly q = new EventQueue<SimEvent>();
  private now = 0;
  private readonly hosts = new Map<string, Host>();
  private nextId = 1;
  private readonly segs: TraceSegment[] = [];
  private readonly states: TraceState[] = [];
  private readonly events: TraceEvent[] = [];
  private readonly timers: TraceTimer[] = [];
  private readonly faultHits: number[];
  private readonly cookieSecret: number;
  private readonly linux: boolean;

  constructor(
    private readonly sc: ResolvedScenario,
    private readonly rng: Rng,
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
        conns: new Map(),
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
    let count = 0;
    for (;;) {
      const item = this.q.pop();
      if (item === undefined) break;
      if (item.t < this.now)
        throw new EngineError('CLOCK_BACKWARDS', `event at ${item.t} s after ${this.now} s`);
      if (item.t > this.sc.maxTime) {
        throw new EngineError(
          'LIMIT_TIME',
          `scenario "${this.sc.name}" still running at ${this.sc.maxTime} s of virtual time (limits.max_time)`,
        );
      }
      if (++count > this.sc.maxEvents) {
        throw new EngineError(
          'LIMIT_EVENTS',
          `scenario "${this.sc.name}" exceeded ${this.sc.maxEvents} events (limits.max_events); is it looping?`,
        );
      }
      this.now = item.t;
      this.dispatch(item.ev);
    }
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
        this.runApp(host);
        return;
      }
      case 'timer': {
        const c = ev.conn;
        if (c.timerGen[ev.slot] !== ev.gen || c.state === 'CLOSED') return;
        c.timerAt[ev.slot] = -1;
        this.onTimer(c, ev.slot);
        const host = this.hostOf(c);
        this.runApp(host);
        return;
      }
      case 'req':
        if (ev.req.gen !== ev.gen || ev.lst.reqs.get(ev.req.key) !== ev.req) return;
        this.onReqTimer(ev.lst, ev.req);
        return;
      case 'app':
        this.runApp(ev.host);
        return;
      default:
        assertNever(ev, 'event');
    }
  }

  private hostOf(c: Conn): Host {
    return c.owner as Host;
  }

  private host(name: string): Host {
    const h = this.hosts.get(name);
    if (h === undefined) throw new EngineError('INTERNAL', `no endpoint ${name}`);
    return h;
  }

  // ---------------------------------------------------------------- trace helpers

  private setState(c: Conn, s: TcpState): void {
    if (c.state === s) return;
    c.state = s;
    this.states.push({ t: this.now, endpoint: c.host, socket: 'conn', cport: c.cport, state: s });
  }

  private stateRecord(
    host: string,
    socket: 'listener' | 'conn',
    cport: number | null,
    s: TcpState,
  ): void {
    this.states.push({ t: this.now, endpoint: host, socket, cport, state: s });
  }

  private appEvent(host: Host, event: TraceEventKind, extra: Partial<TraceEvent> = {}): void {
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

  private timerTrace(
    c: Conn,
    timer: TimerName,
    action: 'set' | 'fire' | 'cancel',
    expires?: number,
  ): void {
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

  private hz(c: Conn | Host): number {
    const sys = 'sys' in c ? c.sys : this.hostOf(c).sys;
    return sys.hz;
  }

  private tickPhase(c: Conn): number {
    return this.hostOf(c).sys.hz_phase_us / 1e6;
  }

  private arm(c: Conn, slot: TimerSlot, delay: number, name: TimerName): void {
    const at = timerFireTime(this.now, delay, this.hz(c), this.tickPhase(c));
    c.timerGen[slot]++;
    c.timerAt[slot] = at;
    this.q.push(at, { k: 'timer', conn: c, slot, gen: c.timerGen[slot] });
    this.timerTrace(c, name, 'set', at);
  }

  private cancel(c: Conn, slot: TimerSlot, name: TimerName): void {
    if (c.timerAt[slot] < 0) return;
    c.timerGen[slot]++;
    c.timerAt[slot] = -1;
    this.timerTrace(c, name, 'cancel');
  }

  private cancelAll(c: Conn): void {
    for (const slot of ['rtx', 'delack', 'keepalive', 'tw'] as const) {
      c.timerGen[slot]++;
      c.timerAt[slot] = -1;
    }
  }

  private rtxName(c: Conn): TimerName {
    return c.rtxKind === 'tlp' ? 'loss_probe' : 'retransmit';
  }

  // ---------------------------------------------------------------- wire

  private emit(
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

  private advWindow(c: Conn): number {
    // After the handshake Linux advertises its receive space scaled by wscale (here 2^10).
    return Math.max(0, Math.floor((c.rcvBuf - c.unread) / 1024) * 1024);
  }

  private sendCtl(c: Conn, flags: number, seqOff: number, why?: string): void {
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
  private sendAck(c: Conn, why?: string): void {
    this.sendCtl(c, ACK, c.sndNxt, why);
  }

  /** tcp_event_ack_sent: any segment carrying the current ACK clears the delayed ACK. */
  private ackSent(c: Conn): void {
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
  private sendReset(host: Host, seg: Segment, why?: string): void {
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

  private chooseIsn(host: Host): number {
    if (!host.isnUsed) {
      host.isnUsed = true;
      return host.ep.isn;
    }
    return this.rng.uint32();
  }

  private ownMss(): number {
    return this.sc.mtu - 40;
  }

  private rtoMin(c: Conn): number {
    return this.hostOf(c).sys.tcp_rto_min_us / 1e6;
  }

  private rtoMax(c: Conn): number {
    return this.hostOf(c).sys.tcp_rto_max_ms / 1000;
  }

  /**
   * RTT sample. Linux (tcp_rtt_estimator, __tcp_set_rto): the first sample m gives
   * srtt = m and rttvar = max(2m, tcp_rto_min), so RTO = m + max(2m, 200 ms) ("make sure
   * rto = 3*rtt"); later samples smooth like RFC 6298 with the variance term floored at
   * rto_min. The rfc profile uses RFC 6298 (2.2)-(2.4) with its 1 s floor.
   */
  private rttSample(c: Conn, m: number): void {
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

  private setRto(c: Conn): void {
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

  private receive(host: Host, seg: Segment): void {
    if (host.spoofPorts.has(seg.dport)) return; // the spoofed source does not exist
    const c = host.conns.get(connKey(seg.dport, seg.src, seg.sport));
    if (c !== undefined) {
      if (c.minisock) this.timewaitProcess(host, c, seg);
      else if (c.state === 'SYN_SENT') this.synSentProcess(host, c, seg);
      else this.established(host, c, seg);
      return;
    }
    const lst = host.listeners.get(seg.dport);
    if (lst !== undefined && !lst.closed) {
      this.listenerProcess(host, lst, seg);
      return;
    }
    // No socket: RFC 9293 §3.10.7.1, tcp_v4_send_reset (reason NO_SOCKET).
    this.sendReset(host, seg);
  }

  /** tcp_rcv_synsent_state_process (RFC 9293 §3.10.7.3). */
  private synSentProcess(host: Host, c: Conn, seg: Segment): void {
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
  private established(host: Host, c: Conn, seg: Segment): void {
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

  private synRecvEstablished(host: Host, c: Conn, seg: Segment): void {
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
  private oowAck(c: Conn, seg: Segment): void {
    const limited = seg.len === 0 && !(seg.flags & FIN);
    if (limited || seg.flags & SYN) {
      if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
      c.lastOowAck = this.now;
    }
    this.sendAck(c);
  }

  /** tcp_send_challenge_ack: per-socket limit of one per tcp_invalid_ratelimit. */
  private challengeAck(c: Conn): void {
    if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
    c.lastOowAck = this.now;
    this.sendAck(c, 'challenge');
  }

  /** tcp_ack. Returns false when the segment must be dropped. */
  private processAck(host: Host, c: Conn, seg: Segment): boolean {
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

  private resetBackoff(c: Conn): void {
    c.backoff = 0;
    c.retransmits = 0;
    c.totalRto = 0;
    c.retransStamp = -1;
    if (c.srtt > 0) this.setRto(c);
  }

  /** tcp_data_queue + tcp_fin + __tcp_ack_snd_check. */
  private dataQueue(host: Host, c: Conn, seg: Segment, segOff: number): void {
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
  private eventDataRecv(c: Conn): void {
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
  private ackSndCheck(c: Conn, force: boolean): void {
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
  private sendDelayedAck(c: Conn): void {
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
  private tcpFin(host: Host, c: Conn): void {
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

  private enterTimeWait(c: Conn): void {
    this.cancelAll(c);
    c.minisock = true;
    c.twKind = 'time_wait';
    c.inflight = [];
    this.setState(c, 'TIME_WAIT');
    // Linux: fixed TCP_TIMEWAIT_LEN (tcp_time_wait); RFC 9293 §3.10.8: 2 × MSL.
    const len = this.linux ? TCP_TIMEWAIT_LEN : 2 * this.hostOf(c).sys.msl;
    this.arm(c, 'tw', len, 'time_wait');
  }

  private enterFinWait2Orphan(c: Conn): void {
    const sys = this.hostOf(c).sys;
    const tmo = Math.max(sys.tcp_fin_timeout, 3.5 * c.rto);
    this.cancelAll(c);
    c.minisock = true;
    c.twKind = 'fin_wait2';
    this.arm(c, 'tw', tmo, 'fin_wait2');
  }

  /** tcp_timewait_state_process. */
  private timewaitProcess(host: Host, c: Conn, seg: Segment): void {
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
        this.connRequest(host, lst, seg, isn);
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

  private rescheduleTimeWait(c: Conn): void {
    const len = this.linux ? TCP_TIMEWAIT_LEN : 2 * this.hostOf(c).sys.msl;
    this.arm(c, 'tw', len, 'time_wait');
  }

  private twAck(c: Conn, seg: Segment): void {
    const limited = (seg.len === 0 && !(seg.flags & FIN)) || Boolean(seg.flags & SYN);
    if (limited) {
      if (this.now - c.lastOowAck < this.hostOf(c).sys.tcp_invalid_ratelimit / 1000) return;
      c.lastOowAck = this.now;
    }
    this.sendCtl(c, ACK, c.sndNxt);
  }

  // ---------------------------------------------------------------- listener

  private listenerProcess(host: Host, lst: Listener, seg: Segment): void {
    const key = connKey(seg.dport, seg.src, seg.sport);
    const req = lst.reqs.get(key);
    if (req !== undefined) {
      this.checkReq(host, lst, req, seg);
      return;
    }
    const f = seg.flags;
    // LISTEN input (tcp_rcv_state_process case TCP_LISTEN; RFC 9293 §3.10.7.2).
    if (f & RST) return;
    if (f & ACK) {
      if (!(f & SYN) && this.cookieCheck(host, lst, seg)) return;
      this.sendReset(host, seg);
      return;
    }
    if (f & SYN && !(f & FIN)) this.connRequest(host, lst, seg, undefined);
  }

  private acceptqFull(lst: Listener): boolean {
    // sk_acceptq_is_full: `>`, so backlog + 1 children fit (commit 64a146513f8f revert).
    return lst.acceptQ.length > lst.maxAck;
  }

  /** tcp_conn_request (order of checks: FIDELITY item 35). */
  private connRequest(host: Host, lst: Listener, seg: Segment, twIsn: number | undefined): void {
    const sys = host.sys;
    let wantCookie = false;
    if (twIsn === undefined && (sys.tcp_syncookies === 2 || lst.reqs.size > lst.maxAck)) {
      lst.lastOverflow = this.now;
      if (sys.tcp_syncookies === 0) return; // TCPREQQFULLDROP: dropped silently
      wantCookie = true;
    }
    // A full accept queue drops the SYN (ListenOverflows), even with cookies: the recordings
    // accept-overflow-* show clients 3 and 4 getting no SYN-ACK at all.
    if (this.acceptqFull(lst)) return;
    if (!wantCookie && twIsn === undefined && sys.tcp_syncookies === 0) {
      // "last quarter of backlog is filled with destinations proven to be alive".
      const max = sys.tcp_max_syn_backlog;
      if (max - lst.reqs.size < max >> 2) return;
    }
    const peerMss = seg.mss || 536;
    const cport = seg.cport;
    if (wantCookie) {
      const isn = makeCookie(this.cookieSecret, seg, peerMss, this.now);
      const m = Math.min(SYNCOOKIE_MSS[mssIndex(peerMss)]!, this.ownMss());
      this.emit(host, {
        sport: seg.dport,
        dst: seg.src,
        dport: seg.sport,
        seq: isn,
        ack: seqAdd(seg.seq, 1),
        flags: SYN | ACK,
        len: 0,
        win: 65160,
        mss: m,
        cport,
        why: 'syncookie',
      });
      return;
    }
    const req: Request = {
      key: connKey(seg.dport, seg.src, seg.sport),
      remote: seg.src,
      rport: seg.sport,
      cport,
      irs: seg.seq,
      iss: twIsn ?? this.chooseIsn(host),
      peerMss,
      numTimeout: 0,
      acked: false,
      gen: 0,
      lastSent: this.now,
      lastOow: -Infinity,
    };
    lst.reqs.set(req.key, req);
    this.stateRecord(host.name, 'conn', cport, 'SYN_RECV');
    this.sendSynAck(host, req, undefined);
    this.armReq(lst, req, TCP_TIMEOUT_INIT);
  }

  private sendSynAck(host: Host, req: Request, why: string | undefined): void {
    req.lastSent = this.now;
    const init = {
      sport: host.port,
      dst: req.remote,
      dport: req.rport,
      seq: req.iss,
      ack: seqAdd(req.irs, 1),
      flags: SYN | ACK,
      len: 0,
      win: 65160,
      mss: this.ownMss(),
      cport: req.cport,
    };
    this.emit(host, why === undefined ? init : { ...init, why });
  }

  private armReq(lst: Listener, req: Request, delay: number): void {
    req.gen++;
    const at = timerFireTime(
      this.now,
      delay,
      this.host(lst.host).sys.hz,
      this.host(lst.host).sys.hz_phase_us / 1e6,
    );
    this.q.push(at, { k: 'req', lst, req, gen: req.gen });
  }

  /** reqsk_timer_handler + syn_ack_recalc: SYN-ACKs at 1, 3, 7, 15, 31 s; silent drop at 63 s. */
  private onReqTimer(lst: Listener, req: Request): void {
    const host = this.host(lst.host);
    const sys = host.sys;
    let maxRetries = sys.tcp_synack_retries;
    const qlen = lst.reqs.size;
    if (qlen * 2 > Math.max(8, lst.maxAck)) {
      // The "young" rule: under load, old requests get fewer retries (not below 2).
      let young = 0;
      for (const r of lst.reqs.values()) if (r.numTimeout === 0) young++;
      young <<= 1;
      while (maxRetries > 2) {
        if (qlen < young) break;
        maxRetries--;
        young <<= 1;
      }
    }
    if (req.numTimeout >= maxRetries) {
      lst.reqs.delete(req.key);
      this.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
      return;
    }
    this.sendSynAck(host, req, 'synack_timer');
    req.numTimeout++;
    this.armReq(
      lst,
      req,
      Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000),
    );
  }

  /** tcp_check_req: a segment for a pending request (TCP_NEW_SYN_RECV). */
  private checkReq(host: Host, lst: Listener, req: Request, seg: Segment): void {
    const f = seg.flags;
    const sys = host.sys;
    const segOff = seqDiff(seg.seq, req.irs);
    if (f & SYN && !(f & (ACK | RST)) && segOff === 0) {
      // Retransmitted SYN: re-send the SYN-ACK now (unless an out-of-window answer went out
      // within tcp_invalid_ratelimit) and push the request timer (recording synack-dropped).
      if (this.now - req.lastOow < sys.tcp_invalid_ratelimit / 1000) return;
      req.lastOow = this.now;
      this.sendSynAck(host, req, 'syn_retransmit');
      this.armReq(
        lst,
        req,
        Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000),
      );
      return;
    }
    if (f & ACK && seqDiff(seg.ack, req.iss) !== 1) {
      // "Invalid ACK: reset will be sent by listening socket"; the request is kept.
      this.sendReset(host, seg);
      return;
    }
    const inWindow = segOff >= 1 - (f & SYN ? 0 : 0) && segOff <= 1 + 65535;
    if (!inWindow && !(f & RST)) {
      if (this.now - req.lastOow >= sys.tcp_invalid_ratelimit / 1000) {
        req.lastOow = this.now;
        this.emit(host, {
          sport: host.port,
          dst: req.remote,
          dport: req.rport,
          seq: seqAdd(req.iss, 1),
          ack: seqAdd(req.irs, 1),
          flags: ACK,
          len: 0,
          win: 65160,
          cport: req.cport,
        });
      }
      return;
    }
    if (f & (RST | SYN)) {
      // Embryonic reset: an in-window RST (RFC 9293 Fig. 8) or SYN drops the request silently.
      if (!(f & RST)) this.sendReset(host, seg);
      lst.reqs.delete(req.key);
      this.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
      return;
    }
    if (!(f & ACK)) return;
    if (this.acceptqFull(lst)) {
      // Accept-queue overflow on the third ACK (tcp_check_req listen_overflow).
      if (sys.tcp_abort_on_overflow === 0) {
        req.acked = true;
        return;
      }
      this.sendReset(host, seg);
      lst.reqs.delete(req.key);
      this.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
      return;
    }
    lst.reqs.delete(req.key);
    const child = this.makeChild(
      host,
      lst,
      req.remote,
      req.rport,
      req.cport,
      req.iss,
      req.irs,
      req.peerMss,
    );
    // RTT from the SYN-ACK just answered (timestamps echo its TSval).
    child.inflight = [
      { seq: 0, len: 0, syn: true, fin: false, sentAt: req.lastSent, firstSentAt: req.lastSent },
    ];
    child.sndNxt = 1;
    child.state = 'SYN_RECV';
    this.established(host, child, seg);
    this.wakeAccept(host);
  }

  private makeChild(
    host: Host,
    lst: Listener,
    remote: string,
    rport: number,
    cport: number,
    iss: number,
    irs: number,
    peerMss: number,
  ): Conn {
    const c = newConn({
      id: this.nextId++,
      host: host.name,
      owner: host,
      lport: host.port,
      remote,
      rport,
      cport,
      iss,
      passive: true,
      mss: Math.min(peerMss, this.ownMss()) - TCPOLEN_TSTAMP,
      rto: TCP_TIMEOUT_INIT,
    });
    c.irs = irs;
    c.rcvNxt = 1;
    c.rcvWup = 1;
    c.sndUna = 0;
    c.sndNxt = 1;
    c.lastRcv = this.now;
    const opts = host.app.pendingOpts;
    c.keepalive = { ...opts.keepalive };
    c.nodelay = opts.nodelay;
    host.conns.set(c.key, c);
    lst.acceptQ.push(c);
    return c;
  }

  private wakeAccept(host: Host): void {
    this.q.push(this.now, { k: 'app', host });
  }

  /** cookie_v4_check: only if the listener overflowed within the last 2 minutes. */
  private cookieCheck(host: Host, lst: Listener, ack: Segment): boolean {
    if (host.sys.tcp_syncookies === 0 || this.now - lst.lastOverflow > 120) return false;
    const mss = checkCookie(this.cookieSecret, ack, this.now);
    if (mss === undefined) return false;
    const cookie = seqAdd(ack.ack, -1);
    const clientIsn = seqAdd(ack.seq, -1);
    if (this.acceptqFull(lst)) return true; // valid cookie but no room: the ACK is dropped
    const child = this.makeChild(host, lst, ack.src, ack.sport, ack.cport, cookie, clientIsn, mss);
    child.state = 'SYN_RECV';
    this.stateRecord(host.name, 'conn', child.cport, 'SYN_RECV');
    this.established(host, child, ack);
    this.wakeAccept(host);
    return true;
  }

  // ---------------------------------------------------------------- send path

  private sendSyn(c: Conn, withAck: boolean, why: string | undefined, armTimer = true): void {
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

  /** tcp_write_xmit: new data (MSS-sized, Nagle) and a FIN behind it. */
  private trySend(c: Conn): void {
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
      const allowed = Math.min(c.sndWnd, Math.floor(c.cwnd) * c.mss) - flight;
      const remaining = c.writeSeq - c.sndNxt;
      let len = Math.min(c.mss, remaining);
      if (allowed < len) {
        if (allowed <= 0 || flight > 0) break;
        len = allowed;
      }
      // Nagle with Minshall's refinement (tcp_nagle_check / tcp_minshall_check): hold a
      // sub-MSS segment only while an earlier sub-MSS segment is still unacknowledged.
      if (len < c.mss && !c.nodelay && c.inflight.some((f) => f.len > 0 && f.len < c.mss)) break;
      const last = c.sndNxt + len === c.writeSeq;
      const fin = last && c.finQueued;
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
      if (c.timerAt.rtx < 0 || c.rtxKind === 'tlp') this.armXmitTimer(c, false);
    }
  }

  private xmit(
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
  private armXmitTimer(c: Conn, fromAck: boolean): void {
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

  private retransmitSeg(c: Conn, idx: number, why: string): void {
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

  private fastRetransmit(c: Conn): void {
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

  private onTimer(c: Conn, slot: TimerSlot): void {
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

  /** tcp_send_loss_probe: re-send the tail, then the full RTO from now (tcp_rearm_rto). */
  private onLossProbe(c: Conn): void {
    if (c.inflight.length === 0) return;
    if (c.sndNxt < c.writeSeq) this.trySend(c);
    else this.retransmitSeg(c, c.inflight.length - 1, 'tlp');
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
  private onRetransmitTimer(host: Host, c: Conn): void {
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

  private startKeepalive(c: Conn): void {
    if (!c.keepalive.on) return;
    const sys = this.hostOf(c).sys;
    this.arm(c, 'keepalive', c.keepalive.idle ?? sys.tcp_keepalive_time, 'keepalive');
  }

  /** tcp_keepalive_timer: probe = ACK with seq snd_una-1; after `cnt` unanswered probes, R. and ETIMEDOUT. */
  private onKeepalive(host: Host, c: Conn): void {
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
  private resetConn(host: Host, c: Conn, errno: Errno | undefined): void {
    if (errno !== undefined && !c.orphan) c.err = errno;
    c.dead = true;
    this.destroy(host, c);
  }

  private destroy(host: Host, c: Conn): void {
    this.cancelAll(c);
    c.inflight = [];
    c.minisock = false;
    this.setState(c, 'CLOSED');
    if (host.conns.get(c.key) === c) host.conns.delete(c.key);
    for (const lst of host.listeners.values()) {
      const i = lst.acceptQ.indexOf(c);
      if (i >= 0) lst.acceptQ.splice(i, 1);
    }
  }

  // ---------------------------------------------------------------- application

  private runApp(host: Host): void {
    const app = host.app;
    for (let guard = 0; guard < 10000 && !app.done; guard++) {
      const step = host.ep.program[app.pc];
      if (step === undefined) {
        this.exitProgram(host);
        return;
      }
      if (!app.started) {
        const startAt = Math.max(step.at ?? 0, app.readyAt);
        if (this.now < startAt) {
          if (app.waitingAt !== startAt) {
            app.waitingAt = startAt;
            this.q.push(startAt, { k: 'app', host });
          }
          return;
        }
      }
      if (!this.runStep(host, step)) return;
      app.pc++;
      app.started = false;
      app.waitingAt = -1;
      app.readyAt = this.now + this.sc.appLatency;
    }
  }

  /** Exit: the process closes what it still holds; a program ending in `listen` keeps serving. */
  private exitProgram(host: Host): void {
    const app = host.app;
    app.done = true;
    const last = host.ep.program[host.ep.program.length - 1];
    if (last !== undefined && last.kind === 'listen') return;
    for (const c of app.conns) if (!c.orphan) this.appClose(host, c, false);
    if (app.listener !== undefined && !app.listener.closed) this.closeListener(host, app.listener);
  }

  /** Runs (or continues) one step; returns true when it completed. */
  private runStep(host: Host, step: ResolvedStep): boolean {
    const app = host.app;
    const c = app.conn;
    switch (step.kind) {
      case 'listen': {
        const lst: Listener = {
          host: host.name,
          port: host.port,
          maxAck: Math.min(
            step.backlog < 0 ? host.sys.somaxconn : step.backlog,
            host.sys.somaxconn,
          ),
          reqs: new Map(),
          acceptQ: [],
          lastOverflow: -Infinity,
          closed: false,
        };
        host.listeners.set(host.port, lst);
        app.listener = lst;
        this.stateRecord(host.name, 'listener', null, 'LISTEN');
        this.appEvent(host, 'listen');
        return true;
      }
      case 'accept': {
        const lst = app.listener;
        if (lst === undefined) {
          this.appEvent(host, 'error', { op: 'accept', errno: 'ENOTCONN' });
          return true;
        }
        const child = lst.acceptQ.shift();
        if (child === undefined) return false;
        app.conn = child;
        app.conns.push(child);
        this.appEvent(host, 'accept', { cport: child.cport });
        return true;
      }
      case 'connect': {
        if (!app.started) {
          app.started = true;
          const peer = this.host(step.peer);
          const rport = step.port ?? peer.port;
          const conn = newConn({
            id: this.nextId++,
            host: host.name,
            owner: host,
            lport: host.port,
            remote: peer.name,
            rport,
            cport: Math.max(host.port, rport),
            iss: this.chooseIsn(host),
            passive: false,
            mss: this.ownMss() - TCPOLEN_TSTAMP,
            rto: TCP_TIMEOUT_INIT,
          });
          const opts = app.pendingOpts;
          conn.keepalive = { ...opts.keepalive };
          conn.nodelay = opts.nodelay;
          conn.lingerZero = opts.lingerZero;
          host.conns.set(conn.key, conn);
          app.conn = conn;
          app.conns.push(conn);
          this.setState(conn, 'SYN_SENT');
          this.sendSyn(conn, false, undefined);
          return false;
        }
        if (c === undefined) return true;
        if (c.state === 'ESTABLISHED' || c.state === 'CLOSE_WAIT') {
          this.appEvent(host, 'connect_ok', { cport: c.cport });
          return true;
        }
        if (c.err !== undefined || c.state === 'CLOSED') {
          this.appEvent(host, 'connect_error', { cport: c.cport, errno: c.err ?? 'ECONNREFUSED' });
          c.err = undefined;
          // A failed connect() ends the program (the recorded programs exit).
          app.done = true;
          return false;
        }
        return false;
      }
      case 'send': {
        if (c === undefined) {
          this.appEvent(host, 'error', { op: 'send', errno: 'ENOTCONN' });
          return true;
        }
        if (c.err !== undefined) {
          this.appEvent(host, 'error', { op: 'send', errno: c.err, cport: c.cport });
          c.err = undefined;
          return true;
        }
        if (c.dead || c.sndShutdown || c.state === 'CLOSED') {
          this.appEvent(host, 'error', { op: 'send', errno: 'EPIPE', cport: c.cport });
          return true;
        }
        c.writeSeq += step.bytes;
        this.appEvent(host, 'send', { bytes: step.bytes, cport: c.cport });
        this.trySend(c);
        return true;
      }
      case 'recv':
      case 'recv_until_eof': {
        if (c === undefined) {
          this.appEvent(host, 'error', { op: 'recv', errno: 'ENOTCONN' });
          return true;
        }
        const want = step.kind === 'recv' ? step.bytes : Infinity;
        if (
          c.unread > 0 &&
          (want === 'all' ||
            step.kind === 'recv_until_eof' ||
            c.unread >= want ||
            c.finRcvd ||
            c.dead)
        ) {
          const n = want === 'all' || want === Infinity ? c.unread : Math.min(c.unread, want);
          c.unread -= n;
          this.appEvent(host, 'recv', { bytes: n, cport: c.cport });
          if (step.kind === 'recv') return true;
        }
        if (c.err !== undefined) {
          this.appEvent(host, 'error', { op: 'recv', errno: c.err, cport: c.cport });
          c.err = undefined;
          return true;
        }
        if (c.unread === 0 && (c.finRcvd || c.dead)) {
          this.appEvent(host, 'eof', { cport: c.cport });
          return true;
        }
        if (step.kind === 'recv' && want === 'all') return c.unread === 0 ? false : true;
        return false;
      }
      case 'shutdown': {
        if (c === undefined) return true;
        this.appEvent(host, 'shutdown', { cport: c.cport });
        if (step.how === 'read' || step.how === 'both') c.rcvShutdown = true;
        if (step.how === 'write' || step.how === 'both') this.shutdownWrite(c);
        return true;
      }
      case 'close': {
        if (step.socket === 'listener') {
          if (app.listener !== undefined) this.closeListener(host, app.listener);
          return true;
        }
        if (c === undefined) {
          if (app.listener !== undefined) this.closeListener(host, app.listener);
          return true;
        }
        this.appClose(host, c, true);
        return true;
      }
      case 'abort': {
        if (c === undefined) return true;
        c.lingerZero = true;
        this.appClose(host, c, true);
        return true;
      }
      case 'sleep': {
        if (!app.started) {
          app.started = true;
          app.waitingAt = this.now + step.seconds;
          this.q.push(app.waitingAt, { k: 'app', host });
          return false;
        }
        return this.now >= app.waitingAt;
      }
      case 'setsockopt': {
        const target = c ?? undefined;
        const opts = app.pendingOpts;
        if (step.keepalive !== undefined) {
          const k = step.keepalive;
          opts.keepalive =
            typeof k === 'boolean'
              ? { on: k, idle: undefined, intvl: undefined, cnt: undefined }
              : { on: true, idle: k.idle, intvl: k.intvl, cnt: k.cnt };
        }
        if (step.nodelay !== undefined) opts.nodelay = step.nodelay;
        if (step.linger !== undefined) opts.lingerZero = step.linger === 0;
        if (target !== undefined) {
          target.keepalive = { ...opts.keepalive };
          target.nodelay = opts.nodelay;
          target.lingerZero = opts.lingerZero;
          if (
            target.keepalive.on &&
            (target.state === 'ESTABLISHED' || target.state === 'CLOSE_WAIT')
          )
            this.startKeepalive(target);
        }
        return true;
      }
      case 'syn_flood': {
        // Spoofed SYNs: each from a different (nonexistent) source port; their SYN-ACKs vanish.
        const target = this.host(step.target);
        const port = step.srcPort + app.floodSent;
        host.spoofPorts.add(port);
        this.emit(host, {
          sport: port,
          dst: target.name,
          dport: target.port,
          seq: this.rng.uint32(),
          ack: 0,
          flags: SYN,
          len: 0,
          win: 64240,
          mss: step.mss,
          cport: port,
          why: 'spoofed',
        });
        app.floodSent++;
        if (app.floodSent >= step.count) {
          app.floodSent = 0;
          return true;
        }
        app.started = true;
        app.waitingAt = this.now + step.interval;
        this.q.push(app.waitingAt, { k: 'app', host });
        return false;
      }
      case 'inject_syn': {
        // An old duplicate SYN from an earlier incarnation (RFC 9293 §3.5 Fig. 8): its
        // sequence number is seq_offset away from the ISN this endpoint will use next.
        const target = this.host(step.to);
        this.emit(host, {
          sport: host.port,
          dst: target.name,
          dport: target.port,
          seq: seqAdd(host.ep.isn, step.seqOffset),
          ack: 0,
          flags: SYN,
          len: 0,
          win: 64240,
          mss: this.ownMss(),
          cport: Math.max(host.port, target.port),
          why: 'old_duplicate',
        });
        return true;
      }
      default:
        return assertNever(step, 'step');
    }
  }

  private shutdownWrite(c: Conn): void {
    if (c.sndShutdown) return;
    c.sndShutdown = true;
    switch (c.state) {
      case 'ESTABLISHED':
        this.setState(c, 'FIN_WAIT1');
        break;
      case 'CLOSE_WAIT':
        this.setState(c, 'LAST_ACK');
        break;
      default:
        return;
    }
    c.finQueued = true;
    this.trySend(c);
  }

  /** tcp_close (RFC 9293 §3.10.4). */
  private appClose(host: Host, c: Conn, emitEvent: boolean): void {
    if (emitEvent) this.appEvent(host, 'close', { cport: c.cport });
    if (c.orphan) return;
    c.orphan = true;
    c.rcvShutdown = true;
    if (c.state === 'CLOSED' || c.minisock) return;
    if (c.state === 'SYN_SENT') {
      // close() in SYN_SENT: no RST, the socket just vanishes (close-on-syn-sent.pkt).
      this.destroy(host, c);
      return;
    }
    if (c.unread > 0 || c.lingerZero) {
      // Unread data was tossed (RFC 2525 §2.17) or SO_LINGER 0: R. and CLOSED, no FIN.
      const resetStates: TcpState[] = [
        'ESTABLISHED',
        'CLOSE_WAIT',
        'FIN_WAIT1',
        'FIN_WAIT2',
        'SYN_RECV',
      ];
      if (resetStates.includes(c.state))
        this.sendCtl(c, RST | ACK, c.sndNxt, c.unread > 0 ? 'unread_data' : 'abort');
      this.destroy(host, c);
      return;
    }
    if (c.state === 'FIN_WAIT2') {
      this.enterFinWait2Orphan(c);
      return;
    }
    if (c.state === 'ESTABLISHED' || c.state === 'CLOSE_WAIT' || c.state === 'SYN_RECV') {
      c.sndShutdown = true;
      this.setState(c, c.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
      c.finQueued = true;
      this.trySend(c);
    }
  }

  /** Closing a listener resets unaccepted children (R. via tcp_disconnect) and drops requests. */
  private closeListener(host: Host, lst: Listener): void {
    if (lst.closed) return;
    lst.closed = true;
    this.appEvent(host, 'close', { socket: 'listener' });
    this.stateRecord(host.name, 'listener', null, 'CLOSED');
    for (const req of lst.reqs.values()) this.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
    lst.reqs.clear();
    for (const child of [...lst.acceptQ]) {
      if (child.state !== 'CLOSED') this.sendCtl(child, RST | ACK, child.sndNxt);
      child.orphan = true;
      this.destroy(host, child);
    }
    lst.acceptQ = [];
    host.listeners.delete(lst.port);
  }
}
