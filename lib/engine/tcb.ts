// The transmission control block of one connection (RFC 9293 §3.3.1) plus the Linux state
// the engine needs (delayed-ACK engine, RTO/TLP bookkeeping, keepalive, orphan flag).
// Sequence variables are offsets from the ISNs (send side from ISS, receive side from IRS),
// so they never wrap; absolute uint32 values exist only on the wire (see sequence.ts).

import type { Errno, TcpState } from './types';

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

export type TimerSlot = 'rtx' | 'delack' | 'keepalive' | 'tw';

export interface KeepaliveOpts {
  on: boolean;
  idle: number | undefined;
  intvl: number | undefined;
  cnt: number | undefined;
}

export interface Conn {
  id: number;
  host: string;
  /** The simulator's host object (opaque here; saves a lookup by name on the hot path). */
  owner: unknown;
  lport: number;
  remote: string;
  rport: number;
  cport: number;
  state: TcpState;
  passive: boolean;
  /** Minisock after close(): TIME_WAIT, or the orphaned FIN_WAIT2 substate (tcp_minisocks.c). */
  minisock: boolean;
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  /** End of the data the application has written (offset from ISS). */
  writeSeq: number;
  finQueued: boolean;
  finSent: boolean;
  sndWnd: number;
  mss: number;
  cwnd: number;
  ssthresh: number;
  inLoss: boolean;
  recoveryPoint: number;
  dupAcks: number;
  inflight: InFlight[];
  rcvNxt: number;
  rcvWup: number;
  rcvBuf: number;
  unread: number;
  ooo: Array<{ start: number; end: number; fin: boolean }>;
  finRcvd: boolean;
  srtt: number;
  rttvar: number;
  rto: number;
  backoff: number;
  retransmits: number;
  totalRto: number;
  retransStamp: number;
  tlpHigh: number;
  synRetransmitted: boolean;
  /** Delayed-ACK engine (inet_connection_sock icsk_ack). */
  ato: number;
  quick: number;
  pingpong: boolean;
  ackPending: boolean;
  lrcvTime: number;
  lastOowAck: number;
  keepalive: KeepaliveOpts;
  probesOut: number;
  lastRcv: number;
  nodelay: boolean;
  lingerZero: boolean;
  /** close() was called: the socket has no file descriptor any more. */
  orphan: boolean;
  rcvShutdown: boolean;
  sndShutdown: boolean;
  /** Pending socket error reported to the next blocking call (sk_err). */
  err: Errno | undefined;
  /** The application saw the connection reset or time out: later writes get EPIPE. */
  dead: boolean;
  timerGen: Record<TimerSlot, number>;
  timerAt: Record<TimerSlot, number>;
  rtxKind: 'rto' | 'tlp' | 'syn' | 'keepalive_none';
  twKind: 'time_wait' | 'fin_wait2';
}

export interface ConnInit {
  id: number;
  host: string;
  owner: unknown;
  lport: number;
  remote: string;
  rport: number;
  cport: number;
  iss: number;
  passive: boolean;
  mss: number;
  rto: number;
}

export function newConn(init: ConnInit): Conn {
  return new ConnRecord(init) as unknown as Conn;
}

// Every field assigned in the constructor, in one order: V8 gives all instances one
// hidden class with in-object slots (an object spread or adding fields later is much slower).
class ConnRecord {
  constructor(init: {
    id: number;
    host: string;
    owner: unknown;
    lport: number;
    remote: string;
    rport: number;
    cport: number;
    iss: number;
    passive: boolean;
    mss: number;
    rto: number;
  }) {
    const c = this as unknown as Conn;
    c.id = init.id;
    c.host = init.host;
    c.owner = init.owner;
    c.lport = init.lport;
    c.remote = init.remote;
    c.rport = init.rport;
    c.cport = init.cport;
    c.iss = init.iss;
    c.passive = init.passive;
    c.mss = init.mss;
    c.rto = init.rto;
    c.state = 'CLOSED';
    c.minisock = false;
    c.irs = 0;
    c.sndUna = 0;
    c.sndNxt = 0;
    c.writeSeq = 1;
    c.finQueued = false;
    c.finSent = false;
    c.sndWnd = 65535;
    c.cwnd = 10;
    c.ssthresh = 1 << 30;
    c.inLoss = false;
    c.recoveryPoint = 0;
    c.dupAcks = 0;
    c.inflight = [];
    c.rcvNxt = 0;
    c.rcvWup = 0;
    c.rcvBuf = 65536;
    c.unread = 0;
    c.ooo = [];
    c.finRcvd = false;
    c.srtt = 0;
    c.rttvar = 0;
    c.backoff = 0;
    c.retransmits = 0;
    c.totalRto = 0;
    c.retransStamp = -1;
    c.tlpHigh = -1;
    c.synRetransmitted = false;
    c.ato = 0;
    c.quick = 0;
    c.pingpong = false;
    c.ackPending = false;
    c.lrcvTime = 0;
    c.lastOowAck = -Infinity;
    c.keepalive = { on: false, idle: undefined, intvl: undefined, cnt: undefined };
    c.probesOut = 0;
    c.lastRcv = 0;
    c.nodelay = false;
    c.lingerZero = false;
    c.orphan = false;
    c.rcvShutdown = false;
    c.sndShutdown = false;
    c.err = undefined;
    c.dead = false;
    c.timerGen = { rtx: 0, delack: 0, keepalive: 0, tw: 0 };
    c.timerAt = { rtx: -1, delack: -1, keepalive: -1, tw: -1 };
    c.rtxKind = 'rto';
    c.twKind = 'time_wait';
  }
}

export interface TupleKeyed {
  remote: string;
  lport: number;
  rport: number;
}

/**
 * Sockets by 4-tuple: remote endpoint name, then the port pair as one number. Looking up
 * with the segment's own string and numbers avoids building a key string per segment.
 */
export class TupleTable<T extends TupleKeyed> {
  private readonly byRemote = new Map<string, Map<number, T>>();
  size = 0;

  get(remote: string, lport: number, rport: number): T | undefined {
    return this.byRemote.get(remote)?.get(lport * 65536 + rport);
  }

  set(item: T): void {
    let byPorts = this.byRemote.get(item.remote);
    if (byPorts === undefined) {
      byPorts = new Map();
      this.byRemote.set(item.remote, byPorts);
    }
    const k = item.lport * 65536 + item.rport;
    if (!byPorts.has(k)) this.size++;
    byPorts.set(k, item);
  }

  /** Removes `item` if it is still the one registered for its 4-tuple. */
  delete(item: T): void {
    const byPorts = this.byRemote.get(item.remote);
    const k = item.lport * 65536 + item.rport;
    if (byPorts !== undefined && byPorts.get(k) === item) {
      byPorts.delete(k);
      this.size--;
    }
  }

  has(item: T): boolean {
    return this.get(item.remote, item.lport, item.rport) === item;
  }

  values(): T[] {
    const out: T[] = [];
    for (const byPorts of this.byRemote.values()) for (const v of byPorts.values()) out.push(v);
    return out;
  }

  clear(): void {
    this.byRemote.clear();
    this.size = 0;
  }
}
