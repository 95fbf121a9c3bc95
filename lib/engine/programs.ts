// The program runner: each endpoint executes its scenario steps like a socket program (connect,
// accept, send, recv, shutdown, close, ...; blocking unless it set O_NONBLOCK) and records each
// system call with its return value or errno (trace events). One small function per step kind;
// the world is reached only through the `Kernel` interface, so this module does not depend on it.

import { type CallResult, type Connection, synOffer } from './connection';
import { assertNever } from './errors';
import type { Host } from './host';
import type { Listener } from './listener';
import type { ResolvedStep } from './resolve';
import type { SeqNumber } from './resolve';
import { ACK, SYN, type Segment, flagString, flagsFromString } from './segment';
import { seqAdd, seqDiff } from './sequence';
import { ERRNO_NUMBER, FIRST_SOCKET_FD, RCV_BUF, initialWindow } from './linux';
import type { Errno, TraceEvent, TraceEventKind } from './trace-schema';

/** The system calls and bookkeeping a program needs from the world. */
export interface Kernel {
  readonly now: number;
  /** Seconds between the end of one program step and the start of the next. */
  readonly appLatency: number;
  /** Run this host's program again at `at`. */
  wakeAt(host: Host, at: number): void;
  /** Record an application event in the trace. */
  event(host: Host, event: TraceEventKind, extra?: Partial<TraceEvent>): void;
  /** socket() + connect(): a new connection in SYN_SENT with the program's options. */
  connect(host: Host, peer: string, port: number | undefined): Connection;
  /** socket() + bind() + listen(); bind() can fail with EADDRINUSE. */
  listen(host: Host, backlog: number): Listener | 'EADDRINUSE';
  /** close() on the listening socket. */
  closeListener(host: Host, lst: Listener): void;
  /** A raw segment on the wire (a spoofed SYN, an old duplicate, a scripted peer's segment). */
  raw(seg: Omit<Segment, 'traceIndex'>): void;
  /** The scenario ISN of an endpoint (the ISN of its first connection). */
  isnOf(endpoint: string): number;
  /** A random 32-bit number from the run's PRNG. */
  random32(): number;
  /** The port an endpoint listens or connects from. */
  portOf(endpoint: string): number;
}

type StepOf<K extends ResolvedStep['kind']> = Extract<ResolvedStep, { kind: K }>;
/** Runs (or continues) one step; returns true when it completed. */
type StepRunner<K extends ResolvedStep['kind']> = (
  k: Kernel,
  host: Host,
  step: StepOf<K>,
) => boolean;

export function runProgram(k: Kernel, host: Host): void {
  const app = host.app;
  for (let guard = 0; guard < 10000 && !app.done; guard++) {
    const step = host.ep.program[app.pc];
    if (step === undefined) {
      exitProgram(k, host);
      return;
    }
    if (!app.started) {
      const startAt = Math.max(step.at ?? 0, app.readyAt);
      if (k.now < startAt) {
        if (app.waitingAt !== startAt) {
          app.waitingAt = startAt;
          k.wakeAt(host, startAt);
        }
        return;
      }
    }
    if (!runStep(k, host, step)) return;
    app.pc++;
    app.started = false;
    app.waitingAt = -1;
    app.readyAt = k.now + k.appLatency;
  }
}

function runStep(k: Kernel, host: Host, step: ResolvedStep): boolean {
  // The table is typed per kind; TypeScript cannot narrow a lookup by `step.kind` to the
  // matching runner, so the call goes through a runner over the whole union.
  const run = STEPS[step.kind] as StepRunner<ResolvedStep['kind']>;
  return run(k, host, step as never);
}

/** Exit: the process closes what it still holds; a program ending in `listen` keeps serving. */
function exitProgram(k: Kernel, host: Host): void {
  const app = host.app;
  app.done = true;
  const last = host.ep.program[host.ep.program.length - 1];
  if (last !== undefined && last.kind === 'listen') return;
  for (const c of app.conns) if (!c.orphan) c.call({ op: 'close' }, k.now);
  if (app.listener !== undefined && !app.listener.closed) closeListener(k, host, app.listener);
}

function closeListener(k: Kernel, host: Host, lst: Listener): void {
  if (lst.closed) return;
  k.event(host, 'close', { socket: 'listener', ret: 0 });
  host.app.fds.delete(lst);
  k.closeListener(host, lst);
}

