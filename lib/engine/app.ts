// The program runner: each endpoint executes its scenario steps like a blocking-socket
// program (connect, accept, send, recv, shutdown, close, ...) and records the application's
// view of what happened (trace events).

import { assertNever } from './errors';
import type { ResolvedStep } from './resolve';
import { seqAdd } from './sequence';
import {
  ACK,
  RST,
  SYN,
  TCPOLEN_TSTAMP,
  TCP_TIMEOUT_INIT,
  type Host,
  type Listener,
  type World,
} from './sim';
import type { TcpState } from './types';
import { type Conn, TupleTable, newConn } from './tcb';

export function runApp(w: World, host: Host): void {
  const app = host.app;
  for (let guard = 0; guard < 10000 && !app.done; guard++) {
    const step = host.ep.program[app.pc];
    if (step === undefined) {
      exitProgram(w, host);
      return;
    }
    if (!app.started) {
      const startAt = Math.max(step.at ?? 0, app.readyAt);
      if (w.now < startAt) {
        if (app.waitingAt !== startAt) {
          app.waitingAt = startAt;
          w.q.push(startAt, { k: 'app', host });
        }
        return;
      }
    }
    if (!runStep(w, host, step)) return;
    app.pc++;
    app.started = false;
    app.waitingAt = -1;
    app.readyAt = w.now + w.sc.appLatency;
  }
}

/** Exit: the process closes what it still holds; a program ending in `listen` keeps serving. */
function exitProgram(w: World, host: Host): void {
  const app = host.app;
  app.done = true;
  const last = host.ep.program[host.ep.program.length - 1];
  if (last !== undefined && last.kind === 'listen') return;
  for (const c of app.conns) if (!c.orphan) appClose(w, host, c, false);
  if (app.listener !== undefined && !app.listener.closed) closeListener(w, host, app.listener);
}

