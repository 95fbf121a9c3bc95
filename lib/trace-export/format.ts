// Text forms shared by the ladder diagram and the exports: times that read well from
// microseconds to minutes, and tcpdump-like segment labels.
import type { TcpState, Trace, TraceEvent, TraceSegment } from '@/lib/engine';

function trimFixed(value: number, digits: number): string {
  const s = value.toFixed(digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * A point in virtual time, in the unit that reads best.
 * @example formatTime(0.00012) // "120 µs"; formatTime(0.01) // "10 ms"; formatTime(9.0102) // "9.0102 s"
 */
export function formatTime(t: number): string {
  const a = Math.abs(t);
  if (a === 0) return '0 s';
  if (a < 1e-3) return `${trimFixed(t * 1e6, 1)} µs`;
  if (a < 1) return `${trimFixed(t * 1e3, 3)} ms`;
  if (a < 60) return `${trimFixed(t, 6)} s`;
  const minutes = Math.floor(a / 60);
  const seconds = Number(trimFixed(a - minutes * 60, 6));
  const sign = t < 0 ? '-' : '';
  if (seconds === 0) return `${sign}${minutes} min`;
  if (seconds >= 60) return `${sign}${minutes + 1} min`;
  return `${sign}${minutes} min ${trimFixed(seconds, 6)} s`;
}

function roundSignificant(value: number, digits: number): number {
  if (value === 0) return 0;
  const scale = 10 ** (digits - Math.ceil(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}

/** A span of time, rounded to three significant digits: "60 s", "1.02 s", "200 ms". */
export function formatDuration(dt: number): string {
  return formatTime(roundSignificant(dt, 3));
}

/**
 * How sequence and acknowledgement numbers are written: relative to each side's ISN (tcpdump's
 * default: 0, 1, 101) or absolute, as on the wire (tcpdump -S).
 */
export const NUMBERINGS = ['relative', 'absolute'] as const;
export type Numbering = (typeof NUMBERINGS)[number];

/** A segment's seq and ack in a numbering; a number the segment does not carry stays null. */
export function segmentNumbers(
  seg: TraceSegment,
  numbering: Numbering = 'relative',
): { seq: number | null; ack: number | null } {
  if (numbering === 'relative') return { seq: seg.seq, ack: seg.ack };
  return { seq: seg.seq === null ? null : seg.abs_seq, ack: seg.ack === null ? null : seg.abs_ack };
}

/** The segment's sequence range, tcpdump style: `1:101(100)` (its end wraps like seq does). */
function seqRange(seg: TraceSegment, seq: number | null): string {
  const first = seq ?? 0;
  return `${first}:${(first + seg.len) % 2 ** 32}(${seg.len})`;
}

/**
 * tcpdump-like label: `S 0:0(0)`, `S. 0:0(0) ack 1`, `. ack 1`, `P. 1:101(100) ack 1`, `R. ack 5`.
 * A pure ACK shows only its ack number, like tcpdump; relative numbers unless told otherwise.
 */
export function segmentLabel(seg: TraceSegment, numbering: Numbering = 'relative'): string {
  const n = segmentNumbers(seg, numbering);
  const ack = n.ack !== null ? ` ack ${n.ack}` : '';
  const carriesSeq =
    seg.len > 0 ||
    /[SF]/.test(seg.flags) ||
    (seg.flags.startsWith('R') && seg.seq !== null && seg.ack === null);
  if (n.seq === null || !carriesSeq) return `${seg.flags}${ack}`;
  return `${seg.flags} ${seqRange(seg, n.seq)}${ack}`;
}

/** packetdrill's form of a segment: the range always, then ack and window. */
export function packetdrillSegment(seg: TraceSegment): string {
  const ack = seg.ack !== null ? ` ack ${seg.ack}` : '';
  return `${seg.flags} ${seqRange(seg, seg.seq)}${ack} win ${seg.win}`;
}

/** The application's view of an event, as a call: `accept()`, `connect() ETIMEDOUT`, `recv() 100`. */
export function eventLabel(e: TraceEvent): string {
  switch (e.event) {
    case 'listen':
      return 'listen()';
    case 'connect_ok':
      return 'connect() = 0';
    case 'connect_error':
      return `connect() ${e.errno ?? 'error'}`;
    case 'accept':
      return 'accept()';
    case 'recv':
      return `recv() = ${e.bytes ?? 0}`;
    case 'eof':
      return 'recv() = 0 (EOF)';
    case 'send':
      return `send() = ${e.bytes ?? 0}`;
    case 'shutdown':
      return 'shutdown()';
    case 'close':
      return 'close()';
    case 'error':
      return `${e.op ?? 'error'}: ${e.errno ?? 'error'}`;
    case 'setsockopt':
      return `setsockopt(${e.detail ?? ''}) = 0`;
    case 'getsockopt':
      return `getsockopt(SO_ERROR) = 0, error ${e.detail ?? '0'}`;
    case 'ioctl':
      return `ioctl(SIOCINQ) = 0, ${e.value ?? 0} bytes`;
    case 'mismatch':
      return `expect: ${e.detail ?? 'mismatch'}`;
  }
}

/** One-way link delay of the run (0 when the trace does not record it). */
export function linkDelay(trace: Trace): number {
  const d = trace.params['link.delay'];
  return typeof d === 'number' && Number.isFinite(d) && d >= 0 ? d : 0;
}

/**
 * The endpoints in display order: first appearance, with `server` (the usual listener)
 * last so that clients sit on the left as in textbooks.
 */
export function orderEndpoints(trace: Trace): string[] {
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  const items = [
    ...trace.segments.flatMap((s) => [
      { t: s.t, n: s.from },
      { t: s.t, n: s.to },
    ]),
    ...trace.states.map((s) => ({ t: s.t, n: s.endpoint })),
    ...trace.events.map((e) => ({ t: e.t, n: e.endpoint })),
  ];
  items.sort((a, b) => a.t - b.t);
  for (const item of items) add(item.n);
  const listeners = new Set(
    trace.states.filter((s) => s.socket === 'listener').map((s) => s.endpoint),
  );
  const left = names.filter((n) => !listeners.has(n) && n !== 'server');
  const right = names.filter((n) => listeners.has(n) || n === 'server');
  return [...left, ...right];
}

const RETRANSMISSION = new Set([
  'rto',
  'tlp',
  'fast',
  'synack_timer',
  'syn_retransmit',
  'retransmit',
  'loss_probe',
  'probe0',
]);

/**
 * Whether a segment's `why` says it is a retransmission (a timer or loss recovery sent it
 * again), as opposed to another reason to send (a challenge ACK, a keepalive, a spoofed SYN).
 */
export function isRetransmission(why: string | undefined): boolean {
  return why !== undefined && (RETRANSMISSION.has(why) || why.includes('retrans'));
}

/**
 * The textbook (RFC 9293) name of a Linux state name.
 * @example rfcStateName('SYN_RECV') // "SYN-RECEIVED"; rfcStateName('FIN_WAIT1') // "FIN-WAIT-1"
 */
export function rfcStateName(state: TcpState): string {
  if (state === 'SYN_RECV') return 'SYN-RECEIVED';
  return state.replace(/_/g, '-').replace(/(\d)$/, '-$1');
}
