// One TCP connection and its behaviour (RFC 9293 §3.3.1 TCB plus the Linux state the engine
// needs): it takes a segment, a timer expiry or an application call at a given time and writes
// the effects (segments, state changes, timers, teardown) into its sink. It knows nothing of
// the world around it. Segment processing follows Linux's order (tcp_rcv_state_process,
// tcp_rcv_synsent_state_process, tcp_timewait_state_process) and RFC 9293 §3.10.7; every place
// where Linux departs from the RFC says so. Sequence variables are offsets from the ISNs (send
// side from ISS, receive side from IRS), so they never wrap; absolute values exist only on the wire.

import type { EffectSink, TimerSlot } from './effects';
import { assertNever } from './errors';
import {
  INITIAL_SND_WND,
  MAX_TCP_WINDOW,
  NET_CORE_RMEM_MAX,
  RCV_BUF,
  SOCK_MIN_RCVBUF,
  TCPOLEN_TSTAMP,
  TCP_ATO_MIN,
  TCP_DELACK_MAX,
  TCP_INIT_CWND,
  TCP_MAX_QUICKACKS,
  TCP_MSS_DEFAULT,
  TCP_TIMEOUT_FALLBACK,
  TCP_TIMEOUT_INIT,
  TCP_TIMEOUT_MIN_JIFFIES,
  TCP_TIMEWAIT_LEN,
  TW_ISN_GAP,
  initialWindow,
  offeredWscale,
} from './linux';
import {
  ACK,
  FIN,
  PSH,
  RST,
  SYN,
  type Segment,
  NO_OPTIONS,
  type TcpOptions,
  TS_ONLY,
  makeSegment,
  resetFor,
  segSpace,
} from './segment';
import { seqAdd, seqDiff } from './sequence';
import type { Sysctls } from './sysctl';
import { modelTimeout, timerFireTime } from './timers';
import type { Errno, TcpState, TimerName } from './trace-schema';

export interface InFlight {
  /** Offset from ISS of the first byte (or of the SYN/FIN). */
  seq: number;
  len: number;
  syn: boolean;
  fin: boolean;
  /** Virtual time of the latest (re)transmission. */
  sentAt: number;
  /** Virtual time of the first transmission. */
  firstSentAt: number;
}

export interface KeepaliveOpts {
  on: boolean;
  idle: number | undefined;
  intvl: number | undefined;
  cnt: number | undefined;
}

/** Socket options a program sets (setsockopt) before or after the connection exists. */
export interface SocketOptions {
  keepalive: KeepaliveOpts;
  nodelay: boolean;
  lingerZero: boolean;
  /**
   * O_NONBLOCK (fcntl F_SETFL): calls that would wait fail instead. A connect()ed or listening
   * socket takes it from the program; an accepted one does not (accept(2): Linux does not
   * inherit file status flags), so a connection reads it only at connect().
   */
  nonblock: boolean;
  /** TCP_USER_TIMEOUT in seconds (the option is in ms); 0: off. */
  userTimeout: number;
  /** TCP_MAXSEG (user_mss); 0: not set. Only a socket not yet connected takes it. */
  maxseg: number;
  /** SO_RCVBUF as the program passed it; 0: not set (the default buffer). */
  rcvbuf: number;
  /** SO_REUSEADDR (sk_reuse): see World.listen for what it allows. */
  reuseaddr: boolean;
}

/**
 * Receive space (the window a socket can offer) for an SO_RCVBUF value: sock_setsockopt cuts
 * the value to net.core.rmem_max, doubles it for bookkeeping overhead and floors it at
 * SOCK_MIN_RCVBUF; tcp_win_from_space then offers half of sk_rcvbuf (scaling_ratio's initial
 * 50 %, or tcp_adv_win_scale=1 before 6.6). So the window ends up near the value passed.
 */
export function rcvSpaceFor(rcvbuf: number): number {
  if (rcvbuf <= 0) return RCV_BUF;
  const skRcvbuf = Math.max(2 * Math.min(rcvbuf, NET_CORE_RMEM_MAX), SOCK_MIN_RCVBUF);
  return Math.floor(skRcvbuf / 2);
}

/** The MSS a socket announces: the link's, lowered by TCP_MAXSEG (tcp_advertise_mss, tcp_mss_clamp). */
export function announcedMss(ownMss: number, maxseg: number): number {
  return maxseg > 0 ? Math.min(ownMss, maxseg) : ownMss;
}

/** What connect() tells the program so far (Linux's sock->state, SS_*): see `againConnect`. */
export type SockState = 'unconnected' | 'connecting' | 'connected';

/** What a connection needs to know of its host: the profile, the host's sysctls and its own MSS. */
export interface ConnEnv {
  readonly linux: boolean;
  readonly sys: Sysctls;
  /** MSS this host announces (its MTU − 40). */
  readonly ownMss: number;
}

/** The options a host puts in its SYN (tcp_syn_options): each one its sysctl allows. */
export function synOffer(env: ConnEnv): TcpOptions {
  const sys = env.sys;
  return {
    mss: env.ownMss,
    wscale: sys.tcp_window_scaling > 0 ? offeredWscale(RCV_BUF) : undefined,
    sackOk: sys.tcp_sack > 0,
    ts: sys.tcp_timestamps > 0,
  };
}

/**
 * What both ends use once `own` and the peer's SYN options `peer` are known (RFC 7323 §1.3
 * and §3.2, RFC 2018 §2; Linux tcp_parse_options with tcp_openreq_init and
 * tcp_rcv_synsent_state_process): an option is on only if both offered it. The result is
 * also what a listener puts in its SYN-ACK: it never offers what the SYN lacked. `mss` stays
 * our own, the one we announce.
 */
export function agreed(own: TcpOptions, peer: TcpOptions): TcpOptions {
  return {
    mss: own.mss,
    wscale: own.wscale !== undefined && peer.wscale !== undefined ? own.wscale : undefined,
    sackOk: own.sackOk && peer.sackOk,
    ts: own.ts && peer.ts,
  };
}

export interface ConnInit {
  id: number;
  host: string;
  lport: number;
  remote: string;
  rport: number;
  cport: number;
  iss: number;
  passive: boolean;
  /**
   * A passive child: the options of the peer's SYN (its MSS 0 when it sent none). Null for an
   * active open, which learns them from the SYN-ACK.
   */
  peerSyn: TcpOptions | null;
}

/** An application call on a connected socket (the program's system calls). */
export type AppCall =
  | { op: 'send'; bytes: number }
  /** `want`: a byte count, every queued byte ('all'), or 'stream' (read what is there, then EOF). */
  | { op: 'recv'; want: number | 'all' | 'stream' }
  | { op: 'shutdown'; how: 'write' | 'read' | 'both' }
  | { op: 'close' }
  | { op: 'abort' }
  /** `nonblock` is set only by a step that changes O_NONBLOCK on this socket. */
  | { op: 'setsockopt'; options: SocketOptions; nonblock: boolean | undefined }
  /** connect() again on a socket whose connect() already ran (__inet_stream_connect). */
  | { op: 'connect' }
  /** getsockopt(SO_ERROR): the pending error, cleared as it is read. */
  | { op: 'getsockopt'; name: 'SO_ERROR' }
  /** ioctl(SIOCINQ): bytes received and not yet read. */
  | { op: 'ioctl'; name: 'SIOCINQ' };

/**
 * The result of a call: done (with the byte count or value it returns), an error, EOF, "would
 * block" (a blocking call waits; a non-blocking one already turned it into EAGAIN), or the
 * error SO_ERROR reports (none when undefined).
 */
export type CallResult =
  | { k: 'ok'; bytes: number }
  | { k: 'eof' }
  | { k: 'error'; errno: Errno }
  | { k: 'blocked' }
  | { k: 'so_error'; errno: Errno | undefined };

const OK: CallResult = Object.freeze({ k: 'ok', bytes: 0 });
function fail(errno: Errno): CallResult {
  return { k: 'error', errno };
}
const EOF_RESULT: CallResult = Object.freeze({ k: 'eof' });
const BLOCKED: CallResult = Object.freeze({ k: 'blocked' });