/** socket(): the lowest free descriptor from 3 up (a fresh process has only 0, 1 and 2 open). */
function openFd(host: Host, sock: Connection | Listener): number {
  let fd = FIRST_SOCKET_FD;
  while (fdInUse(host, fd)) fd++;
  host.app.fds.set(sock, fd);
  return fd;
}

function fdInUse(host: Host, fd: number): boolean {
  for (const used of host.app.fds.values()) if (used === fd) return true;
  return false;
}

/** A call that returned −1: one `error` event naming the call and its errno. */
function fail(k: Kernel, host: Host, op: string, errno: Errno, c?: Connection): true {
  k.event(host, 'error', { op, errno, ret: -1, cport: c?.cport });
  return true;
}

/** The listening socket if its descriptor is still open. */
function openListener(host: Host): Listener | undefined {
  const lst = host.app.listener;
  return lst === undefined || lst.closed ? undefined : lst;
}

/**
 * A call on the connection when the program has none: on the listening socket it fails as
 * Linux fails it there (`onListener`); with no socket at all the descriptor is bad (EBADF).
 */
function noConnection(k: Kernel, host: Host, op: string, onListener: Errno): true {
  return fail(k, host, op, openListener(host) === undefined ? 'EBADF' : onListener);
}

const STEPS: { [K in ResolvedStep['kind']]: StepRunner<K> } = {
  listen(k, host, step) {
    const app = host.app;
    const backlog = step.backlog < 0 ? host.sys.somaxconn : step.backlog;
    const lst = k.listen(host, Math.min(backlog, host.sys.somaxconn));
    if (typeof lst === 'string') {
      // bind() failed; like a failed connect(), the program gives up (a server exits here).
      fail(k, host, 'bind', lst);
      app.done = true;
      return false;
    }
    app.listener = lst;
    app.listenerNonblock = app.options.nonblock;
    openFd(host, lst);
    k.event(host, 'listen', { ret: 0 });
    return true;
  },

  accept(k, host) {
    const app = host.app;
    const lst = openListener(host);
    // inet_accept on a socket that is not listening: EINVAL; no socket at all: EBADF.
    if (lst === undefined)
      return fail(
        k,
        host,
        'accept',
        app.conn !== undefined && !app.conn.orphan ? 'EINVAL' : 'EBADF',
      );
    const child = lst.accept();
    if (child === undefined) {
      if (app.listenerNonblock) return fail(k, host, 'accept', 'EAGAIN');
      return false;
    }
    app.conn = child;
    app.conns.push(child);
    k.event(host, 'accept', { cport: child.cport, ret: openFd(host, child) });
    return true;
  },

  connect(k, host, step) {
    const app = host.app;
    if (!app.started) {
      app.started = true;
      const cur = app.conn;
      // connect() again on a socket whose own connect() was non-blocking; any other connect
      // step is a new socket (a failed non-blocking one too: Linux reuses the descriptor, the
      // engine takes a fresh one).
      const again =
        cur !== undefined &&
        !cur.orphan &&
        cur.nbConnect &&
        !(cur.sockState === 'unconnected' && cur.state === 'CLOSED');
      if (!again) {
        const conn = k.connect(host, step.peer, step.port);
        app.conn = conn;
        app.conns.push(conn);
        openFd(host, conn);
        if (!conn.nonblock) return false;
        // The SYN is out and the handshake goes on; the call returns at once.
        k.event(host, 'connect_error', { cport: conn.cport, errno: 'EINPROGRESS', ret: -1 });
        return true;
      }
    }
    const c = app.conn;
    if (c === undefined) return true;
    const r = c.call({ op: 'connect' }, k.now);
    switch (r.k) {
      case 'blocked':
        return false;
      case 'ok':
        k.event(host, 'connect_ok', { cport: c.cport, ret: 0 });
        return true;
      case 'error':
        k.event(host, 'connect_error', { cport: c.cport, errno: r.errno, ret: -1 });
        if (c.nbConnect || r.errno === 'EISCONN') return true;
        // A failed blocking connect() ends the program (the recorded programs exit).
        app.done = true;
        return false;
      case 'eof':
      case 'so_error':
        return true;
      default:
        return assertNever(r, 'call result');
    }
  },

  send(k, host, step) {
    const c = host.app.conn;
    // tcp_sendmsg on a listening socket: sk_stream_wait_connect's EPIPE.
    if (c === undefined) return noConnection(k, host, 'send', 'EPIPE');
    const r = c.call({ op: 'send', bytes: step.bytes }, k.now);
    if (r.k === 'blocked') return false;
    if (r.k === 'error') return fail(k, host, 'send', r.errno, c);
    k.event(host, 'send', { bytes: step.bytes, cport: c.cport, ret: step.bytes });
    return true;
  },

  recv(k, host, step) {
    const c = host.app.conn;
    if (c === undefined) return noConnection(k, host, 'recv', 'ENOTCONN');
    const r = c.call({ op: 'recv', want: step.bytes }, k.now);
    return reportRead(k, host, c, r);
  },

  recv_until_eof(k, host) {
    const c = host.app.conn;
    if (c === undefined) return noConnection(k, host, 'recv', 'ENOTCONN');
    // Read what is queued, then see whether EOF (or an error) follows at this same instant.
    let r = c.call({ op: 'recv', want: 'stream' }, k.now);
    if (r.k === 'ok') {
      reportRead(k, host, c, r);
      r = c.call({ op: 'recv', want: 'stream' }, k.now);
      if (r.k === 'ok') return false;
    }
    return reportRead(k, host, c, r);
  },

  shutdown(k, host, step) {
    const c = host.app.conn;
    if (c === undefined) {
      // inet_shutdown on a listener: SHUT_WR does nothing; SHUT_RD stops it listening.
      const lst = openListener(host);
      if (lst === undefined) return fail(k, host, 'shutdown', 'EBADF');
      k.event(host, 'shutdown', { socket: 'listener', ret: 0 });
      if (step.how !== 'write') k.closeListener(host, lst);
      return true;
    }
    const r = c.call({ op: 'shutdown', how: step.how }, k.now);
    if (r.k === 'error') return fail(k, host, 'shutdown', r.errno, c);
    k.event(host, 'shutdown', { cport: c.cport, ret: 0 });
    return true;
  },

  close(k, host, step) {
    const app = host.app;
    const c = app.conn;
    if (step.socket === 'listener' || c === undefined) {
      const lst = openListener(host);
      if (lst === undefined) return fail(k, host, 'close', 'EBADF');
      closeListener(k, host, lst);
      return true;
    }
    return closeConn(k, host, c, 'close');
  },

  abort(k, host) {
    const c = host.app.conn;
    if (c === undefined) return fail(k, host, 'close', 'EBADF');
    return closeConn(k, host, c, 'abort');
  },

  sleep(k, host, step) {
    const app = host.app;
    if (!app.started) {
      app.started = true;
      app.waitingAt = k.now + step.seconds;
      k.wakeAt(host, app.waitingAt);
      return false;
    }
    return k.now >= app.waitingAt;
  },

  setsockopt(k, host, step) {
    const app = host.app;
    const opts = app.options;
    const names: string[] = [];
    if (step.keepalive !== undefined) {
      const ka = step.keepalive;
      opts.keepalive =
        typeof ka === 'boolean'
          ? { on: ka, idle: undefined, intvl: undefined, cnt: undefined }
          : { on: true, idle: ka.idle, intvl: ka.intvl, cnt: ka.cnt };
      names.push(typeof ka === 'boolean' ? `SO_KEEPALIVE=${ka ? 1 : 0}` : 'SO_KEEPALIVE=1');
      if (typeof ka !== 'boolean') {
        if (ka.idle !== undefined) names.push(`TCP_KEEPIDLE=${ka.idle}`);
        if (ka.intvl !== undefined) names.push(`TCP_KEEPINTVL=${ka.intvl}`);
        if (ka.cnt !== undefined) names.push(`TCP_KEEPCNT=${ka.cnt}`);
      }
    }
    if (step.nodelay !== undefined) {
      opts.nodelay = step.nodelay;
      names.push(`TCP_NODELAY=${step.nodelay ? 1 : 0}`);
    }
    if (step.linger !== undefined) {
      opts.lingerZero = step.linger === 0;
      names.push(`SO_LINGER=${step.linger}`);
    }
    if (step.userTimeout !== undefined) {
      opts.userTimeout = step.userTimeout / 1000;
      names.push(`TCP_USER_TIMEOUT=${step.userTimeout}`);
    }
    if (step.maxseg !== undefined) {
      opts.maxseg = step.maxseg;
      names.push(`TCP_MAXSEG=${step.maxseg}`);
    }
    if (step.rcvbuf !== undefined) {
      opts.rcvbuf = step.rcvbuf;
      names.push(`SO_RCVBUF=${step.rcvbuf}`);
    }
    if (step.reuseaddr !== undefined) {
      opts.reuseaddr = step.reuseaddr;
      names.push(`SO_REUSEADDR=${step.reuseaddr ? 1 : 0}`);
    }
    if (step.nonblock !== undefined) {
      opts.nonblock = step.nonblock;
      names.push(`O_NONBLOCK=${step.nonblock ? 1 : 0}`);
    }
    // The options apply to the socket in use (the connection, else the listener) and to the
    // sockets the program creates later.
    const c = app.conn;
    if (c !== undefined && !c.orphan)
      c.call({ op: 'setsockopt', options: opts, nonblock: step.nonblock }, k.now);
    else if (step.nonblock !== undefined && openListener(host) !== undefined)
      app.listenerNonblock = step.nonblock;
    k.event(host, 'setsockopt', { cport: c?.cport, detail: names.join(' '), ret: 0 });
    return true;
  },

  getsockopt(k, host) {
    const c = host.app.conn;
    if (c === undefined) {
      // A listener has no pending error to report.
      if (openListener(host) === undefined) return fail(k, host, 'getsockopt', 'EBADF');
      k.event(host, 'getsockopt', { socket: 'listener', value: 0, ret: 0 });
      return true;
    }
    const r = c.call({ op: 'getsockopt', name: 'SO_ERROR' }, k.now);
    if (r.k === 'error') return fail(k, host, 'getsockopt', r.errno, c);
    const errno = r.k === 'so_error' ? r.errno : undefined;
    k.event(host, 'getsockopt', {
      cport: c.cport,
      value: errno === undefined ? 0 : ERRNO_NUMBER[errno],
      detail: errno,
      ret: 0,
    });
    return true;
  },

  ioctl(k, host) {
    const c = host.app.conn;
    // tcp_ioctl SIOCINQ on a listening socket: EINVAL.
    if (c === undefined) return noConnection(k, host, 'ioctl', 'EINVAL');
    const r = c.call({ op: 'ioctl', name: 'SIOCINQ' }, k.now);
    if (r.k === 'error') return fail(k, host, 'ioctl', r.errno, c);
    k.event(host, 'ioctl', { cport: c.cport, value: r.k === 'ok' ? r.bytes : 0, ret: 0 });
    return true;
  },

  syn_flood(k, host, step) {
    // Spoofed SYNs: each from a different (nonexistent) source port; their SYN-ACKs vanish.
    const app = host.app;
    const port = step.srcPort + app.floodSent;
    host.spoofPorts.add(port);
    k.raw({
      src: host.name,
      sport: port,
      dst: step.target,
      dport: k.portOf(step.target),
      seq: k.random32(),
      ack: 0,
      flags: SYN,
      len: 0,
      win: initialWindow(RCV_BUF, step.mss),
      // A flood tool writes the one option the step names; no timestamps, SACK or scaling.
      opts: { mss: step.mss, wscale: undefined, sackOk: false, ts: false },
      cport: port,
      why: 'spoofed',
    });
    app.floodSent++;
    if (app.floodSent >= step.count) {
      app.floodSent = 0;
      return true;
    }
    app.started = true;
    app.waitingAt = k.now + step.interval;
    k.wakeAt(host, app.waitingAt);
    return false;
  },

  segment(k, host, step) {
    // A scripted peer's segment. It may claim to come from another endpoint (`spoof`): a
    // blind reset or an injected segment, whose replies then go to that endpoint.
    const src = step.spoof ?? host.name;
    const sport = step.spoof === undefined ? host.port : k.portOf(step.spoof);
    const dport = step.port ?? k.portOf(step.to);
    const flags = flagsFromString(step.flags);
    // The script's own numbers (or the forged sender's) always count from the scenario ISN,
    // as a packetdrill script's do; the receiver's count from its latest SYN the script saw.
    const seq = wire(step.seq, k.isnOf(src));
    k.raw({
      src,
      sport,
      dst: step.to,
      dport,
      seq,
      ack: flags & ACK && step.ack !== undefined ? wire(step.ack, isnFor(k, host, step.to)) : 0,
      flags,
      len: step.len,
      win: step.win,
      // A raw peer has no kernel: its SYN carries an MSS and nothing else, so no timestamps
      // are agreed with it.
      opts:
        flags & SYN
          ? { mss: step.mss ?? host.env.ownMss, wscale: undefined, sackOk: false, ts: false }
          : null,
      cport: Math.max(sport, dport),
      why: step.spoof === undefined ? 'scripted' : 'spoofed',
    });
    return true;
  },

  expect(k, host, step) {
    const seg = host.inbox.shift();
    if (seg === undefined) return false; // runs again when a segment arrives
    if (seg.flags & SYN) host.scriptIsns.set(seg.src, seg.seq);
    const problem = mismatch(k, host, step, seg);
    if (problem !== undefined) {
      // Like packetdrill, the script stops at its first unmet expectation.
      k.event(host, 'mismatch', { detail: problem });
      host.app.done = true;
      return false;
    }
    return true;
  },

  inject_syn(k, host, step) {
    // An old duplicate SYN from an earlier incarnation (RFC 9293 §3.5 Fig. 8): its
    // sequence number is seq_offset away from the ISN this endpoint will use next.
    const dport = k.portOf(step.to);
    k.raw({
      src: host.name,
      sport: host.port,
      dst: step.to,
      dport,
      seq: seqAdd(host.ep.isn, step.seqOffset),
      ack: 0,
      flags: SYN,
      len: 0,
      // The earlier incarnation's SYN was this host's own kind of SYN.
      win: initialWindow(RCV_BUF, host.env.ownMss),
      opts: synOffer(host.env),
      cport: Math.max(host.port, dport),
      why: 'old_duplicate',
    });
    return true;
  },
};

