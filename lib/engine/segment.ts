// Segments on the simulated wire: header fields as numbers (absolute, mod 2^32 sequence
// numbers) and a flag bitmask, plus tcpdump's flag notation used by traces and fault rules.

export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const PSH = 8;
export const ACK = 16;

export interface Segment {
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** Absolute sequence number (uint32). */
  seq: number;
  /** Absolute acknowledgment number (uint32); meaningful only with ACK. */
  ack: number;
  flags: number;
  len: number;
  win: number;
  /** MSS option (SYN and SYN-ACK only). */
  mss: number;
  /** Client port of the connection this segment belongs to (trace key). */
  cport: number;
  /** Why it was sent when not a first transmission (trace annotation). */
  why: string | undefined;
  /** Index of this segment in the trace. */
  traceIndex: number;
}

/** tcpdump order: F S R P, then "." for ACK (print-tcp.c tcp_flag_values). */
export function flagString(flags: number): string {
  let s = '';
  if (flags & FIN) s += 'F';
  if (flags & SYN) s += 'S';
  if (flags & RST) s += 'R';
  if (flags & PSH) s += 'P';
  if (flags & ACK) s += '.';
  return s;
}

/** Sequence space a segment occupies: payload plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function segSpace(seg: Segment): number {
  return seg.len + (seg.flags & SYN ? 1 : 0) + (seg.flags & FIN ? 1 : 0);
}

/**
 * Fault-rule flag match. Every letter of the pattern must be set on the segment, and the ACK
 * flag must be present exactly when the pattern ends with ".". So "S" is a bare SYN, "S." a
 * SYN-ACK, and "F." any FIN (every FIN after the handshake carries ACK), like the recorder's
 * iptables `--tcp-flags` rules.
 */
export function flagsMatch(pattern: string, flags: number): boolean {
  const wantAck = pattern.endsWith('.');
  if (wantAck !== Boolean(flags & ACK)) return false;
  for (const ch of pattern) {
    if (ch === 'F' && !(flags & FIN)) return false;
    if (ch === 'S' && !(flags & SYN)) return false;
    if (ch === 'R' && !(flags & RST)) return false;
    if (ch === 'P' && !(flags & PSH)) return false;
  }
  return true;
}

/**
 * The reset that answers `seg` from `from` when no socket wants it (tcp_v4_send_reset, RFC 9293
 * §3.10.7.1): with ACK set <SEQ=SEG.ACK><CTL=RST>, otherwise <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 * A RST is never answered, so that case gives undefined.
 */
export function resetFor(seg: Segment, why: string | undefined): Segment | undefined {
  if (seg.flags & RST) return undefined;
  const withAck = (seg.flags & ACK) !== 0;
  return {
    src: seg.dst,
    sport: seg.dport,
    dst: seg.src,
    dport: seg.sport,
    seq: withAck ? seg.ack >>> 0 : 0,
    ack: withAck ? 0 : (seg.seq + segSpace(seg)) >>> 0,
    flags: withAck ? RST : RST | ACK,
    len: 0,
    win: 0,
    mss: 0,
    cport: seg.cport,
    why,
    traceIndex: -1,
  };
}

/** The flag bits of a tcpdump flag string ("S", "S.", "FP.", "R."); the inverse of flagString. */
export function flagsFromString(s: string): number {
  let f = 0;
  for (const ch of s) {
    if (ch === 'F') f |= FIN;
    else if (ch === 'S') f |= SYN;
    else if (ch === 'R') f |= RST;
    else if (ch === 'P') f |= PSH;
    else if (ch === '.') f |= ACK;
  }
  return f;
}