// Every field is assigned in the constructor, in one order, so V8 gives all connections one
// hidden class with in-object slots (this object is on the engine's hot path).
export class Connection {
  readonly id: number;
  readonly host: string;
  readonly lport: number;
  readonly remote: string;
  readonly rport: number;
  readonly cport: number;
  readonly passive: boolean;
  state: TcpState = 'CLOSED';
  /** Minisock after close(): TIME_WAIT, or the orphaned FIN_WAIT2 substate (tcp_minisocks.c). */
  minisock = false;
  iss: number;
  irs = 0;
  sndUna = 0;
  sndNxt = 0;
  /** End of the data the application has written (offset from ISS). */
  writeSeq = 1;
  finQueued = false;
  finSent = false;
  sndWnd = INITIAL_SND_WND;
  mss: number;
  cwnd = TCP_INIT_CWND;
  ssthresh = 1 << 30;
  inLoss = false;
  recoveryPoint = 0;
  dupAcks = 0;
  inflight: InFlight[] = [];
  rcvNxt = 0;
  rcvWup = 0;
  rcvBuf = RCV_BUF;
  /** Options our SYN (or SYN-ACK) carries, every transmission alike. */
  synOpts: TcpOptions;
  /** Options in force: our offer until the peer's SYN or SYN-ACK, then what both agreed. */
  opts: TcpOptions;
  /** Our receive-window shift once window scaling is agreed; −1 while it is not. */
  rcvWscale = -1;
  /**
   * The window our SYN or SYN-ACK offered: Linux's rcv_ssthresh starts there and caps the
   * window until the receive buffer autotunes, which the engine does not model.
   */
  rcvSsthresh: number;
  unread = 0;
  ooo: Array<{ start: number; end: number; fin: boolean }> = [];
  finRcvd = false;
  srtt = 0;
  rttvar = 0;
  rto = TCP_TIMEOUT_INIT;
  backoff = 0;
  retransmits = 0;
  totalRto = 0;
  retransStamp = -1;
  tlpHigh = -1;
  synRetransmitted = false;
  /** Delayed-ACK engine (inet_connection_sock icsk_ack). */
  ato = 0;
  quick = 0;
  pingpong = false;
  ackPending = false;
  lrcvTime = 0;
  lastOowAck = -Infinity;
  keepalive: KeepaliveOpts = { on: false, idle: undefined, intvl: undefined, cnt: undefined };
  probesOut = 0;
  lastRcv = 0;
  nodelay = false;
  lingerZero = false;
  /** O_NONBLOCK on this socket's file descriptor. */
  nonblock = false;
  /** TCP_USER_TIMEOUT, seconds (0: off). */
  userTimeout = 0;
  /** TCP_MAXSEG as set before the connection started (0: none). */
  userMss = 0;
  /** SO_REUSEADDR (sk_reuse), which a bind() on this port compares with its own. */
  reuse = false;
  /** The MSS the peer announced (0 until known). */
  peerMss: number;
  /** connect() as the program sees it (SS_*); an accepted socket is connected from the start. */
  sockState: SockState;
  /** This socket's connect() was non-blocking: a later `connect` step calls connect() on it again. */
  nbConnect = false;
  /** close() was called: the socket has no file descriptor any more. */
  orphan = false;
  rcvShutdown = false;
  sndShutdown = false;
  /** Pending socket error reported to the next blocking call (sk_err). */
  err: Errno | undefined = undefined;
  /** The application saw the connection reset or time out: later writes get EPIPE. */
  dead = false;
  /** Generation per timer slot: a queued expiry with an older generation is stale. */
  readonly timerGen: Record<TimerSlot, number> = { rtx: 0, delack: 0, keepalive: 0, tw: 0 };
  /** Absolute expiry per slot, −1 when not armed. */
  readonly timerAt: Record<TimerSlot, number> = { rtx: -1, delack: -1, keepalive: -1, tw: -1 };
  rtxKind: 'rto' | 'tlp' | 'syn' = 'rto';
  twKind: 'time_wait' | 'fin_wait2' = 'time_wait';
  /** Virtual time of the input being processed (set by every entry point). */
  private now = 0;

  constructor(
    init: ConnInit,
    private readonly env: ConnEnv,
    private readonly sink: EffectSink<Connection>,
  ) {
    this.id = init.id;
    this.host = init.host;
    this.lport = init.lport;
    this.remote = init.remote;
    this.rport = init.rport;
    this.cport = init.cport;
    this.passive = init.passive;
    this.iss = init.iss;
    this.sockState = init.passive ? 'connected' : 'unconnected';
    const offer = synOffer(env);
    if (init.peerSyn === null) {
      this.synOpts = offer;
      this.opts = offer;
      this.rcvSsthresh = initialWindow(RCV_BUF, env.ownMss);
      this.peerMss = 0;
      this.mss = this.effectiveMss(0);
    } else {
      this.opts = agreed(offer, init.peerSyn);
      this.synOpts = this.opts;
      if (this.opts.wscale !== undefined) this.rcvWscale = this.opts.wscale;
      // tcp_openreq_init_rwin: the SYN-ACK's window counts the timestamps out of the MSS.
      this.rcvSsthresh = initialWindow(RCV_BUF, env.ownMss - (this.opts.ts ? TCPOLEN_TSTAMP : 0));
      this.peerMss = init.peerSyn.mss || TCP_MSS_DEFAULT;
      this.mss = this.effectiveMss(this.peerMss);
    }
  }

  // ---------------------------------------------------------------- entry points

  /** Active open: SYN_SENT and the first SYN (tcp_connect). */
  connect(now: number, options: SocketOptions): void {
    this.now = now;
    this.applyOptions(options);
    this.applyStartOptions(options);
    this.nonblock = options.nonblock;
    this.nbConnect = options.nonblock;
    this.sockState = 'connecting';
    this.setState('SYN_SENT');
    this.sendSyn(false, undefined);
  }

  /** A child of a listener whose handshake just completed (or whose cookie was valid). */
  adoptHandshake(
    irs: number,
    synAckSentAt: number | undefined,
    options: SocketOptions,
    now: number,
  ): void {
    this.now = now;
    this.irs = irs;
    this.rcvNxt = 1;
    this.rcvWup = 1;
    this.sndUna = 0;
    this.sndNxt = 1;
    this.lastRcv = now;
    this.keepalive = { ...options.keepalive };
    this.nodelay = options.nodelay;
    // The child is a clone of the listener (sk_clone_lock): its MSS clamp, buffer, user
    // timeout and SO_REUSEADDR, but not O_NONBLOCK, which belongs to a file descriptor.
    this.userTimeout = options.userTimeout;
    this.reuse = options.reuseaddr;
    this.applyStartOptions(options);
    // RTT from the SYN-ACK just answered (timestamps echo its TSval); a SYN cookie has no
    // SYN-ACK on record, so no sample.
    if (synAckSentAt !== undefined)
      this.inflight = [
        { seq: 0, len: 0, syn: true, fin: false, sentAt: synAckSentAt, firstSentAt: synAckSentAt },
      ];
    this.state = 'SYN_RECV';
  }

  /** A segment for this connection's 4-tuple (tcp_v4_rcv after the socket lookup). */
  process(seg: Segment, now: number): void {
    this.now = now;
    if (this.minisock) this.timewaitProcess(seg);
    else if (this.state === 'SYN_SENT') this.synSentProcess(seg);
    else this.established(seg);
  }

  /** A timer of this connection expired (the world has checked it is still current). */
  onTimer(slot: TimerSlot, now: number): void {
    this.now = now;
    this.timerAt[slot] = -1;
    switch (slot) {
      case 'delack':
        this.timerEffect('fire', slot, 'delack');
        if (!this.ackPending) return;
        // tcp_delack_timer_handler: outside pingpong ato doubles; in pingpong it is left.
        if (this.pingpong) {
          this.pingpong = false;
          this.ato = TCP_ATO_MIN;
        } else {
          this.ato = Math.min(this.ato * 2, this.rto);
        }
        this.sendAck();
        return;
      case 'keepalive':
        this.timerEffect('fire', slot, 'keepalive');
        this.onKeepalive();
        return;
      case 'tw':
        this.timerEffect('fire', slot, this.twKind);
        // Expiry is silent; later segments find no socket and get a RST.
        this.destroy();
        return;
      case 'rtx':
        this.timerEffect('fire', slot, this.rtxName());
        if (this.rtxKind === 'tlp') this.onLossProbe();
        else this.onRetransmitTimer();
        return;
      default:
        assertNever(slot, 'timer');
    }
  }

  /** The earliest time this connection wants to run again (a timer), or Infinity. */
  pollAt(): number {
    let at = Infinity;
    const t = this.timerAt;
    if (t.rtx >= 0 && t.rtx < at) at = t.rtx;
    if (t.delack >= 0 && t.delack < at) at = t.delack;
    if (t.keepalive >= 0 && t.keepalive < at) at = t.keepalive;
    if (t.tw >= 0 && t.tw < at) at = t.tw;
    return at;
  }

