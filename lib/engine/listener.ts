// The listening socket (Linux's inet_csk_* / tcp_conn_request / tcp_check_req): request socks
// (the SYN queue), the accept queue, SYN-ACK retransmission, overflow and SYN cookies.

import { type Segment } from './segment';
import { seqAdd, seqDiff } from './sequence';
import {
  ACK,
  FIN,
  RST,
  SYN,
  TCPOLEN_TSTAMP,
  TCP_TIMEOUT_INIT,
  type Host,
  type Listener,
  type Request,
  type World,
} from './sim';
import { SYNCOOKIE_MSS, checkCookie, makeCookie, mssIndex } from './syncookies';
import { type Conn, newConn } from './tcb';
import { timerFireTime } from './timers';

export function listenerProcess(w: World, host: Host, lst: Listener, seg: Segment): void {
  const req = lst.reqs.get(seg.src, seg.dport, seg.sport);
  if (req !== undefined) {
    checkReq(w, host, lst, req, seg);
    return;
  }
  const f = seg.flags;
  // LISTEN input (tcp_rcv_state_process case TCP_LISTEN; RFC 9293 §3.10.7.2).
  if (f & RST) return;
  if (f & ACK) {
    if (!(f & SYN) && cookieCheck(w, host, lst, seg)) return;
    w.sendReset(host, seg);
    return;
  }
  if (f & SYN && !(f & FIN)) connRequest(w, host, lst, seg, undefined);
}

export function acceptqFull(lst: Listener): boolean {
  // sk_acceptq_is_full: `>`, so backlog + 1 children fit (commit 64a146513f8f revert).
  return lst.acceptQ.length > lst.maxAck;
}

/** tcp_conn_request (order of checks: FIDELITY item 35). */
export function connRequest(
  w: World,
  host: Host,
  lst: Listener,
  seg: Segment,
  twIsn: number | undefined,
): void {
  const sys = host.sys;
  let wantCookie = false;
  if (twIsn === undefined && (sys.tcp_syncookies === 2 || lst.reqs.size > lst.maxAck)) {
    lst.lastOverflow = w.now;
    if (sys.tcp_syncookies === 0) return; // TCPREQQFULLDROP: dropped silently
    wantCookie = true;
  }
  // A full accept queue drops the SYN (ListenOverflows), even with cookies: the recordings
  // accept-overflow-* show clients 3 and 4 getting no SYN-ACK at all.
  if (acceptqFull(lst)) return;
  if (!wantCookie && twIsn === undefined && sys.tcp_syncookies === 0) {
    // "last quarter of backlog is filled with destinations proven to be alive".
    const max = sys.tcp_max_syn_backlog;
    if (max - lst.reqs.size < max >> 2) return;
  }
  const peerMss = seg.mss || 536;
  const cport = seg.cport;
  if (wantCookie) {
    const isn = makeCookie(w.cookieSecret, seg, peerMss, w.now);
    const m = Math.min(SYNCOOKIE_MSS[mssIndex(peerMss)]!, w.ownMss());
    w.emit(host, {
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
    remote: seg.src,
    lport: seg.dport,
    rport: seg.sport,
    cport,
    irs: seg.seq,
    iss: twIsn ?? w.chooseIsn(host),
    peerMss,
    numTimeout: 0,
    acked: false,
    gen: 0,
    lastSent: w.now,
    lastOow: -Infinity,
  };
  lst.reqs.set(req);
  w.stateRecord(host.name, 'conn', cport, 'SYN_RECV');
  sendSynAck(w, host, req, undefined);
  armReq(w, lst, req, TCP_TIMEOUT_INIT);
}

function sendSynAck(w: World, host: Host, req: Request, why: string | undefined): void {
  req.lastSent = w.now;
  const init = {
    sport: host.port,
    dst: req.remote,
    dport: req.rport,
    seq: req.iss,
    ack: seqAdd(req.irs, 1),
    flags: SYN | ACK,
    len: 0,
    win: 65160,
    mss: w.ownMss(),
    cport: req.cport,
  };
  w.emit(host, why === undefined ? init : { ...init, why });
}

function armReq(w: World, lst: Listener, req: Request, delay: number): void {
  req.gen++;
  const at = timerFireTime(
    w.now,
    delay,
    w.host(lst.host).sys.hz,
    w.host(lst.host).sys.hz_phase_us / 1e6,
  );
  w.q.push(at, { k: 'req', lst, req, gen: req.gen });
}

/** reqsk_timer_handler + syn_ack_recalc: SYN-ACKs at 1, 3, 7, 15, 31 s; silent drop at 63 s. */
export function onReqTimer(w: World, lst: Listener, req: Request): void {
  const host = w.host(lst.host);
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
    lst.reqs.delete(req);
    w.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
    return;
  }
  sendSynAck(w, host, req, 'synack_timer');
  req.numTimeout++;
  armReq(w, lst, req, Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000));
}

