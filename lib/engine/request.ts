// A request sock (Linux's struct request_sock, TCP_NEW_SYN_RECV): what a listener remembers of
// a SYN it answered, until the third ACK turns it into a connection or its SYN-ACKs run out.

export interface Request {
  remote: string;
  lport: number;
  rport: number;
  cport: number;
  irs: number;
  iss: number;
  peerMss: number;
  numTimeout: number;
  /** The third ACK arrived while the accept queue was full (tcp_abort_on_overflow = 0). */
  acked: boolean;
  /** Generation of the SYN-ACK timer: a queued expiry with an older value is stale. */
  gen: number;
  lastSent: number;
  lastOow: number;
}
