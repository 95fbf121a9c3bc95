// The listening socket (Linux's inet_csk_* / tcp_conn_request / tcp_check_req): request socks
// (the SYN queue), the accept queue, SYN-ACK retransmission, overflow and SYN cookies. Like a
// connection it takes segments and timer expiries at a given time and writes effects into its
// sink; the children it creates come from the world through `spawn`.

import {
  type ConnEnv,
  type ConnInit,
  type Connection,
  type SocketOptions,
  agreed,
  synOffer,
} from './connection';
import type { EffectSink } from './effects';
import {
  SYNCOOKIE_VALIDITY,
  TCPOLEN_TSTAMP,
  TCP_MSS_DEFAULT,
  TCP_TIMEOUT_INIT,
  initialWindow,
} from './linux';
import type { Request } from './request';
import {
  ACK,
  FIN,
  NO_OPTIONS,
  RST,
  SYN,
  type Segment,
  type TcpOptions,
  TS_ONLY,
  makeSegment,
  resetFor,
} from './segment';
import { seqAdd, seqDiff } from './sequence';
import { checkCookie, makeCookie } from './syncookies';
import { TupleTable } from './tuple-table';
import { timerFireTime } from './timers';
import type { TcpState } from './trace-schema';

/** What a listener needs from the world, for the host it listens on (methods, no closures: one per run adds up). */
export interface ListenerEnv {
  readonly cookieSecret: number;
  /** The host's next ISN (the scenario's ISN first, then drawn from the run's PRNG). */
  chooseIsnFor(host: string): number;
  /** A new connection, registered in the host's 4-tuple table. */
  spawnOn(host: string, init: Omit<ConnInit, 'id' | 'host' | 'lport'>): Connection;
  /** The options the host's program has set so far (children inherit keepalive and nodelay). */
  optionsOf(host: string): SocketOptions;
}