/** tcp_check_req: a segment for a pending request (TCP_NEW_SYN_RECV). */
function checkReq(w: World, host: Host, lst: Listener, req: Request, seg: Segment): void {
  const f = seg.flags;
  const sys = host.sys;
  const segOff = seqDiff(seg.seq, req.irs);
  if (f & SYN && !(f & (ACK | RST)) && segOff === 0) {
    // Retransmitted SYN: re-send the SYN-ACK now (unless an out-of-window answer went out
    // within tcp_invalid_ratelimit) and push the request timer (recording synack-dropped).
    if (w.now - req.lastOow < sys.tcp_invalid_ratelimit / 1000) return;
    req.lastOow = w.now;
    sendSynAck(w, host, req, 'syn_retransmit');
    armReq(
      w,
      lst,
      req,
      Math.min(TCP_TIMEOUT_INIT * 2 ** req.numTimeout, sys.tcp_rto_max_ms / 1000),
    );
    return;
  }
  if (f & ACK && seqDiff(seg.ack, req.iss) !== 1) {
    // "Invalid ACK: reset will be sent by listening socket"; the request is kept.
    w.sendReset(host, seg);
    return;
  }
  const inWindow = segOff >= 1 - (f & SYN ? 0 : 0) && segOff <= 1 + 65535;
  if (!inWindow && !(f & RST)) {
    if (w.now - req.lastOow >= sys.tcp_invalid_ratelimit / 1000) {
      req.lastOow = w.now;
      w.emit(host, {
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
    if (!(f & RST)) w.sendReset(host, seg);
    lst.reqs.delete(req);
    w.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
    return;
  }
  if (!(f & ACK)) return;
  if (acceptqFull(lst)) {
    // Accept-queue overflow on the third ACK (tcp_check_req listen_overflow).
    if (sys.tcp_abort_on_overflow === 0) {
      req.acked = true;
      return;
    }
    w.sendReset(host, seg);
    lst.reqs.delete(req);
    w.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
    return;
  }
  lst.reqs.delete(req);
  const child = makeChild(
    w,
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
  w.established(host, child, seg);
  wakeAccept(w, host);
}

function makeChild(
  w: World,
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
    id: w.nextId++,
    host: host.name,
    owner: host,
    lport: host.port,
    remote,
    rport,
    cport,
    iss,
    passive: true,
    mss: Math.min(peerMss, w.ownMss()) - TCPOLEN_TSTAMP,
    rto: TCP_TIMEOUT_INIT,
  });
  c.irs = irs;
  c.rcvNxt = 1;
  c.rcvWup = 1;
  c.sndUna = 0;
  c.sndNxt = 1;
  c.lastRcv = w.now;
  const opts = host.app.pendingOpts;
  c.keepalive = { ...opts.keepalive };
  c.nodelay = opts.nodelay;
  host.conns.set(c);
  lst.acceptQ.push(c);
  return c;
}

function wakeAccept(w: World, host: Host): void {
  w.q.push(w.now, { k: 'app', host });
}

/** cookie_v4_check: only if the listener overflowed within the last 2 minutes. */
function cookieCheck(w: World, host: Host, lst: Listener, ack: Segment): boolean {
  if (host.sys.tcp_syncookies === 0 || w.now - lst.lastOverflow > 120) return false;
  const mss = checkCookie(w.cookieSecret, ack, w.now);
  if (mss === undefined) return false;
  const cookie = seqAdd(ack.ack, -1);
  const clientIsn = seqAdd(ack.seq, -1);
  if (acceptqFull(lst)) return true; // valid cookie but no room: the ACK is dropped
  const child = makeChild(w, host, lst, ack.src, ack.sport, ack.cport, cookie, clientIsn, mss);
  child.state = 'SYN_RECV';
  w.stateRecord(host.name, 'conn', child.cport, 'SYN_RECV');
  w.established(host, child, ack);
  wakeAccept(w, host);
  return true;
}
