// The connection state machine as data: every transition the engine implements, with the
// event that causes it, the segment sent (tcpdump notation) and the RFC 9293 / Linux source.
// Tests check the engine against it; flashcards can be generated from it.

import type { TcpState } from './trace-schema';

export type TransitionEvent =
  | 'listen'
  | 'connect'
  | 'rcv SYN'
  | 'rcv SYN-ACK'
  | 'rcv ACK of SYN'
  | 'close'
  | 'shutdown(SHUT_WR)'
  | 'rcv FIN'
  | 'rcv ACK of FIN'
  | 'rcv FIN+ACK of FIN'
  | 'rcv RST'
  | 'abort'
  | 'close with unread data'
  | 'rcv data after close'
  | 'SYN retries exhausted'
  | 'keepalive probes unanswered'
  | 'TIME_WAIT timer'
  | 'FIN_WAIT2 timer'
  | 'retransmissions exhausted';

export interface Transition {
  from: TcpState;
  event: TransitionEvent;
  to: TcpState;
  /** Segment sent by this endpoint as part of the transition, or null. */
  send: string | null;
  /** Where it comes from. */
  source: string;
}

export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'CLOSED',
    event: 'listen',
    to: 'LISTEN',
    send: null,
    source: 'RFC 9293 §3.10.1 (passive OPEN)',
  },
  {
    from: 'CLOSED',
    event: 'connect',
    to: 'SYN_SENT',
    send: 'S',
    source: 'RFC 9293 §3.10.1; tcp_connect',
  },
  {
    from: 'LISTEN',
    event: 'rcv SYN',
    to: 'SYN_RECV',
    send: 'S.',
    source: 'RFC 9293 §3.10.7.2; tcp_conn_request (request sock)',
  },
  {
    from: 'LISTEN',
    event: 'close',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.4; inet_csk_listen_stop',
  },
  {
    from: 'SYN_SENT',
    event: 'rcv SYN-ACK',
    to: 'ESTABLISHED',
    send: '.',
    source: 'RFC 9293 §3.10.7.3; tcp_rcv_synsent_state_process',
  },
  {
    from: 'SYN_SENT',
    event: 'rcv SYN',
    to: 'SYN_RECV',
    send: 'S.',
    source: 'RFC 9293 Fig. 7 (simultaneous open)',
  },
  {
    from: 'SYN_SENT',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.3; tcp_reset → ECONNREFUSED',
  },
  {
    from: 'SYN_SENT',
    event: 'SYN retries exhausted',
    to: 'CLOSED',
    send: null,
    source: 'tcp_write_timeout → ETIMEDOUT',
  },
  {
    from: 'SYN_SENT',
    event: 'close',
    to: 'CLOSED',
    send: null,
    source: 'tcp_close in SYN_SENT: no RST',
  },
  {
    from: 'SYN_RECV',
    event: 'rcv ACK of SYN',
    to: 'ESTABLISHED',
    send: null,
    source: 'RFC 9293 §3.10.7.4; tcp_check_req',
  },
  {
    from: 'SYN_RECV',
    event: 'rcv SYN-ACK',
    to: 'ESTABLISHED',
    send: '.',
    source: 'Linux ≥ 6.11 simultaneous connect (commit 23e89e8ee7be)',
  },
  {
    from: 'SYN_RECV',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4; embryonic reset',
  },
  {
    from: 'SYN_RECV',
    event: 'close',
    to: 'CLOSED',
    send: null,
    source: 'listener closed: request socks dropped',
  },
  {
    from: 'ESTABLISHED',
    event: 'close',
    to: 'FIN_WAIT1',
    send: 'F.',
    source: 'RFC 9293 §3.10.4; tcp_close → tcp_send_fin',
  },
  {
    from: 'ESTABLISHED',
    event: 'shutdown(SHUT_WR)',
    to: 'FIN_WAIT1',
    send: 'F.',
    source: 'RFC 9293 §3.6.1; tcp_shutdown',
  },
  {
    from: 'ESTABLISHED',
    event: 'rcv FIN',
    to: 'CLOSE_WAIT',
    send: null,
    source: 'RFC 9293 §3.10.7.4 eighth; tcp_fin (ACK delayed)',
  },
  {
    from: 'ESTABLISHED',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4; tcp_reset → ECONNRESET',
  },
  {
    from: 'ESTABLISHED',
    event: 'abort',
    to: 'CLOSED',
    send: 'R.',
    source: 'RFC 9293 §3.10.5; SO_LINGER 0',
  },
  {
    from: 'ESTABLISHED',
    event: 'close with unread data',
    to: 'CLOSED',
    send: 'R.',
    source: 'RFC 2525 §2.17; __tcp_close',
  },
  {
    from: 'ESTABLISHED',
    event: 'keepalive probes unanswered',
    to: 'CLOSED',
    send: 'R.',
    source: 'tcp_keepalive_timer → ETIMEDOUT',
  },
  {
    from: 'ESTABLISHED',
    event: 'retransmissions exhausted',
    to: 'CLOSED',
    send: null,
    source: 'tcp_write_timeout (tcp_retries2) → ETIMEDOUT',
  },
  {
    from: 'FIN_WAIT1',
    event: 'rcv ACK of FIN',
    to: 'FIN_WAIT2',
    send: null,
    source: 'RFC 9293 §3.10.7.4 fifth',
  },
  {
    from: 'FIN_WAIT1',
    event: 'rcv FIN',
    to: 'CLOSING',
    send: '.',
    source: 'RFC 9293 Fig. 13; tcp_fin sends the ACK at once',
  },
  {
    from: 'FIN_WAIT1',
    event: 'rcv FIN+ACK of FIN',
    to: 'TIME_WAIT',
    send: '.',
    source: 'RFC 9293 §3.10.7.4 eighth',
  },
  {
    from: 'FIN_WAIT1',
    event: 'rcv data after close',
    to: 'CLOSED',
    send: 'R',
    source: 'RFC 1122; tcp_rcv_state_process TCPABORTONDATA',
  },
  {
    from: 'FIN_WAIT1',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4 second; tcp_reset → ECONNRESET',
  },
  {
    from: 'FIN_WAIT2',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4 second; tcp_reset → ECONNRESET',
  },
  {
    from: 'FIN_WAIT2',
    event: 'rcv FIN',
    to: 'TIME_WAIT',
    send: '.',
    source: 'RFC 9293 §3.10.7.4 eighth',
  },
  {
    from: 'FIN_WAIT2',
    event: 'FIN_WAIT2 timer',
    to: 'CLOSED',
    send: null,
    source: 'tcp_fin_timeout (orphaned socket)',
  },
  {
    from: 'FIN_WAIT2',
    event: 'rcv data after close',
    to: 'CLOSED',
    send: 'R',
    source: 'tcp_timewait_state_process TCP_TW_RST',
  },
  { from: 'CLOSE_WAIT', event: 'close', to: 'LAST_ACK', send: 'F.', source: 'RFC 9293 §3.10.4' },
  { from: 'CLOSE_WAIT', event: 'rcv RST', to: 'CLOSED', send: null, source: 'tcp_reset → EPIPE' },
  {
    from: 'CLOSING',
    event: 'rcv ACK of FIN',
    to: 'TIME_WAIT',
    send: null,
    source: 'RFC 9293 §3.10.7.4 fifth',
  },
  {
    from: 'CLOSING',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4 second (CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED)',
  },
  {
    from: 'CLOSING',
    event: 'close with unread data',
    to: 'CLOSED',
    send: 'R.',
    source: '__tcp_close: unread data resets in any state (RFC 2525 §2.17)',
  },
  {
    from: 'LAST_ACK',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4 second (CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED)',
  },
  {
    from: 'LAST_ACK',
    event: 'close with unread data',
    to: 'CLOSED',
    send: 'R.',
    source: '__tcp_close: unread data resets in any state (RFC 2525 §2.17)',
  },
  {
    from: 'LAST_ACK',
    event: 'rcv ACK of FIN',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.7.4 fifth; tcp_done',
  },
  {
    from: 'LAST_ACK',
    event: 'retransmissions exhausted',
    to: 'CLOSED',
    send: null,
    source: 'tcp_orphan_retries',
  },
  {
    from: 'TIME_WAIT',
    event: 'rcv RST',
    to: 'CLOSED',
    send: null,
    source: 'TIME_WAIT assassination (RFC 1337): Linux unless net.ipv4.tcp_rfc1337=1',
  },
  {
    from: 'TIME_WAIT',
    event: 'TIME_WAIT timer',
    to: 'CLOSED',
    send: null,
    source: 'RFC 9293 §3.10.8 (2 MSL); Linux TCP_TIMEWAIT_LEN 60 s',
  },
];

/** Every (from, to) pair the engine may produce. */
export function isLegalTransition(from: TcpState, to: TcpState): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}
