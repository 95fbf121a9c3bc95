// One simulated endpoint: its sockets (the 4-tuple table and listeners), its sysctls and the
// state of the program it runs. Plain data shared by the world and the program runner.

import type { ConnEnv, Connection, SocketOptions } from './connection';
import type { Listener } from './listener';
import type { ResolvedEndpoint } from './resolve';
import type { Segment } from './segment';
import type { Sysctls } from './sysctl';
import type { TupleTable } from './tuple-table';

/** Where the endpoint's program is: the step, what it is waiting for, the sockets it holds. */
export interface ProgramState {
  pc: number;
  started: boolean;
  waitingAt: number;
  conn: Connection | undefined;
  conns: Connection[];
  listener: Listener | undefined;
  /** Options set with setsockopt so far; new sockets inherit them. */
  options: SocketOptions;
  /**
   * The process's socket file descriptors: each open socket and its number. A new socket gets
   * the lowest free number from 3 up, as in a fresh process; close() frees it.
   */
  fds: Map<Connection | Listener, number>;
  /** O_NONBLOCK on the listening socket's descriptor (accept() returns EAGAIN, not waits). */
  listenerNonblock: boolean;
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
  env: ConnEnv;
  conns: TupleTable<Connection>;
  listeners: Map<number, Listener>;
  /** Source ports this host spoofed (syn_flood): their replies reach nobody. */
  spoofPorts: Set<number>;
  app: ProgramState;
  isnUsed: boolean;
  /**
   * A scripted peer (the scenario's `raw: true`): no kernel, no sockets. Segments that reach
   * it are never answered; they wait in `inbox` for the script's `expect` steps.
   */
  raw: boolean;
  inbox: Segment[];
  /**
   * The ISN a script's relative numbers for another endpoint count from: the latest SYN it
   * received from that endpoint (its own numbers count from its scenario ISN).
   */
  scriptIsns: Map<string, number>;
}

export function defaultOptions(): SocketOptions {
  return {
    keepalive: { on: false, idle: undefined, intvl: undefined, cnt: undefined },
    nodelay: false,
    lingerZero: false,
    nonblock: false,
    userTimeout: 0,
    maxseg: 0,
    rcvbuf: 0,
    reuseaddr: false,
  };
}