/** Runs (or continues) one step; returns true when it completed. */
function runStep(w: World, host: Host, step: ResolvedStep): boolean {
  const app = host.app;
  const c = app.conn;
  switch (step.kind) {
    case 'listen': {
      const lst: Listener = {
        host: host.name,
        port: host.port,
        maxAck: Math.min(step.backlog < 0 ? host.sys.somaxconn : step.backlog, host.sys.somaxconn),
        reqs: new TupleTable(),
        acceptQ: [],
        lastOverflow: -Infinity,
        closed: false,
      };
      host.listeners.set(host.port, lst);
      app.listener = lst;
      w.stateRecord(host.name, 'listener', null, 'LISTEN');
      w.appEvent(host, 'listen');
      return true;
    }
    case 'accept': {
      const lst = app.listener;
      if (lst === undefined) {
        w.appEvent(host, 'error', { op: 'accept', errno: 'ENOTCONN' });
        return true;
      }
      const child = lst.acceptQ.shift();
      if (child === undefined) return false;
      app.conn = child;
      app.conns.push(child);
      w.appEvent(host, 'accept', { cport: child.cport });
      return true;
    }
    case 'connect': {
      if (!app.started) {
        app.started = true;
        const peer = w.host(step.peer);
        const rport = step.port ?? peer.port;
        const conn = newConn({
          id: w.nextId++,
          host: host.name,
          owner: host,
          lport: host.port,
          remote: peer.name,
          rport,
          cport: Math.max(host.port, rport),
          iss: w.chooseIsn(host),
          passive: false,
          mss: w.ownMss() - TCPOLEN_TSTAMP,
          rto: TCP_TIMEOUT_INIT,
        });
        const opts = app.pendingOpts;
        conn.keepalive = { ...opts.keepalive };
        conn.nodelay = opts.nodelay;
        conn.lingerZero = opts.lingerZero;
        host.conns.set(conn);
        app.conn = conn;
        app.conns.push(conn);
        w.setState(conn, 'SYN_SENT');
        w.sendSyn(conn, false, undefined);
        return false;
      }
      if (c === undefined) return true;
      if (c.state === 'ESTABLISHED' || c.state === 'CLOSE_WAIT') {
        w.appEvent(host, 'connect_ok', { cport: c.cport });
        return true;
      }
      if (c.err !== undefined || c.state === 'CLOSED') {
        w.appEvent(host, 'connect_error', { cport: c.cport, errno: c.err ?? 'ECONNREFUSED' });
        c.err = undefined;
        // A failed connect() ends the program (the recorded programs exit).
        app.done = true;
        return false;
      }
      return false;
    }
    case 'send': {
      if (c === undefined) {
        w.appEvent(host, 'error', { op: 'send', errno: 'ENOTCONN' });
        return true;
      }
      if (c.err !== undefined) {
        w.appEvent(host, 'error', { op: 'send', errno: c.err, cport: c.cport });
        c.err = undefined;
        return true;
      }
      if (c.dead || c.sndShutdown || c.state === 'CLOSED') {
        w.appEvent(host, 'error', { op: 'send', errno: 'EPIPE', cport: c.cport });
        return true;
      }
      c.writeSeq += step.bytes;
      w.appEvent(host, 'send', { bytes: step.bytes, cport: c.cport });
      w.trySend(c);
      return true;
    }
    case 'recv':
    case 'recv_until_eof': {
      if (c === undefined) {
        w.appEvent(host, 'error', { op: 'recv', errno: 'ENOTCONN' });
        return true;
      }
      const want = step.kind === 'recv' ? step.bytes : Infinity;
      // tcp_recvmsg stops waiting once RCV_SHUTDOWN is set (peer FIN or our shutdown(SHUT_RD)):
      // it returns what is queued, or 0 when nothing is (FIDELITY.md item 74).
      const rcvDone = c.finRcvd || c.dead || c.rcvShutdown;
      if (
        c.unread > 0 &&
        (want === 'all' || step.kind === 'recv_until_eof' || c.unread >= want || rcvDone)
      ) {
        const n = want === 'all' || want === Infinity ? c.unread : Math.min(c.unread, want);
        c.unread -= n;
        w.appEvent(host, 'recv', { bytes: n, cport: c.cport });
        if (step.kind === 'recv') return true;
      }
      if (c.err !== undefined) {
        w.appEvent(host, 'error', { op: 'recv', errno: c.err, cport: c.cport });
        c.err = undefined;
        return true;
      }
      if (c.unread === 0 && rcvDone) {
        w.appEvent(host, 'eof', { cport: c.cport });
        return true;
      }
      if (step.kind === 'recv' && want === 'all') return c.unread === 0 ? false : true;
      return false;
    }
    case 'shutdown': {
      if (c === undefined) return true;
      w.appEvent(host, 'shutdown', { cport: c.cport });
      if (step.how === 'read' || step.how === 'both') c.rcvShutdown = true;
      if (step.how === 'write' || step.how === 'both') shutdownWrite(w, c);
      return true;
    }
    case 'close': {
      if (step.socket === 'listener') {
        if (app.listener !== undefined) closeListener(w, host, app.listener);
        return true;
      }
      if (c === undefined) {
        if (app.listener !== undefined) closeListener(w, host, app.listener);
        return true;
      }
      appClose(w, host, c, true);
      return true;
    }
    case 'abort': {
      if (c === undefined) return true;
      c.lingerZero = true;
      appClose(w, host, c, true);
      return true;
    }
    case 'sleep': {
      if (!app.started) {
        app.started = true;
        app.waitingAt = w.now + step.seconds;
        w.q.push(app.waitingAt, { k: 'app', host });
        return false;
      }
      return w.now >= app.waitingAt;
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
          w.startKeepalive(target);
      }
      return true;
    }
    case 'syn_flood': {
      // Spoofed SYNs: each from a different (nonexistent) source port; their SYN-ACKs vanish.
      const target = w.host(step.target);
      const port = step.srcPort + app.floodSent;
      host.spoofPorts.add(port);
      w.emit(host, {
        sport: port,
        dst: target.name,
        dport: target.port,
        seq: w.rng.uint32(),
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
      app.waitingAt = w.now + step.interval;
      w.q.push(app.waitingAt, { k: 'app', host });
      return false;
    }
    case 'inject_syn': {
      // An old duplicate SYN from an earlier incarnation (RFC 9293 §3.5 Fig. 8): its
      // sequence number is seq_offset away from the ISN this endpoint will use next.
      const target = w.host(step.to);
      w.emit(host, {
        sport: host.port,
        dst: target.name,
        dport: target.port,
        seq: seqAdd(host.ep.isn, step.seqOffset),
        ack: 0,
        flags: SYN,
        len: 0,
        win: 64240,
        mss: w.ownMss(),
        cport: Math.max(host.port, target.port),
        why: 'old_duplicate',
      });
      return true;
    }
    default:
      return assertNever(step, 'step');
  }
}

function shutdownWrite(w: World, c: Conn): void {
  if (c.sndShutdown) return;
  c.sndShutdown = true;
  switch (c.state) {
    case 'ESTABLISHED':
      w.setState(c, 'FIN_WAIT1');
      break;
    case 'CLOSE_WAIT':
      w.setState(c, 'LAST_ACK');
      break;
    default:
      return;
  }
  c.finQueued = true;
  w.trySend(c);
}

/** tcp_close (RFC 9293 §3.10.4). */
function appClose(w: World, host: Host, c: Conn, emitEvent: boolean): void {
  if (emitEvent) w.appEvent(host, 'close', { cport: c.cport });
  if (c.orphan) return;
  c.orphan = true;
  c.rcvShutdown = true;
  if (c.state === 'CLOSED' || c.minisock) return;
  if (c.state === 'SYN_SENT') {
    // close() in SYN_SENT: no RST, the socket just vanishes (close-on-syn-sent.pkt).
    w.destroy(host, c);
    return;
  }
  if (c.unread > 0 || c.lingerZero) {
    // Unread data was tossed (RFC 2525 §2.17) or SO_LINGER 0: R. and CLOSED, no FIN.
    // __tcp_close resets for unread data in any state (LAST_ACK and CLOSING too); only
    // SO_LINGER 0 goes through tcp_disconnect and its tcp_need_reset list of states.
    const resetStates: TcpState[] = [
      'ESTABLISHED',
      'CLOSE_WAIT',
      'FIN_WAIT1',
      'FIN_WAIT2',
      'SYN_RECV',
    ];
    if (c.unread > 0 || resetStates.includes(c.state))
      w.sendCtl(c, RST | ACK, c.sndNxt, c.unread > 0 ? 'unread_data' : 'abort');
    w.destroy(host, c);
    return;
  }
  if (c.state === 'FIN_WAIT2') {
    w.enterFinWait2Orphan(c);
    return;
  }
  if (c.state === 'ESTABLISHED' || c.state === 'CLOSE_WAIT' || c.state === 'SYN_RECV') {
    c.sndShutdown = true;
    w.setState(c, c.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
    c.finQueued = true;
    w.trySend(c);
  }
}

/** Closing a listener resets unaccepted children (R. via tcp_disconnect) and drops requests. */
function closeListener(w: World, host: Host, lst: Listener): void {
  if (lst.closed) return;
  lst.closed = true;
  w.appEvent(host, 'close', { socket: 'listener' });
  w.stateRecord(host.name, 'listener', null, 'CLOSED');
  for (const req of lst.reqs.values()) w.stateRecord(host.name, 'conn', req.cport, 'CLOSED');
  lst.reqs.clear();
  for (const child of [...lst.acceptQ]) {
    if (child.state !== 'CLOSED') w.sendCtl(child, RST | ACK, child.sndNxt);
    child.orphan = true;
    w.destroy(host, child);
  }
  lst.acceptQ = [];
  host.listeners.delete(lst.port);
}
