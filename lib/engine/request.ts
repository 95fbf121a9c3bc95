// A request sock (Linux's struct request_sock, TCP_NEW_SYN_RECV): what a listener remembers of
// a SYN it answered, until the third ACK turns it into a connection or its SYN-ACKs run out.

import type { TcpOptions } from './segment';

export interface Request {
  remote: string;
  lport: number;
  rport: number;
  cport: number;
  irs: number;
  iss: number;
  /** Options of the peer's SYN (NO_OPTIONS when it had none). */
  peerSyn: TcpOptions;
  /** Options our SYN-ACK carries: what both offered (the connection's agreement). */
  opts: TcpOptions;
  /** The SYN-ACK's window (tcp_openreq_init_rwin). */
  win: number;
  /** A SYN-ACK went out again: without timestamps the handshake then gives no RTT sample. */
  resent: boolean;
  numTimeout: number;
  /** The third ACK arrived while the accept queue was full (tcp_abort_on_overflow = 0). */
  acked: boolean;
  /** Generation of the SYN-ACK timer: a queued expiry with an older value is stale. */
  gen: number;
  lastSent: number;
  lastOow: number;
}
