// Linux's TCP constants (include/net/tcp.h, net/ipv4/tcp_output.c) in one place: every module
// of the engine that needs a kernel number reads it from here.

import type { Errno } from './trace-schema';

/** Initial RTO and SYN timeout, seconds (TCP_TIMEOUT_INIT). */
export const TCP_TIMEOUT_INIT = 1;
/** Minimum delayed-ACK timeout, seconds (TCP_ATO_MIN = HZ/25). */
export const TCP_ATO_MIN = 0.04;
/** Maximum delayed-ACK timeout, seconds (TCP_DELACK_MAX = HZ/5). */
export const TCP_DELACK_MAX = 0.2;
/** TIME_WAIT length, seconds (TCP_TIMEWAIT_LEN); not derived from MSL on Linux. */
export const TCP_TIMEWAIT_LEN = 60;
/** Quick-ACK budget cap (TCP_MAX_QUICKACKS). */
export const TCP_MAX_QUICKACKS = 16;
/** Shortest timer, jiffies (TCP_TIMEOUT_MIN). */
export const TCP_TIMEOUT_MIN_JIFFIES = 2;
/** Bytes the timestamps option takes in every segment once negotiated (TCPOLEN_TSTAMP_ALIGNED). */
export const TCPOLEN_TSTAMP = 12;
/** MSS assumed when a SYN carries no MSS option (TCP_MSS_DEFAULT, RFC 9293 §3.7.1). */
export const TCP_MSS_DEFAULT = 536;
/** Receive space the engine gives every socket, bytes: tcp_full_space of the default 128 KiB rcvbuf. */
export const RCV_BUF = 65536;
/** tcp_rmem[2], the largest receive buffer (6.18 default 32 MiB): it alone decides the offered wscale. */
export const TCP_RMEM_MAX = 33_554_432;
/** Largest window-scale shift (RFC 7323 §2.3). */
export const TCP_MAX_WSCALE = 14;
/** Largest unscaled window (MAX_TCP_WINDOW; tcp_workaround_signed_windows is 0). */
export const MAX_TCP_WINDOW = 65535;
/** RTO when the handshake gave no RTT sample (TCP_TIMEOUT_FALLBACK, RFC 6298 §5.7), seconds. */
export const TCP_TIMEOUT_FALLBACK = 3;

/**
 * The window a SYN or SYN-ACK offers (tcp_select_initial_window): the receive space rounded
 * down to a multiple of the MSS the sender expects to receive. 65536 gives 64240 = 44 × 1460
 * for a SYN, 65160 = 45 × 1448 for a SYN-ACK with timestamps (MSS less 12), and 64240 again
 * for a SYN-ACK without them. A SYN's window field is never scaled, so at most 65535.
 */
export function initialWindow(space: number, mss: number): number {
  return Math.min(space > mss ? space - (space % mss) : space, MAX_TCP_WINDOW);
}

/**
 * The window-scale shift a host offers (tcp_select_initial_window with wscale_ok): from the
 * largest buffer it could ever use, ilog2(max(space, tcp_rmem[2])) − 15, within 0…14. The
 * recordings' 32 MiB tcp_rmem[2] gives wscale 10.
 */
export function offeredWscale(space: number): number {
  const log2 = Math.floor(Math.log2(Math.max(space, TCP_RMEM_MAX)));
  return Math.min(TCP_MAX_WSCALE, Math.max(0, log2 - 15));
}
/** Receive window before any SYN was seen (a socket that has not advertised yet). */
export const INITIAL_SND_WND = 65535;
/** Initial congestion window in segments (TCP_INIT_CWND, RFC 6928). */
export const TCP_INIT_CWND = 10;
/** Seconds a listener remembers an overflow for SYN-cookie validation (tcp_synq_no_recent_overflow). */
export const SYNCOOKIE_VALIDITY = 120;
/** TIME_WAIT reincarnation: the new ISN is snd_nxt + 65535 + 2 (tcp_timewait_state_process). */
export const TW_ISN_GAP = 65537;
/** TCP_MIN_MSS (include/net/tcp.h): the smallest value TCP_MAXSEG accepts. */
export const TCP_MIN_MSS = 88;
/** net.core.rmem_max default: SO_RCVBUF values above it are cut to it before doubling. */
export const NET_CORE_RMEM_MAX = 212992;
/** SOCK_MIN_RCVBUF (include/net/sock.h): 2 × (2048 + the aligned sk_buff), the smallest sk_rcvbuf. */
export const SOCK_MIN_RCVBUF = 4608;
/** The first file descriptor a fresh process gets for a socket (0, 1, 2 are stdio). */
export const FIRST_SOCKET_FD = 3;

/** Linux's errno numbers (include/uapi/asm-generic/errno*.h), as SO_ERROR reports them. */
export const ERRNO_NUMBER = {
  EBADF: 9,
  EAGAIN: 11,
  EINVAL: 22,
  EPIPE: 32,
  EADDRINUSE: 98,
  ECONNABORTED: 103,
  ECONNRESET: 104,
  EISCONN: 106,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EALREADY: 114,
  EINPROGRESS: 115,
} as const satisfies Record<Errno, number>;