export class Listener {
  readonly reqs = new TupleTable<Request>();
  acceptQ: Connection[] = [];
  lastOverflow = -Infinity;
  closed = false;
  private now = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    /** Accept-queue limit: min(backlog, somaxconn). */
    readonly maxAck: number,
    /** The host's profile and sysctls, with the MSS this socket announces (TCP_MAXSEG applied). */
    private readonly conn: ConnEnv,
    /** Receive space its SYN-ACKs offer (SO_RCVBUF applied). */
    private readonly rcvSpace: number,
    private readonly env: ListenerEnv,
    private readonly sink: EffectSink<Listener>,
  ) {}

  /** listen(): the LISTEN state record. */
  open(now: number): void {
    this.now = now;
    this.record('listener', null, 'CLOSED', 'LISTEN');
  }

  /** A segment for the listening port with no connection of its own (tcp_v4_rcv → LISTEN). */
  process(seg: Segment, now: number): void {
    this.now = now;
    const req = this.reqs.get(seg.src, seg.dport, seg.sport);
    if (req !== undefined) {
      this.checkReq(req, seg);
      return;
    }
    const f = seg.flags;
    // LISTEN input (tcp_rcv_state_process case TCP_LISTEN; RFC 9293 §3.10.7.2).
    if (f & RST) return;
    if (f & ACK) {
      if (!(f & SYN) && this.cookieCheck(seg)) return;
      this.refuse(seg);
      return;
    }
    if (f & SYN && !(f & FIN)) this.connRequest(seg, undefined);
  }

  /** A SYN that ended a TIME_WAIT (RFC 6191): a request with the ISN the TIME_WAIT chose. */
  reincarnate(seg: Segment, isn: number, now: number): void {
    this.now = now;
    this.connRequest(seg, isn);
  }

  /** accept(): the oldest established child, if any. */
  accept(): Connection | undefined {
    return this.acceptQ.shift();
  }

  /** The child is gone (reset or timed out while still queued). */
  forget(c: Connection): void {
    const i = this.acceptQ.indexOf(c);
    if (i >= 0) this.acceptQ.splice(i, 1);
  }

  /** True while `req` is still the pending request for its 4-tuple (its timer is current). */
  holds(req: Request): boolean {
    return this.reqs.has(req);
  }

  /** Closing a listener resets unaccepted children (R. via tcp_disconnect) and drops requests. */
  close(now: number): void {
    this.now = now;
    if (this.closed) return;
    this.closed = true;
    this.record('listener', null, 'LISTEN', 'CLOSED');
    for (const req of this.reqs.values()) this.record('conn', req.cport, 'SYN_RECV', 'CLOSED');
    this.reqs.clear();
    for (const child of [...this.acceptQ]) child.disconnect(now);
    this.acceptQ = [];
  }

  /** reqsk_timer_handler + syn_ack_recalc: SYN-ACKs at 1, 3, 7, 15, 31 s; silent drop at 63 s. */
  onRequestTimer(req: Request, now: number): void {
    this.now = now;
    const sys = this.conn.sys;
    let maxRetries = sys.tcp_synack_retries;
    const qlen = this.reqs.size;
    if (qlen * 2 > Math.max(8, this.maxAck)) {
      // The "young" rule: under load, old requests get fewer retries (not below 2).
      let young = 0;
      for (const r of this.reqs.values()) if (r.numTimeout === 0) young++;
      young <<= 1;
      while (maxRetries > 2) {
        if (qlen < young) break;
        maxRetries--;
        young <<= 1;
      }
    }
    if (req.numTimeout >= maxRetries) {
      this.dropReq(req);
      return;
    }
    this.sendSynAck(req, 'synack_timer');
    req.numTimeout++;
    this.armReq(req, Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000));
  }

  // ---------------------------------------------------------------- internals

  private record(socket: 'conn' | 'listener', cport: number | null, from: TcpState, to: TcpState) {
    this.sink.emit(this, { k: 'state', socket, cport, from, to });
  }

  private refuse(seg: Segment): void {
    const rst = resetFor(seg, undefined);
    if (rst !== undefined) this.sink.emit(this, { k: 'send', seg: rst });
  }

  private dropReq(req: Request): void {
    this.reqs.delete(req);
    this.record('conn', req.cport, 'SYN_RECV', 'CLOSED');
  }

  private acceptqFull(): boolean {
    // sk_acceptq_is_full: `>`, so backlog + 1 children fit (commit 64a146513f8f revert).
    return this.acceptQ.length > this.maxAck;
  }

  private synAck(
    dst: string,
    dport: number,
    seq: number,
    ack: number,
    opts: TcpOptions,
    win: number,
    cport: number,
    why: string | undefined,
  ): void {
    this.sink.emit(this, {
      k: 'send',
      seg: makeSegment(
        this.host,
        this.port,
        dst,
        dport,
        seq >>> 0,
        ack >>> 0,
        SYN | ACK,
        0,
        win,
        opts,
        cport,
        why,
      ),
    });
  }

  /** tcp_conn_request (order of checks: FIDELITY item 35). */
  private connRequest(seg: Segment, twIsn: number | undefined): void {
    const sys = this.conn.sys;
    let wantCookie = false;
    if (twIsn === undefined && (sys.tcp_syncookies === 2 || this.reqs.size > this.maxAck)) {
      this.lastOverflow = this.now;
      if (sys.tcp_syncookies === 0) return; // TCPREQQFULLDROP: dropped silently
      wantCookie = true;
    }
    // A full accept queue drops the SYN (ListenOverflows), even with cookies: the recordings
    // accept-overflow-* show clients 3 and 4 getting no SYN-ACK at all.
    if (this.acceptqFull()) return;
    if (!wantCookie && twIsn === undefined && sys.tcp_syncookies === 0) {
      // "last quarter of backlog is filled with destinations proven to be alive".
      const max = sys.tcp_max_syn_backlog;
      if (max - this.reqs.size < max >> 2) return;
    }
    const peerSyn = seg.opts ?? NO_OPTIONS;
    const peerMss = peerSyn.mss || TCP_MSS_DEFAULT;
    const cport = seg.cport;
    let opts = agreed(synOffer(this.conn), peerSyn);
    if (wantCookie) {
      // Without timestamps a cookie has nowhere to keep window scale and SACK, so the SYN-ACK
      // offers neither (tcp_conn_request: tcp_clear_options). Its MSS option is still our own.
      if (!opts.ts) opts = { mss: opts.mss, wscale: undefined, sackOk: false, ts: false };
      const isn = makeCookie(this.env.cookieSecret, seg, peerMss, this.now);
      const win = this.synAckWindow(opts);
      this.synAck(seg.src, seg.sport, isn, seqAdd(seg.seq, 1), opts, win, cport, 'syncookie');
      return;
    }
    const req: Request = {
      remote: seg.src,
      lport: seg.dport,
      rport: seg.sport,
      cport,
      irs: seg.seq,
      iss: twIsn ?? this.env.chooseIsnFor(this.host),
      peerSyn,
      opts,
      win: this.synAckWindow(opts),
      resent: false,
      numTimeout: 0,
      acked: false,
      gen: 0,
      lastSent: this.now,
      lastOow: -Infinity,
    };
    this.reqs.set(req);
    this.record('conn', cport, 'LISTEN', 'SYN_RECV');
    this.sendSynAck(req, undefined);
    this.armReq(req, TCP_TIMEOUT_INIT);
  }

  private sendSynAck(req: Request, why: string | undefined): void {
    req.lastSent = this.now;
    if (why !== undefined) req.resent = true;
    const ack = seqAdd(req.irs, 1);
    this.synAck(req.remote, req.rport, req.iss, ack, req.opts, req.win, req.cport, why);
  }

  /**
   * The SYN-ACK's window (tcp_openreq_init_rwin): the receive space rounded down to our MSS
   * less the timestamps' 12 bytes when they are on: 65160 = 45 × 1448 with them, 64240 without.
   */
  private synAckWindow(opts: TcpOptions): number {
    return initialWindow(this.rcvSpace, this.conn.ownMss - (opts.ts ? TCPOLEN_TSTAMP : 0));
  }

  private armReq(req: Request, delay: number): void {
    const sys = this.conn.sys;
    req.gen++;
    const at = timerFireTime(this.now, delay, sys.hz, sys.hz_phase_us / 1e6);
    this.sink.emit(this, { k: 'request_timer', req, at });
  }

  /** tcp_check_req: a segment for a pending request (TCP_NEW_SYN_RECV). */
  private checkReq(req: Request, seg: Segment): void {
    const f = seg.flags;
    const sys = this.conn.sys;
    const segOff = seqDiff(seg.seq, req.irs);
    if (f & SYN && !(f & (ACK | RST)) && segOff === 0) {
      // Retransmitted SYN: re-send the SYN-ACK now (unless an out-of-window answer went out
      // within tcp_invalid_ratelimit) and push the request timer (recording synack-dropped).
      if (this.now - req.lastOow < sys.tcp_invalid_ratelimit / 1000) return;
      req.lastOow = this.now;
      this.sendSynAck(req, 'syn_retransmit');
      this.armReq(req, Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000));
      return;
    }
    if (f & ACK && seqDiff(seg.ack, req.iss) !== 1) {
      // "Invalid ACK: reset will be sent by listening socket"; the request is kept.
      this.refuse(seg);
      return;
    }
    const inWindow = segOff >= 1 && segOff <= 1 + 65535;
    if (!inWindow) {
      // "Out of window: send ACK and drop" (tcp_check_req): the request is kept, a RST
      // included (RFC 9293 §3.10.7.4 first; FIDELITY 95), and a RST gets no ACK.
      if (f & RST) return;
      if (this.now - req.lastOow >= sys.tcp_invalid_ratelimit / 1000) {
        req.lastOow = this.now;
        const opts = req.opts.ts ? TS_ONLY : null;
        this.sink.emit(this, {
          k: 'send',
          seg: makeSegment(
            this.host,
            this.port,
            req.remote,
            req.rport,
            seqAdd(req.iss, 1),
            seqAdd(req.irs, 1),
            ACK,
            0,
            req.win,
            opts,
            req.cport,
            undefined,
          ),
        });
      }
      return;
    }
    if (f & (RST | SYN)) {
      // Embryonic reset: an in-window RST (RFC 9293 Fig. 8) or SYN drops the request silently.
      if (!(f & RST)) this.refuse(seg);
      this.dropReq(req);
      return;
    }
    if (!(f & ACK)) return;
    if (this.acceptqFull()) {
      // Accept-queue overflow on the third ACK (tcp_check_req listen_overflow).
      if (sys.tcp_abort_on_overflow === 0) {
        req.acked = true;
        return;
      }
      this.refuse(seg);
      this.dropReq(req);
      return;
    }
    this.reqs.delete(req);
    const child = this.makeChild(req.remote, req.rport, req.cport, req.iss, req.peerSyn);
    // Without timestamps a re-sent SYN-ACK leaves no RTT sample (Karn; tcp_synack_rtt_meas).
    const sentAt = req.opts.ts || !req.resent ? req.lastSent : undefined;
    child.adoptHandshake(req.irs, sentAt, this.env.optionsOf(this.host), this.now);
    child.process(seg, this.now);
    this.sink.emit(this, { k: 'wake' });
  }

  private makeChild(
    remote: string,
    rport: number,
    cport: number,
    iss: number,
    peerSyn: TcpOptions,
  ): Connection {
    const c = this.env.spawnOn(this.host, { remote, rport, cport, iss, passive: true, peerSyn });
    this.acceptQ.push(c);
    return c;
  }

  /** cookie_v4_check: only if the listener overflowed within the last 2 minutes. */
  private cookieCheck(ack: Segment): boolean {
    const env = this.env;
    if (this.conn.sys.tcp_syncookies === 0 || this.now - this.lastOverflow > SYNCOOKIE_VALIDITY)
      return false;
    const mss = checkCookie(env.cookieSecret, ack, this.now);
    if (mss === undefined) return false;
    const cookie = seqAdd(ack.ack, -1);
    const clientIsn = seqAdd(ack.seq, -1);
    if (this.acceptqFull()) return true; // valid cookie but no room: the ACK is dropped
    // cookie_v4_check: with timestamps on the ACK, Linux reads window scale and SACK back from
    // the echoed TSval; the engine keeps no TSval and takes them as our own offer (a Linux
    // peer's). Without timestamps the cookie kept neither.
    const offer = synOffer(this.conn);
    const ts = ack.opts !== null && ack.opts.ts && offer.ts;
    const peerSyn: TcpOptions = ts
      ? { mss, wscale: offer.wscale, sackOk: offer.sackOk, ts }
      : { mss, wscale: undefined, sackOk: false, ts: false };
    const child = this.makeChild(ack.src, ack.sport, ack.cport, cookie, peerSyn);
    child.adoptHandshake(clientIsn, undefined, env.optionsOf(this.host), this.now);
    this.record('conn', child.cport, 'LISTEN', 'SYN_RECV');
    child.process(ack, this.now);
    this.sink.emit(this, { k: 'wake' });
    return true;
  }
}