  /**
   * An application call on this socket (send, recv, shutdown, close, abort, setsockopt,
   * connect again, getsockopt, ioctl): its result as the system call returns it. After close()
   * the descriptor is gone, so every call fails with EBADF.
   */
  call(c: AppCall, now: number): CallResult {
    this.now = now;
    if (this.orphan) return fail('EBADF');
    switch (c.op) {
      case 'send':
        return this.write(c.bytes);
      case 'recv':
        return this.read(c.want);
      case 'shutdown':
        return this.shutdown(c.how);
      case 'connect':
        return this.againConnect();
      case 'getsockopt': {
        // sock_getsockopt SO_ERROR: sock_error() reads and clears sk_err.
        const errno = this.err;
        this.err = undefined;
        return { k: 'so_error', errno };
      }
      case 'ioctl':
        // tcp_ioctl SIOCINQ: 0 before the handshake completes, else rcv_nxt − copied_seq less
        // the FIN, i.e. the bytes queued unread.
        return {
          k: 'ok',
          bytes: this.state === 'SYN_SENT' || this.state === 'SYN_RECV' ? 0 : this.unread,
        };
      case 'close':
        this.close();
        return OK;
      case 'abort':
        this.lingerZero = true;
        this.close();
        return OK;
      case 'setsockopt':
        this.applyOptions(c.options);
        if (c.nonblock !== undefined) this.nonblock = c.nonblock;
        // SO_RCVBUF on a live socket: the window follows the new space (tcp_space). TCP_MAXSEG
        // after the handshake is not modelled: the MSS was settled by the SYNs.
        if (c.options.rcvbuf > 0) this.rcvBuf = rcvSpaceFor(c.options.rcvbuf);
        if (this.keepalive.on && (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT'))
          this.startKeepalive();
        return OK;
      default:
        return assertNever(c, 'call');
    }
  }

  /**
   * TIME_WAIT reincarnation (RFC 6191, tcp_v4_rcv TCP_TW_SYN): the ISN a new connection
   * gets if `seg` is a fresh SYN beyond this TIME_WAIT's sequence space and a listener
   * takes it; undefined otherwise.
   */
  reincarnationIsn(seg: Segment): number | undefined {
    if (!this.minisock || this.state !== 'TIME_WAIT') return undefined;
    const f = seg.flags;
    if (!(f & SYN) || f & (RST | ACK)) return undefined;
    if (seqDiff(seg.seq, this.irs) <= this.rcvNxt) return undefined;
    return seqAdd(this.iss, this.sndNxt + TW_ISN_GAP) || 1;
  }

  /** The connection is gone (tcp_done); report `errno` to the application if it still holds it. */
  resetConn(errno: Errno | undefined): void {
    if (errno !== undefined && !this.orphan) this.err = errno;
    this.dead = true;
    this.destroy();
  }

  /** Forget the connection: timers off, CLOSED, out of the 4-tuple table. */
  destroy(): void {
    this.cancelAll();
    this.inflight = [];
    this.minisock = false;
    this.setState('CLOSED');
    this.sink.emit(this, { k: 'gone' });
  }

  /** A listener closing with this child unaccepted: R. (tcp_disconnect), then gone. */
  disconnect(now: number): void {
    this.now = now;
    if (this.state !== 'CLOSED') this.sendCtl(RST | ACK, this.sndNxt);
    this.orphan = true;
    this.destroy();
  }

  // ---------------------------------------------------------------- application side

  private applyOptions(o: SocketOptions): void {
    this.keepalive = { ...o.keepalive };
    this.nodelay = o.nodelay;
    this.lingerZero = o.lingerZero;
    this.userTimeout = o.userTimeout;
    this.reuse = o.reuseaddr;
  }

  /**
   * Options that shape the handshake: the MSS clamp and the receive buffer. They set what our
   * SYN offers (its MSS option and window: tcp_select_initial_window), or for a listener's
   * child what the SYN-ACK offered, which caps the window after it (rcv_ssthresh).
   */
  private applyStartOptions(o: SocketOptions): void {
    this.userMss = o.maxseg;
    this.rcvBuf = rcvSpaceFor(o.rcvbuf);
    const adv = announcedMss(this.env.ownMss, this.userMss);
    if (this.synOpts.mss > 0 && this.synOpts.mss !== adv)
      this.synOpts = {
        mss: adv,
        wscale: this.synOpts.wscale,
        sackOk: this.synOpts.sackOk,
        ts: this.synOpts.ts,
      };
    this.rcvSsthresh = initialWindow(
      this.rcvBuf,
      this.passive ? adv - (this.opts.ts ? TCPOLEN_TSTAMP : 0) : adv,
    );
    this.mss = this.effectiveMss(this.peerMss);
  }

  private write(bytes: number): CallResult {
    const err = this.takeError();
    if (err !== undefined) return err;
    if (this.dead || this.sndShutdown || this.state === 'CLOSED') return fail('EPIPE');
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV') {
      // tcp_sendmsg → sk_stream_wait_connect: wait for the handshake, or EAGAIN at once.
      return this.nonblock ? fail('EAGAIN') : BLOCKED;
    }
    this.writeSeq += bytes;
    this.trySend();
    return { k: 'ok', bytes };
  }

  private read(want: number | 'all' | 'stream'): CallResult {
    const u = this.unread;
    // tcp_recvmsg stops waiting once RCV_SHUTDOWN is set (the peer's FIN or our own
    // shutdown(SHUT_RD)): it returns what is queued, or 0 when nothing is (FIDELITY.md item 74).
    const rcvDone = this.finRcvd || this.dead || this.rcvShutdown;
    if (u > 0 && (want === 'all' || want === 'stream' || u >= want || rcvDone)) {
      const n = typeof want === 'number' ? Math.min(u, want) : u;
      this.unread -= n;
      return { k: 'ok', bytes: n };
    }
    const err = this.takeError();
    if (err !== undefined) return err;
    if (u === 0 && rcvDone) return EOF_RESULT;
    // tcp_recvmsg with timeo 0: EAGAIN instead of sleeping in sk_wait_data.
    return this.nonblock ? fail('EAGAIN') : BLOCKED;
  }

  /**
   * __inet_stream_connect on a socket that already called connect(): in SS_CONNECTING it is
   * EALREADY while the handshake runs (a blocking call waits for it), then 0 once the
   * connection is up (SS_CONNECTED), or the pending error (ECONNABORTED if SO_ERROR already
   * took it) if it failed; after that EISCONN.
   */
  private againConnect(): CallResult {
    if (this.sockState !== 'connecting') return fail('EISCONN');
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV')
      return this.nonblock ? fail('EALREADY') : BLOCKED;
    if (this.state === 'CLOSED') {
      this.sockState = 'unconnected';
      return this.takeError() ?? fail('ECONNABORTED');
    }
    this.sockState = 'connected';
    return OK;
  }

  /**
   * inet_shutdown: ENOTCONN once the socket is TCP_CLOSE (reset, timed out, or handed to a
   * TIME_WAIT minisock); in SYN_SENT the connect is abandoned (tcp_disconnect: no RST there).
   */
  private shutdown(how: 'write' | 'read' | 'both'): CallResult {
    if (this.sockState === 'connecting' && this.state !== 'SYN_SENT' && this.state !== 'SYN_RECV')
      this.sockState = 'connected';
    if (this.state === 'CLOSED' || this.minisock) return fail('ENOTCONN');
    if (this.state === 'SYN_SENT') {
      this.sockState = 'unconnected';
      this.destroy();
      return OK;
    }
    if (how === 'read' || how === 'both') this.rcvShutdown = true;
    if (how === 'write' || how === 'both') this.shutdownWrite();
    return OK;
  }

  /** The pending socket error, cleared as the kernel clears sk_err when it reports it. */
  private takeError(): CallResult | undefined {
    const errno = this.err;
    if (errno === undefined) return undefined;
    this.err = undefined;
    return { k: 'error', errno };
  }

  private shutdownWrite(): void {
    if (this.sndShutdown) return;
    this.sndShutdown = true;
    switch (this.state) {
      case 'ESTABLISHED':
        this.setState('FIN_WAIT1');
        break;
      case 'CLOSE_WAIT':
        this.setState('LAST_ACK');
        break;
      default:
        return;
    }
    this.finQueued = true;
    this.trySend();
  }

  /** tcp_close (RFC 9293 §3.10.4). */
  private close(): void {
    if (this.orphan) return;
    this.orphan = true;
    this.rcvShutdown = true;
    if (this.state === 'CLOSED' || this.minisock) return;
    if (this.state === 'SYN_SENT') {
      // close() in SYN_SENT: no RST, the socket just vanishes (close-on-syn-sent.pkt).
      this.destroy();
      return;
    }
    if (this.unread > 0 || this.lingerZero) {
      // Unread data was tossed (RFC 2525 §2.17) or SO_LINGER 0: R. and CLOSED, no FIN.
      // __tcp_close resets for unread data in any state (LAST_ACK and CLOSING too); only
      // SO_LINGER 0 goes through tcp_disconnect and its tcp_need_reset list of states.
      const s = this.state;
      if (
        this.unread > 0 ||
        s === 'ESTABLISHED' ||
        s === 'CLOSE_WAIT' ||
        s === 'FIN_WAIT1' ||
        s === 'FIN_WAIT2' ||
        s === 'SYN_RECV'
      )
        this.sendCtl(RST | ACK, this.sndNxt, this.unread > 0 ? 'unread_data' : 'abort');
      this.destroy();
      return;
    }
    if (this.state === 'FIN_WAIT2') {
      this.enterFinWait2Orphan();
      return;
    }
    if (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT' || this.state === 'SYN_RECV') {
      this.sndShutdown = true;
      this.setState(this.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
      this.finQueued = true;
      this.trySend();
    }
  }

  // ---------------------------------------------------------------- effects

  private setState(s: TcpState): void {
    const from = this.state;
    if (from === s) return;
    this.state = s;
    this.sink.emit(this, { k: 'state', socket: 'conn', cport: this.cport, from, to: s });
  }

  private timerEffect(op: 'cancel' | 'fire', slot: TimerSlot, name: TimerName): void {
    this.sink.emit(this, { k: 'timer', op, slot, name });
  }

  private arm(slot: TimerSlot, delay: number, name: TimerName): void {
    const sys = this.env.sys;
    const at = timerFireTime(this.now, delay, sys.hz, sys.hz_phase_us / 1e6);
    this.timerGen[slot]++;
    this.timerAt[slot] = at;
    this.sink.emit(this, { k: 'timer', op: 'set', slot, name, at });
  }

  private cancel(slot: TimerSlot, name: TimerName): void {
    if (this.timerAt[slot] < 0) return;
    this.timerGen[slot]++;
    this.timerAt[slot] = -1;
    this.timerEffect('cancel', slot, name);
  }

  /** All timers off without trace records (the socket is leaving this state for good). */
  private cancelAll(): void {
    const gen = this.timerGen;
    const at = this.timerAt;
    gen.rtx++;
    gen.delack++;
    gen.keepalive++;
    gen.tw++;
    at.rtx = at.delack = at.keepalive = at.tw = -1;
  }

  private rtxName(): TimerName {
    return this.rtxKind === 'tlp' ? 'loss_probe' : 'retransmit';
  }

  private emitSegment(
    seqOff: number,
    flags: number,
    len: number,
    win: number,
    opts: TcpOptions | null,
    why: string | undefined,
  ): void {
    const seq = seqAdd(this.iss, seqOff);
    const ack = flags & ACK ? seqAdd(this.irs, this.rcvNxt) : 0;
    this.sink.emit(this, {
      k: 'send',
      seg: makeSegment(
        this.host,
        this.lport,
        this.remote,
        this.rport,
        seq,
        ack,
        flags,
        len,
        win,
        opts,
        this.cport,
        why,
      ),
    });
  }

  /** Reset for a segment this connection refuses (tcp_v4_send_reset). */
  private refuse(seg: Segment): void {
    const rst = resetFor(seg, undefined);
    if (rst !== undefined) this.sink.emit(this, { k: 'send', seg: rst });
  }

  /**
   * The window we advertise, in bytes (__tcp_select_window): the free receive space, capped by
   * rcv_ssthresh. With window scaling the cap is rounded up to the scale unit (ALIGN), so a
   * client that offered 64240 advertises 64512 = 63 << 10 and a server that offered 65160
   * advertises 65536 even with a few unread bytes, as in the recordings; once less than half
   * the space is free, the free space is rounded down to the unit first. Without scaling the
   * window field holds the bytes themselves, at most 65535 (Linux's further rounding to the
   * peer's segment size is not modelled).
   */
  private advWindow(): number {
    let free = Math.max(0, this.rcvBuf - this.unread);
    if (this.rcvWscale < 0) return Math.min(free, this.rcvSsthresh, MAX_TCP_WINDOW);
    const unit = 1 << this.rcvWscale; // wscale ≤ 14 (RFC 7323 §2.3); a shift, not Math.pow
    if (free < this.rcvBuf / 2) free = Math.floor(free / unit) * unit;
    return Math.ceil(Math.min(free, this.rcvSsthresh) / unit) * unit;
  }

  /** Options of a segment after the SYN: timestamps on every one once agreed (tcp_established_options). */
  private segOpts(): TcpOptions | null {
    return this.opts.ts ? TS_ONLY : null;
  }

  private sendCtl(flags: number, seqOff: number, why?: string): void {
    const win = flags & RST && !(flags & ACK) ? 0 : this.advWindow();
    this.emitSegment(seqOff, flags, 0, win, this.segOpts(), why);
    if (flags & ACK) this.ackSent();
  }

  /** Pure ACK <SEQ=SND.NXT><ACK=RCV.NXT>. */
  private sendAck(why?: string): void {
    this.sendCtl(ACK, this.sndNxt, why);
  }

  /** tcp_event_ack_sent: any segment carrying the current ACK clears the delayed ACK. */
  private ackSent(): void {
    this.rcvWup = this.rcvNxt;
    if (this.ackPending) {
      this.ackPending = false;
      this.cancel('delack', 'delack');
    }
    if (this.quick > 0) this.quick--;
  }

  // ---------------------------------------------------------------- MSS, RTO

  /**
   * Sending MSS (tcp_sync_mss): the smaller of the peer's MSS and ours (MTU − 40, lowered by
   * TCP_MAXSEG: tcp_parse_options clamps the peer's value to user_mss), less the 12 bytes the
   * timestamps take in every segment when they are on.
   */
  private effectiveMss(peerMss: number): number {
    const own = announcedMss(this.env.ownMss, this.userMss);
    const announced = peerMss > 0 ? Math.min(peerMss, own) : own;
    return announced - (this.opts.ts ? TCPOLEN_TSTAMP : 0);
  }

  /** The handshake's agreement, from the peer's SYN or SYN-ACK options (our SYN already out). */
  private negotiate(peer: TcpOptions | null): void {
    // A SYN without options (a raw peer) offers nothing; its MSS defaults to 536.
    const p = peer ?? NO_OPTIONS;
    this.opts = agreed(this.opts, p);
    this.rcvWscale = this.opts.wscale ?? -1;
    this.peerMss = p.mss || TCP_MSS_DEFAULT;
    this.mss = this.effectiveMss(this.peerMss);
  }

  private rtoMin(): number {
    return this.env.sys.tcp_rto_min_us / 1e6;
  }

  private rtoMax(): number {
    return this.env.sys.tcp_rto_max_ms / 1000;
  }

  /**
   * RTT sample. Linux (tcp_rtt_estimator, __tcp_set_rto): the first sample m gives
   * srtt = m and rttvar = max(2m, tcp_rto_min), so RTO = m + max(2m, 200 ms) ("make sure
   * rto = 3*rtt"); later samples smooth like RFC 6298 with the variance term floored at
   * rto_min. The rfc profile uses RFC 6298 (2.2)-(2.4) with its 1 s floor.
   */
  private rttSample(m: number): void {
    if (m < 0) return;
    if (this.srtt === 0) {
      this.srtt = Math.max(m, 1e-6);
      this.rttvar = m / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - m);
      this.srtt = 0.875 * this.srtt + 0.125 * m;
    }
    this.setRto();
  }

  private setRto(): void {
    const min = this.rtoMin();
    const hz = this.env.sys.hz;
    let rto = this.env.linux
      ? this.srtt + Math.max(4 * this.rttvar, min)
      : Math.max(min, this.srtt + 4 * this.rttvar);
    // usecs_to_jiffies rounds up.
    if (hz > 0) rto = Math.ceil(rto * hz - 1e-9) / hz;
    this.rto = Math.min(rto, this.rtoMax());
  }

  // ---------------------------------------------------------------- receive path

  /** tcp_rcv_synsent_state_process (RFC 9293 §3.10.7.3). */
  private synSentProcess(seg: Segment): void {
    const f = seg.flags;
    if (f & ACK) {
      const ackOff = seqDiff(seg.ack, this.iss);
      if (ackOff <= 0 || ackOff > this.sndNxt) {
        // Unacceptable ACK (e.g. the SYN-ACK to an old duplicate SYN, RFC 9293 Fig. 8):
        // reset it, and if no SYN retransmission happened yet re-arm the SYN timer to
        // TCP_TIMEOUT_MIN so the SYN goes out again almost at once (Linux only). Linux
        // re-arms before it looks at RST ("Previous FIN/ACK or RST/ACK might be ignored",
        // tcp_rcv_synsent_state_process), so a RST+ACK with a bad ack moves the timer too;
        // the RST itself is never answered (RFC 9293 §3.10.7.3 first, tcp_v4_send_reset).
        if (!(f & RST)) this.refuse(seg);
        if (this.env.linux && !this.synRetransmitted) {
          this.rtxKind = 'syn';
          this.arm('rtx', TCP_TIMEOUT_MIN_JIFFIES / Math.max(1, this.env.sys.hz), 'retransmit');
        }
        return;
      }
      if (f & RST) {
        this.resetConn('ECONNREFUSED');
        return;
      }
      if (!(f & SYN)) return;
      // SYN-ACK: ESTABLISHED, immediate ACK (tcp_send_ack; no TCP_DEFER_ACCEPT here).
      this.irs = seg.seq;
      this.rcvNxt = 1;
      this.rcvWup = 1;
      this.sndUna = 1;
      this.sndWnd = seg.win;
      this.negotiate(seg.opts);
      const syn = this.inflight[0];
      this.inflight = [];
      // With timestamps the SYN-ACK's echo gives an RTT sample even after a SYN retransmission;
      // without them Karn's rule leaves none, and tcp_init_metrics falls back to a 3 s RTO.
      if (syn !== undefined && (this.opts.ts || !this.synRetransmitted))
        this.rttSample(this.now - syn.sentAt);
      else if (syn !== undefined && this.env.linux) this.rto = TCP_TIMEOUT_FALLBACK;
      else this.setRto();
      this.resetBackoff();
      this.cancel('rtx', 'retransmit');
      this.setState('ESTABLISHED');
      this.lrcvTime = this.now;
      this.lastRcv = this.now;
      this.sendAck();
      this.startKeepalive();
      this.trySend();
      return;
    }
    if (f & RST) return;
    if (f & SYN) {
      // Crossed SYNs: simultaneous open (RFC 9293 Fig. 7). Linux answers S. with seq=ISS,
      // ack=IRS+1 and keeps retransmitting it on the SYN timer.
      this.irs = seg.seq;
      this.rcvNxt = 1;
      this.rcvWup = 1;
      this.sndWnd = seg.win;
      // Our SYN-ACK repeats our SYN's options and window (tcp_send_synack on the full socket).
      this.negotiate(seg.opts);
      this.setState('SYN_RECV');
      this.sendSyn(true, undefined);
    }
  }

  /** Synchronized states: tcp_validate_incoming + tcp_ack + tcp_data_queue + tcp_fin. */
  private established(seg: Segment): void {
    const f = seg.flags;
    const segOff = seqDiff(seg.seq, this.irs);
    const endOff = segOff + segSpace(seg);
    this.lastRcv = this.now;
    this.probesOut = 0;

    // Simultaneous open, Linux ≥ 6.11 (commit 23e89e8ee7be): in SYN_RECV the peer's SYN-ACK
    // (seq+1 == rcv_nxt, ack == snd_nxt) completes the handshake; an ACK is always sent.
    if (
      this.state === 'SYN_RECV' &&
      f & SYN &&
      f & ACK &&
      segOff + 1 === this.rcvNxt &&
      seqDiff(seg.ack, this.iss) === this.sndNxt
    ) {
      this.synRecvEstablished(seg);
      this.sendAck();
      return;
    }

    // tcp_sequence: acceptable iff end >= RCV.WUP and seq <= RCV.NXT + RCV.WND.
    const inWindow = endOff >= this.rcvWup && segOff <= this.rcvNxt + this.advWindow();
    if (!inWindow) {
      // tcp_validate_incoming step 1: an unacceptable RST is dropped, except that
      // tcp_reset_check still accepts rcv_nxt−1 after a FIN, outside the window too.
      if (!(f & RST)) this.oowAck(seg);
      else if (this.env.linux && this.resetCheck(segOff)) this.rstReset();
      return;
    }
    if (f & RST) {
      // RFC 5961 §3.2: only an exact match resets; rcv_nxt-1 is accepted after a FIN (tcp_reset_check).
      if (segOff === this.rcvNxt || this.resetCheck(segOff)) this.rstReset();
      else this.challengeAck();
      return;
    }
    if (f & SYN) {
      // A SYN in a synchronized state gets a challenge ACK (RFC 5961 §4.2, RFC 9293 §3.10.7.4
      // fourth). This is the "re-ACK" a client sends for each retransmitted SYN-ACK when its
      // third ACK was lost (recording third-ack-dropped, counter TCPSYNChallenge).
      this.challengeAck();
      return;
    }
    if (!(f & ACK)) return;

    if (this.state === 'SYN_RECV') {
      const a = seqDiff(seg.ack, this.iss);
      if (a < 1 || a > this.sndNxt) {
        this.refuse(seg);
        return;
      }
      this.synRecvEstablished(seg);
    }
    if (!this.processAck(seg)) return;
    if (this.state === 'CLOSED' || this.minisock) return;

    // tcp_rcv_state_process step 7: data after our close() resets the connection
    // (RFC 1122 MUST; RFC 793 said queue it): LINUX_MIB_TCPABORTONDATA.
    if (
      (this.state === 'FIN_WAIT1' || this.state === 'FIN_WAIT2') &&
      this.rcvShutdown &&
      seg.len > 0 &&
      segOff + seg.len > this.rcvNxt
    ) {
      this.refuse(seg);
      this.resetConn(undefined);
      return;
    }
    if (
      (this.state === 'CLOSE_WAIT' || this.state === 'CLOSING' || this.state === 'LAST_ACK') &&
      segOff >= this.rcvNxt
    ) {
      this.trySend();
      return;
    }
    this.dataQueue(seg, segOff);
    if ((this.state as TcpState) !== 'CLOSED') this.trySend();
  }

  /** tcp_reset_check: RST at rcv_nxt−1 once the peer's FIN is in (a macOS habit Linux accepts). */
  private resetCheck(segOff: number): boolean {
    const s = this.state;
    return (
      segOff === this.rcvNxt - 1 && (s === 'CLOSE_WAIT' || s === 'LAST_ACK' || s === 'CLOSING')
    );
  }

  /**
   * An acceptable RST (tcp_reset). RFC 9293 §3.10.7.4 second: SYN-RECEIVED from an active
   * OPEN (simultaneous open) means "connection refused"; Linux's tcp_reset has no such case
   * and reports ECONNRESET (FIDELITY 52). CLOSE_WAIT reports EPIPE (FIDELITY 66).
   */
  private rstReset(): void {
    const s = this.state;
    if (s === 'SYN_RECV' && !this.passive && !this.env.linux) this.resetConn('ECONNREFUSED');
    else this.resetConn(s === 'CLOSE_WAIT' ? 'EPIPE' : 'ECONNRESET');
  }

  private synRecvEstablished(seg: Segment): void {
    this.sndUna = 1;
    this.sndWnd = seg.win;
    const syn = this.inflight[0];
    this.inflight = [];
    // Karn's rule without timestamps, as on the SYN_SENT side (a listener hands over no send
    // time for a SYN-ACK it re-sent when timestamps are off, nor for a SYN cookie).
    if (syn !== undefined && (this.opts.ts || syn.sentAt === syn.firstSentAt))
      this.rttSample(this.now - syn.sentAt);
    else if (!this.opts.ts && this.env.linux) this.rto = TCP_TIMEOUT_FALLBACK;
    this.resetBackoff();
    this.cancel('rtx', 'retransmit');
    this.setState('ESTABLISHED');
    this.lrcvTime = this.now;
    this.startKeepalive();
  }

  /** tcp_oow_rate_limited / tcp_send_challenge_ack: one per tcp_invalid_ratelimit per socket. */
  private rateLimited(): boolean {
    if (this.now - this.lastOowAck < this.env.sys.tcp_invalid_ratelimit / 1000) return true;
    this.lastOowAck = this.now;
    return false;
  }

  /**
   * Out-of-window segment: duplicate ACK, rate-limited unless it carries data or FIN. A SYN
   * goes to tcp_validate_incoming's syn_challenge instead: a challenge ACK (RFC 5961 §4.2).
   */
  private oowAck(seg: Segment): void {
    if (seg.flags & SYN) {
      this.challengeAck();
      return;
    }
    const limited = seg.len === 0 && !(seg.flags & FIN);
    if (limited && this.rateLimited()) return;
    this.sendAck();
  }

  private challengeAck(): void {
    if (this.rateLimited()) return;
    this.sendAck('challenge');
  }

  /** tcp_ack. Returns false when the segment must be dropped. */
  private processAck(seg: Segment): boolean {
    const a = seqDiff(seg.ack, this.iss);
    if (a > this.sndNxt) {
      // ACK of unsent data. Linux: tcp_ack returns ACK_UNSENT_DATA (< 0); tcp_rcv_established
      // drops it silently, tcp_rcv_state_process (every other state) answers with
      // tcp_send_challenge_ack. RFC 9293 §3.10.7.4 fifth: "send an ACK, drop the segment".
      if (!this.env.linux || this.state !== 'ESTABLISHED') this.challengeAck();
      return false;
    }
    const prevWnd = this.sndWnd;
    this.sndWnd = seg.win;
    if (a > this.sndUna) {
      let sample = -1;
      while (this.inflight.length > 0) {
        const head = this.inflight[0]!;
        if (head.seq + head.len + (head.syn ? 1 : 0) + (head.fin ? 1 : 0) > a) break;
        // Without timestamps a retransmitted segment gives no sample (Karn; tcp_clean_rtx_queue).
        if (this.opts.ts || head.sentAt === head.firstSentAt) sample = this.now - head.sentAt;
        this.inflight.shift();
        if (this.cwnd < this.ssthresh) this.cwnd++;
        else this.cwnd += 1 / this.cwnd;
      }
      this.sndUna = a;
      this.dupAcks = 0;
      if (sample >= 0) this.rttSample(sample);
      if (this.inLoss && a >= this.recoveryPoint) this.inLoss = false;
      this.resetBackoff();
      if (this.tlpHigh >= 0 && a >= this.tlpHigh) this.tlpHigh = -1;
      // tcp_set_xmit_timer: TLP if possible, else RTO, or nothing when all is acked.
      if (this.inflight.length === 0) this.cancel('rtx', this.rtxName());
      else this.armXmitTimer(true);
      const finAcked = this.finSent && a === this.writeSeq + 1;
      if (finAcked) {
        switch (this.state) {
          case 'FIN_WAIT1':
            this.setState('FIN_WAIT2');
            // Orphaned socket: FIN_WAIT2 minisock with tcp_fin_timeout (tcp_rcv_state_process,
            // tcp_fin_time = max(fin_timeout, 3.5 RTO)). A FIN in this same segment skips it.
            // Data beyond rcv_nxt in this segment aborts instead (step 7, TCPABORTONDATA).
            if (
              this.orphan &&
              !(seg.flags & FIN) &&
              !(seg.len > 0 && seqDiff(seg.seq, this.irs) + seg.len > this.rcvNxt)
            ) {
              this.enterFinWait2Orphan();
            }
            break;
          case 'CLOSING':
            this.enterTimeWait();
            return false;
          case 'LAST_ACK':
            this.destroy();
            return false;
          default:
            break;
        }
      }
    } else if (
      a === this.sndUna &&
      seg.len === 0 &&
      !(seg.flags & FIN) &&
      this.inflight.length > 0 &&
      seg.win === prevWnd
    ) {
      this.dupAcks++;
      if (this.dupAcks === 3 && !this.inLoss) this.fastRetransmit();
    }
    return true;
  }

  private resetBackoff(): void {
    this.backoff = 0;
    this.retransmits = 0;
    this.totalRto = 0;
    this.retransStamp = -1;
    if (this.srtt > 0) this.setRto();
  }

  /** tcp_data_queue + tcp_fin + __tcp_ack_snd_check. */
  private dataQueue(seg: Segment, segOff: number): void {
    const hasFin = Boolean(seg.flags & FIN);
    if (seg.len === 0 && !hasFin) return;
    const end = segOff + seg.len;
    if (end + (hasFin ? 1 : 0) <= this.rcvNxt) {
      // A retransmission: force an immediate (D-SACK) ACK.
      this.sendAck();
      return;
    }
    if (segOff > this.rcvNxt) {
      // Out of order: queue it and send an immediate duplicate ACK.
      this.ooo.push({ start: segOff, end, fin: hasFin });
      this.ooo.sort((x, y) => x.start - y.start);
      this.sendAck();
      return;
    }
    let gotFin = false;
    if (end > this.rcvNxt) {
      const fresh = end - this.rcvNxt;
      this.rcvNxt = end;
      this.unread += fresh;
      this.eventDataRecv();
    }
    if (hasFin) gotFin = true;
    // Pull in out-of-order data that is now contiguous.
    let filledHole = false;
    while (this.ooo.length > 0 && !gotFin) {
      const o = this.ooo[0]!;
      if (o.start > this.rcvNxt) break;
      this.ooo.shift();
      if (o.end > this.rcvNxt) {
        this.unread += o.end - this.rcvNxt;
        this.rcvNxt = o.end;
        filledHole = true;
      }
      if (o.fin) gotFin = true;
    }
    if (gotFin) {
      this.rcvNxt += 1;
      this.finRcvd = true;
      this.ooo = [];
      // tcp_fin decides how the FIN (and any data before it) is acknowledged.
      this.tcpFin();
      return;
    }
    this.ackPending = true;
    this.ackSndCheck(filledHole);
  }

  /** tcp_event_data_recv: the delayed-ACK engine's estimate of the peer's pacing. */
  private eventDataRecv(): void {
    const quickFill = Math.max(
      2,
      Math.min(TCP_MAX_QUICKACKS, Math.floor(this.rcvBuf / (2 * Math.max(this.mss, 536)))),
    );
    if (this.ato === 0) {
      // "The _first_ data packet received, initialize delayed ACK engine."
      this.quick = Math.max(this.quick, quickFill);
      this.ato = TCP_ATO_MIN;
    } else {
      const m = this.now - this.lrcvTime;
      if (m <= TCP_ATO_MIN / 2) this.ato = this.ato / 2 + TCP_ATO_MIN / 2;
      else if (m < this.ato) this.ato = Math.min(this.ato / 2 + m, this.rto);
      else if (m > this.rto) this.quick = Math.max(this.quick, quickFill);
    }
    this.lrcvTime = this.now;
  }

  /** __tcp_ack_snd_check: immediate ACK or delayed ACK. */
  private ackSndCheck(force: boolean): void {
    if (!this.ackPending) return;
    const quickMode = this.env.linux ? this.quick > 0 && !this.pingpong : false;
    if (force || this.rcvNxt - this.rcvWup > this.mss || quickMode) {
      this.sendAck();
      return;
    }
    this.sendDelayedAck();
  }

  /**
   * tcp_send_delayed_ack: the timeout is ato, capped at 200 ms in pingpong mode and at the
   * smoothed RTT (not below 40 ms). With ato == 0 (no data received yet) the timer is
   * armed for "now" and fires on the next jiffy. The rfc profile delays a fixed 200 ms.
   */
  private sendDelayedAck(): void {
    let ato = this.ato;
    if (!this.env.linux) ato = TCP_DELACK_MAX;
    else if (ato > TCP_ATO_MIN) {
      let maxAto = this.pingpong ? TCP_DELACK_MAX : 0.5;
      if (this.srtt > 0) {
        const rtt = Math.max(this.srtt, TCP_ATO_MIN);
        if (rtt < maxAto) maxAto = rtt;
      }
      ato = Math.min(ato, maxAto);
    }
    ato = Math.min(ato, TCP_DELACK_MAX);
    const pending = this.timerAt.delack;
    if (pending >= 0) {
      // "If delack timer is about to expire, send ACK now."
      if (pending <= this.now + ato / 4) {
        this.sendAck();
        return;
      }
      const sys = this.env.sys;
      if (pending <= timerFireTime(this.now, ato, sys.hz, sys.hz_phase_us / 1e6)) return;
    }
    this.arm('delack', ato, 'delack');
  }

  /** tcp_fin (RFC 9293 §3.10.7.4 eighth). */
  private tcpFin(): void {
    switch (this.state) {
      case 'SYN_RECV':
      case 'ESTABLISHED':
        // Passive close: pingpong mode turns quick-ACK off, so the ACK of the FIN is delayed
        // (40 ms after data, next tick before any) and a close() in that window lets the
        // FIN carry it: the 3-segment close (recordings close-merged, handshake-data-close).
        this.setState('CLOSE_WAIT');
        this.pingpong = true;
        this.ackPending = true;
        // __tcp_ack_snd_check: still immediate if more than one MSS is unacknowledged.
        this.ackSndCheck(false);
        return;
      case 'CLOSE_WAIT':
      case 'CLOSING':
      case 'LAST_ACK':
        return;
      case 'FIN_WAIT1':
        // Simultaneous close: ACK at once, CLOSING (RFC 9293 Fig. 13).
        this.sendAck();
        this.setState('CLOSING');
        return;
      case 'FIN_WAIT2':
        this.sendAck();
        this.enterTimeWait();
        return;
      case 'CLOSED':
      case 'LISTEN':
      case 'SYN_SENT':
      case 'TIME_WAIT':
        return;
      default:
        assertNever(this.state, 'state');
    }
  }

  // ---------------------------------------------------------------- TIME_WAIT / FIN_WAIT2 minisock

  private timeWaitLength(): number {
    // Linux: fixed TCP_TIMEWAIT_LEN (tcp_time_wait); RFC 9293 §3.10.8: 2 × MSL.
    return this.env.linux ? TCP_TIMEWAIT_LEN : 2 * this.env.sys.msl;
  }

  private enterTimeWait(): void {
    this.cancelAll();
    this.minisock = true;
    this.twKind = 'time_wait';
    this.inflight = [];
    this.setState('TIME_WAIT');
    this.arm('tw', this.timeWaitLength(), 'time_wait');
  }

  private enterFinWait2Orphan(): void {
    const tmo = Math.max(this.env.sys.tcp_fin_timeout, 3.5 * this.rto);
    this.cancelAll();
    this.minisock = true;
    this.twKind = 'fin_wait2';
    this.arm('tw', tmo, 'fin_wait2');
  }

  /** tcp_timewait_state_process (the new-SYN case is `reincarnationIsn`, decided by the world first). */
  private timewaitProcess(seg: Segment): void {
    const f = seg.flags;
    const segOff = seqDiff(seg.seq, this.irs);
    const endOff = segOff + segSpace(seg);
    if (this.state === 'FIN_WAIT2') {
      // tcp_in_window (tcp_minisocks.c), stricter than tcp_sequence: seq at rcv_nxt, or the
      // segment ends after rcv_nxt and starts before the right edge. An old segment ending
      // exactly at rcv_nxt (a retransmitted SYN-ACK) is outside, as RFC 9293's acceptability
      // test says too. Outside the window Linux answers every segment, a RST included, with
      // an ACK (tcp_timewait_check_oow_rate_limit runs before the RST check); RFC 9293
      // §3.10.7.4 first drops an unacceptable RST.
      const right = this.rcvNxt + this.advWindow();
      const inWin =
        segOff === this.rcvNxt ||
        (endOff > this.rcvNxt && segOff < right) ||
        (segOff === right && endOff === segOff);
      if (!inWin) {
        if (this.env.linux || !(f & RST)) this.twAck(seg);
        return;
      }
      if (f & RST) {
        this.destroy();
        return;
      }
      if (f & SYN && segOff >= this.rcvNxt) {
        this.refuse(seg);
        this.destroy();
        return;
      }
      if (!(f & ACK) || endOff <= this.rcvNxt || endOff === segOff) return;
      // "New data or FIN. If new data arrive after half-duplex close, reset."
      if (!(f & FIN) || endOff !== this.rcvNxt + 1) {
        this.refuse(seg);
        this.destroy();
        return;
      }
      this.rcvNxt = endOff;
      this.sendAck();
      this.enterTimeWait();
      return;
    }
    // TIME_WAIT.
    if (segOff === this.rcvNxt && (endOff === segOff || f & RST)) {
      if (f & RST) {
        // TIME_WAIT assassination (RFC 1337 hazard) unless tcp_rfc1337=1.
        if (this.env.sys.tcp_rfc1337 === 0) this.destroy();
      } else {
        this.arm('tw', this.timeWaitLength(), 'time_wait');
      }
      return;
    }
    if (f & RST && !this.env.linux) {
      // RFC 9293 §3.10.7.4 second (RFC 5961 §3.2) holds in TIME-WAIT as in any synchronized
      // state: an inexact RST inside the window draws a challenge ACK. Linux's minisock
      // treats only seq == rcv_nxt as in window and drops every other RST.
      if (segOff > this.rcvNxt && segOff < this.rcvNxt + this.advWindow()) this.challengeAck();
      return;
    }
    if (!(f & RST)) {
      // A retransmitted FIN (or any out-of-window ACK-bearing segment) is re-ACKed and the
      // 2MSL timer restarted (RFC 9293 §3.10.7.4 eighth; inet_twsk_reschedule).
      if (f & ACK) this.arm('tw', this.timeWaitLength(), 'time_wait');
      this.twAck(seg);
    }
  }

  private twAck(seg: Segment): void {
    const limited = (seg.len === 0 && !(seg.flags & FIN)) || Boolean(seg.flags & SYN);
    if (limited && this.rateLimited()) return;
    this.sendCtl(ACK, this.sndNxt);
  }

  // ---------------------------------------------------------------- send path

  private sendSyn(withAck: boolean, why: string | undefined, armTimer = true): void {
    // A SYN's window is never scaled (RFC 7323 §2.2): the offered window itself.
    const win = Math.min(this.rcvSsthresh, MAX_TCP_WINDOW);
    this.emitSegment(0, withAck ? SYN | ACK : SYN, 0, win, this.synOpts, why);
    const prev = this.inflight[0];
    this.inflight = [
      {
        seq: 0,
        len: 0,
        syn: true,
        fin: false,
        sentAt: this.now,
        firstSentAt: prev?.firstSentAt ?? this.now,
      },
    ];
    this.sndNxt = 1;
    if (armTimer && this.timerAt.rtx < 0) {
      this.rtxKind = 'syn';
      this.arm('rtx', this.rto, 'retransmit');
    }
  }

  /**
   * tcp_write_xmit: new data (MSS-sized, Nagle) and a FIN behind it. `probe` is the loss
   * probe's call (push_one = 2, TCP_NAGLE_OFF): one segment, sent even past a full cwnd.
   */
  private trySend(probe = false): void {
    const s = this.state;
    if (
      s !== 'ESTABLISHED' &&
      s !== 'CLOSE_WAIT' &&
      s !== 'FIN_WAIT1' &&
      s !== 'LAST_ACK' &&
      s !== 'CLOSING'
    )
      return;
    let sentNew = false;
    while (this.sndNxt < this.writeSeq) {
      const flight = this.sndNxt - this.sndUna;
      const cwndBytes = probe ? Infinity : Math.floor(this.cwnd) * this.mss;
      const allowed = Math.min(this.sndWnd, cwndBytes) - flight;
      const remaining = this.writeSeq - this.sndNxt;
      let len = Math.min(this.mss, remaining);
      if (allowed < len) {
        if (allowed <= 0 || flight > 0) break;
        len = allowed;
      }
      const last = this.sndNxt + len === this.writeSeq;
      const fin = last && this.finQueued;
      // Nagle with Minshall's refinement (tcp_nagle_check / tcp_minshall_check): hold a
      // sub-MSS segment only while an earlier sub-MSS segment is still unacknowledged. A
      // segment carrying the FIN is never held (tcp_nagle_test; tcp_send_fin pushes with
      // TCP_NAGLE_OFF), so close() sends a held tail at once as FP.
      const nagleOff = this.nodelay || probe || fin;
      if (len < this.mss && !nagleOff && this.inflight.some((f) => f.len > 0 && f.len < this.mss))
        break;
      this.xmit(this.sndNxt, len, fin, last, undefined);
      this.inflight.push({
        seq: this.sndNxt,
        len,
        syn: false,
        fin,
        sentAt: this.now,
        firstSentAt: this.now,
      });
      this.sndNxt += len + (fin ? 1 : 0);
      if (fin) this.finSent = true;
      sentNew = true;
      if (probe) break;
    }
    if (this.finQueued && !this.finSent && this.sndNxt === this.writeSeq) {
      // tcp_send_fin: a bare F. when no data is waiting.
      this.xmit(this.sndNxt, 0, true, false, undefined);
      this.inflight.push({
        seq: this.sndNxt,
        len: 0,
        syn: false,
        fin: true,
        sentAt: this.now,
        firstSentAt: this.now,
      });
      this.sndNxt += 1;
      this.finSent = true;
      sentNew = true;
    }
    if (sentNew) {
      // tcp_event_data_sent: sending within ato of the last receive enters pingpong mode.
      if (this.env.linux && this.ato > 0 && this.now - this.lrcvTime < this.ato)
        this.pingpong = true;
      // Only a send that is not the probe's own schedules the next probe (push_one != 2).
      if (!probe && (this.timerAt.rtx < 0 || this.rtxKind === 'tlp')) this.armXmitTimer(false);
    }
  }

  private xmit(
    seqOff: number,
    len: number,
    fin: boolean,
    push: boolean,
    why: string | undefined,
  ): void {
    let flags = ACK;
    if (fin) flags |= FIN;
    if (push && len > 0) flags |= PSH;
    this.emitSegment(seqOff, flags, len, this.advWindow(), this.segOpts(), why);
    this.ackSent();
  }

  /**
   * tcp_set_xmit_timer: arm a tail loss probe (tcp_schedule_loss_probe, tcp_early_retrans=3)
   * when possible, else the RTO. PTO = 2·SRTT + (one packet out ? rto_min : 2 jiffies),
   * never later than the RTO. Recordings fin-lost, last-ack-lost and simultaneous-close show
   * the FIN re-sent ~0.2 s after it was lost (counter TCPLossProbes), then the RTO 0.2 s
   * after that, not doubled.
   */
  private armXmitTimer(fromAck: boolean): void {
    const sys = this.env.sys;
    const tlpOk =
      this.env.linux &&
      (sys.tcp_early_retrans === 3 || sys.tcp_early_retrans === 4) &&
      // tcp_schedule_loss_probe needs SACK (tcp_is_sack) on the connection.
      this.opts.sackOk &&
      !this.inLoss &&
      this.tlpHigh < 0 &&
      this.srtt > 0 &&
      this.inflight.length > 0;
    if (tlpOk) {
      const hz = sys.hz;
      const twoSrtt = hz > 0 ? Math.ceil(2 * this.srtt * hz - 1e-9) / hz : 2 * this.srtt;
      let pto =
        twoSrtt +
        (this.inflight.length === 1 ? this.rtoMin() : TCP_TIMEOUT_MIN_JIFFIES / Math.max(hz, 1));
      const head = this.inflight[0]!;
      const rtoDelta = this.rto - (this.now - head.sentAt);
      if (rtoDelta > 0) pto = Math.min(pto, rtoDelta);
      this.rtxKind = 'tlp';
      this.arm('rtx', pto, 'loss_probe');
      return;
    }
    if (fromAck || this.timerAt.rtx < 0 || this.rtxKind === 'tlp') {
      this.rtxKind = 'rto';
      this.arm('rtx', this.rto, 'retransmit');
    }
  }

  private retransmitSeg(idx: number, why: string): void {
    const s = this.inflight[idx];
    if (s === undefined) return;
    if (this.retransStamp < 0) this.retransStamp = s.firstSentAt;
    s.sentAt = this.now;
    if (s.syn) {
      // The caller (the retransmission timer) re-arms with the backed-off RTO.
      this.sendSyn(this.state === 'SYN_RECV', why, false);
      return;
    }
    // PSH as on the original transmission: only the segment that ended the written data.
    this.xmit(s.seq, s.len, s.fin, s.seq + s.len === this.writeSeq, why);
  }

  private fastRetransmit(): void {
    // RFC 5681 §3.2 / Reno: ssthresh = flight/2, retransmit the head, enter recovery.
    const flight = this.inflight.length;
    this.ssthresh = Math.max(2, Math.floor(flight / 2));
    this.cwnd = this.ssthresh;
    this.inLoss = true;
    this.recoveryPoint = this.sndNxt;
    this.retransmitSeg(0, 'fast_retransmit');
    this.rtxKind = 'rto';
    this.arm('rtx', this.rto, 'retransmit');
  }

  // ---------------------------------------------------------------- timers

  /**
   * tcp_send_loss_probe: one new segment if the receive window has room for it, whatever
   * cwnd says ("Force out a loss probe pkt" in tcp_write_xmit); else re-send the tail. Then
   * the full RTO from now (tcp_rearm_rto).
   */
  private onLossProbe(): void {
    if (this.inflight.length === 0) return;
    const before = this.sndNxt;
    if (this.sndNxt < this.writeSeq) this.trySend(true);
    if (this.sndNxt === before) this.retransmitSeg(this.inflight.length - 1, 'tlp');
    this.tlpHigh = this.sndNxt;
    this.rtxKind = 'rto';
    this.arm('rtx', this.rto, 'retransmit');
  }

  /**
   * tcp_retransmit_timer → tcp_write_timeout. SYN_SENT: give up when
   * retransmits ≥ syn_retries + syn_linear_timeouts or when the time since the first SYN
   * reaches tcp_model_timeout(syn_retries, 1 s) (FIDELITY §0); the first
   * tcp_syn_linear_timeouts retransmissions keep RTO = 1 s. Other states: time bound
   * tcp_model_timeout(retries2 or orphan retries, 200 ms) from the oldest unacked send.
   */
  private onRetransmitTimer(): void {
    const sys = this.env.sys;
    const linux = this.env.linux;
    if (this.inflight.length === 0) return;
    const synState = this.state === 'SYN_SENT' || this.state === 'SYN_RECV';
    let expired: boolean;
    const userTimeout = this.userTimeout;
    if (synState) {
      const retryUntil = sys.tcp_syn_retries;
      const maxRetrans =
        retryUntil + (this.state === 'SYN_SENT' && linux ? sys.tcp_syn_linear_timeouts : 0);
      expired = this.retransmits >= maxRetrans;
      if (!expired && userTimeout > 0) {
        expired = this.userTimedOut(this.inflight[0]!.firstSentAt);
      } else if (!expired && linux) {
        const stamp = this.inflight[0]!.firstSentAt;
        expired =
          this.now - stamp >=
          modelTimeout(retryUntil, TCP_TIMEOUT_INIT, sys.tcp_rto_max_ms / 1000) - 1e-9;
      }
    } else {
      let retryUntil = sys.tcp_retries2;
      if (this.orphan) {
        const alive = this.rto < sys.tcp_rto_max_ms / 1000;
        retryUntil = sys.tcp_orphan_retries === 0 ? (alive ? 8 : 0) : sys.tcp_orphan_retries;
      }
      const stamp = this.retransStamp >= 0 ? this.retransStamp : this.inflight[0]!.firstSentAt;
      expired =
        userTimeout > 0
          ? this.userTimedOut(stamp)
          : this.now - stamp >= modelTimeout(retryUntil, 0.2, sys.tcp_rto_max_ms / 1000) - 1e-9;
    }
    if (expired) {
      // tcp_write_err: ETIMEDOUT, no segment sent.
      this.resetConn('ETIMEDOUT');
      return;
    }
    if (synState) this.synRetransmitted = true;
    else {
      this.ssthresh = Math.max(2, Math.floor(this.inflight.length / 2));
      this.cwnd = 1;
      this.inLoss = true;
      this.recoveryPoint = this.sndNxt;
    }
    this.retransmits++;
    this.totalRto++;
    this.retransmitSeg(0, 'rto');
    // Linear SYN timeouts (6.5+, total_rto test since 6.7): back off only after the first
    // tcp_syn_linear_timeouts retransmissions. The rfc profile doubles from the first one.
    const linear =
      linux && this.state === 'SYN_SENT' && this.totalRto <= sys.tcp_syn_linear_timeouts;
    if (!linear) {
      this.backoff++;
      this.rto = Math.min(this.rto * 2, sys.tcp_rto_max_ms / 1000);
    }
    this.rtxKind = 'rto';
    this.arm('rtx', this.clampRtoToUserTimeout(), 'retransmit');
  }

  /**
   * retransmits_timed_out with TCP_USER_TIMEOUT: at least one retransmission, and the user
   * timeout elapsed since the first one's original send (retrans_stamp). It replaces both the
   * count and the model-time bounds (tcp_write_timeout), in SYN states too.
   */
  private userTimedOut(stamp: number): boolean {
    return this.retransmits > 0 && this.now - stamp >= this.userTimeout - 1e-9;
  }

  /**
   * tcp_clamp_rto_to_user_timeout: the next retransmission timer never runs past the user
   * timeout; once that has passed it fires in one jiffy, and tcp_write_timeout gives up.
   */
  private clampRtoToUserTimeout(): number {
    if (this.userTimeout <= 0 || this.retransStamp < 0) return this.rto;
    const remaining = this.userTimeout - (this.now - this.retransStamp);
    if (remaining <= 1e-9) {
      const hz = this.env.sys.hz;
      return hz > 0 ? 1 / hz : 0;
    }
    return Math.min(this.rto, remaining);
  }

  private startKeepalive(): void {
    if (!this.keepalive.on) return;
    this.arm('keepalive', this.keepalive.idle ?? this.env.sys.tcp_keepalive_time, 'keepalive');
  }

  /** tcp_keepalive_timer: probe = ACK with seq snd_una-1; after `cnt` unanswered probes, R. and ETIMEDOUT. */
  private onKeepalive(): void {
    if (!this.keepalive.on || this.state === 'CLOSED' || this.minisock) return;
    const sys = this.env.sys;
    const idle = this.keepalive.idle ?? sys.tcp_keepalive_time;
    const intvl = this.keepalive.intvl ?? sys.tcp_keepalive_intvl;
    const cnt = this.keepalive.cnt ?? sys.tcp_keepalive_probes;
    if (this.inflight.length > 0 || this.sndNxt < this.writeSeq) {
      this.arm('keepalive', idle, 'keepalive');
      return;
    }
    const elapsed = this.now - this.lastRcv;
    if (elapsed >= idle - 1e-9) {
      // tcp_keepalive_timer: with TCP_USER_TIMEOUT set, the silence it allows (once a probe
      // is out) replaces the probe count.
      const ut = this.userTimeout;
      if (ut > 0 ? this.probesOut > 0 && elapsed >= ut - 1e-9 : this.probesOut >= cnt) {
        this.sendCtl(RST | ACK, this.sndNxt, 'keepalive_timeout');
        this.resetConn('ETIMEDOUT');
        return;
      }
      this.sendCtl(ACK, this.sndUna - 1, 'keepalive');
      this.probesOut++;
      this.arm('keepalive', intvl, 'keepalive');
      return;
    }
    this.arm('keepalive', idle - elapsed, 'keepalive');
  }
}
