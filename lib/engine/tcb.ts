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
  lport: number;
  remote: string;
  rport: number;
  cport: number;
  key: string;
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

export function newConn(init: {
  id: number;
  host: string;
  lport: number;
  remote: string;
  rport: number;
  cport: number;
  iss: number;
  passive: boolean;
  mss: number;
  rto: number;
}): Conn {
  return {
    ...init,
    key: connKey(init.lport, init.remote, init.rport),
    state: 'CLOSED',
    minisock: false,
    irs: 0,
    sndUna: 0,
    sndNxt: 0,
    writeSeq: 1,
    finQueued: false,
    finSent: false,
    sndWnd: 65535,
    cwnd: 10,
    ssthresh: 1 << 30,
    inLoss: false,
    recoveryPoint: 0,
    dupAcks: 0,
    inflight: [],
    rcvNxt: 0,
    rcvWup: 0,
    rcvBuf: 65536,
    unread: 0,
    ooo: [],
    finRcvd: false,
    srtt: 0,
    rttvar: 0,
    backoff: 0,
    retransmits: 0,
    totalRto: 0,
    retransStamp: -1,
    tlpHigh: -1,
    synRetransmitted: false,
    ato: 0,
    quick: 0,
    pingpong: false,
    ackPending: false,
    lrcvTime: 0,
    lastOowAck: -Infinity,
    keepalive: { on: false, idle: undefined, intvl: undefined, cnt: undefined },
    probesOut: 0,
    lastRcv: 0,
    nodelay: false,
    lingerZero: false,
    orphan: false,
    rcvShutdown: false,
    sndShutdown: false,
    err: undefined,
    dead: false,
    timerGen: { rtx: 0, delack: 0, keepalive: 0, tw: 0 },
    timerAt: { rtx: -1, delack: -1, keepalive: -1, tw: -1 },
    rtxKind: 'rto',
    twKind: 'time_wait',
  };
}

export function connKey(lport: number, remote: string, rport: number): string {
  return `${lport}|${remote}|${rport}`;
}
