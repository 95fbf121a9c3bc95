// Segments on the simulated wire: header fields as numbers (absolute, mod 2^32 sequence
// numbers), a flag bitmask and the TCP options, plus tcpdump's notation for flags and options.

export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const PSH = 8;
export const ACK = 16;

/**
 * The TCP options a segment carries (RFC 9293 §3.2, RFC 7323, RFC 2018). Only a SYN or SYN-ACK
 * carries MSS, window scale and SACK-permitted; timestamps ride on every segment once both
 * SYNs had them. Values of the timestamps themselves are not modelled.
 */
export interface TcpOptions {
  /** MSS option value; 0 when the segment has no MSS option. */
  readonly mss: number;
  /** Window-scale shift offered; undefined when the option is absent. */
  readonly wscale: number | undefined;
  readonly sackOk: boolean;
  readonly ts: boolean;
}

/** The options of every segment of a connection with timestamps after its SYN (shared: never mutated). */
export const TS_ONLY: TcpOptions = Object.freeze({
  mss: 0,
  wscale: undefined,
  sackOk: false,
  ts: true,
});

/** What a SYN without any option offers (a raw peer's): its MSS counts as 536. */
export const NO_OPTIONS: TcpOptions = Object.freeze({
  mss: 0,
  wscale: undefined,
  sackOk: false,
  ts: false,
});

/**
 * tcpdump's rendering of the options in the order Linux writes them (tcp_options_write): MSS;
 * SACK-permitted folded into the timestamps' word when both are on, else NOP NOP before either;
 * then NOP and the window scale. Timestamp values are left out ("TS", not "TS val … ecr …").
 */
export function optionsText(o: TcpOptions): string {
  // After the handshake nearly every segment carries TS_ONLY: answered without a lookup.
  if (o === TS_ONLY) return TS_ONLY_TEXT;
  // Every SYN has its own options object, but few distinct values: rendered once per value.
  const key = ((o.mss * 16 + (o.wscale ?? 15)) * 2 + (o.sackOk ? 1 : 0)) * 2 + (o.ts ? 1 : 0);
  let text = optionTexts.get(key);
  if (text === undefined) {
    text = renderOptions(o);
    optionTexts.set(key, text);
  }
  return text;
}

const optionTexts = new Map<number, string>();
const TS_ONLY_TEXT = 'nop,nop,TS';

function renderOptions(o: TcpOptions): string {
  const parts: string[] = [];
  if (o.mss > 0) parts.push(`mss ${o.mss}`);
  if (o.ts) parts.push(o.sackOk ? 'sackOK,TS' : 'nop,nop,TS');
  else if (o.sackOk) parts.push('nop,nop,sackOK');
  if (o.wscale !== undefined) parts.push(`nop,wscale ${o.wscale}`);
  return parts.join(',');
}

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
  /** TCP options, or null when the segment carries none (a reset for an unknown connection). */
  opts: TcpOptions | null;
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
  return makeSegment(
    seg.dst,
    seg.dport,
    seg.src,
    seg.sport,
    withAck ? seg.ack >>> 0 : 0,
    withAck ? 0 : (seg.seq + segSpace(seg)) >>> 0,
    withAck ? RST : RST | ACK,
    0,
    0,
    // tcp_v4_send_reset builds a bare header: no options (the recordings' R and R.).
    null,
    seg.cport,
    why,
  );
}

/**
 * The one constructor of a segment (not on the wire yet: traceIndex −1). Every segment is
 * built here, field by field in one order, so all share one hidden class: a spread or a
 * literal in another order made the receive paths polymorphic (a SYN flood ran 3× slower).
 */
export function makeSegment(
  src: string,
  sport: number,
  dst: string,
  dport: number,
  seq: number,
  ack: number,
  flags: number,
  len: number,
  win: number,
  opts: TcpOptions | null,
  cport: number,
  why: string | undefined,
): Segment {
  return { src, sport, dst, dport, seq, ack, flags, len, win, opts, cport, why, traceIndex: -1 };
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