/** An absolute wire number from a script's value: relative to `isn` unless marked absolute. */
function wire(n: SeqNumber, isn: number): number {
  return n.absolute ? n.value >>> 0 : seqAdd(isn, n.value);
}

/** The base a script's relative numbers for `endpoint` count from (see `segment`). */
function isnFor(k: Kernel, host: Host, endpoint: string): number {
  return host.scriptIsns.get(endpoint) ?? k.isnOf(endpoint);
}

/** tcpdump-like text of a segment as the script sees it (numbers relative to the ISNs). */
function describe(k: Kernel, host: Host, seg: Segment): string {
  const seq = seqDiff(seg.seq, isnFor(k, host, seg.src)) >>> 0;
  let s = `${flagString(seg.flags)} from ${seg.src} seq ${seq}`;
  if (seg.flags & ACK) s += ` ack ${seqDiff(seg.ack, isnFor(k, host, host.name)) >>> 0}`;
  return `${s} len ${seg.len}`;
}

/** Why `seg` does not meet the expectation, or undefined when it does. */
function mismatch(k: Kernel, host: Host, step: StepOf<'expect'>, seg: Segment): string | undefined {
  const want: string[] = [step.flags];
  let ok = flagString(seg.flags) === step.flags;
  if (step.from !== undefined) {
    want.push(`from ${step.from}`);
    ok &&= seg.src === step.from;
  }
  if (step.seq !== undefined) {
    want.push(`seq ${step.seq.value}`);
    ok &&= seg.seq === wire(step.seq, isnFor(k, host, seg.src));
  }
  if (step.ack !== undefined) {
    want.push(`ack ${step.ack.value}`);
    ok &&= Boolean(seg.flags & ACK) && seg.ack === wire(step.ack, isnFor(k, host, host.name));
  }
  if (step.len !== undefined) {
    want.push(`len ${step.len}`);
    ok &&= seg.len === step.len;
  }
  return ok ? undefined : `expected ${want.join(' ')}, got ${describe(k, host, seg)}`;
}

/** At the end of a run: a scripted peer still waiting in an `expect` step saw nothing arrive. */
export function reportUnmetExpect(k: Kernel, host: Host): void {
  const step = host.ep.program[host.app.pc];
  if (host.app.done || step === undefined || step.kind !== 'expect') return;
  k.event(host, 'mismatch', { detail: `expected ${step.flags}, nothing arrived` });
}

/** close() or an abortive close (SO_LINGER 0) of the connection: 0, or EBADF when already closed. */
function closeConn(k: Kernel, host: Host, c: Connection, op: 'close' | 'abort'): true {
  const r = c.call({ op }, k.now);
  if (r.k === 'error') return fail(k, host, 'close', r.errno, c);
  host.app.fds.delete(c);
  k.event(host, 'close', { cport: c.cport, ret: 0 });
  return true;
}

/** Records a read's outcome; true when the step is complete. */
function reportRead(k: Kernel, host: Host, c: Connection, r: CallResult): boolean {
  switch (r.k) {
    case 'ok':
      k.event(host, 'recv', { bytes: r.bytes, cport: c.cport, ret: r.bytes });
      return true;
    case 'eof':
      k.event(host, 'eof', { cport: c.cport, ret: 0 });
      return true;
    case 'error':
      return fail(k, host, 'recv', r.errno, c);
    case 'blocked':
    case 'so_error':
      return false;
    default:
      return assertNever(r, 'call result');
  }
}
