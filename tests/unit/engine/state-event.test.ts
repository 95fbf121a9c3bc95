// State × event tables: every TCP state a connection (or listener) can be in, fed one segment
// or one timer expiry, against what RFC 9293 §3.10.7, RFC 5961 and Linux (FIDELITY.md, the
// kernel's tcp_input.c / tcp_minisocks.c / tcp_timer.c) say must happen. Rows where the
// engine disagrees are `it.fails` with the source; the coordinator decides which side moves.

import { describe, expect, it } from 'vitest';
import type { TimerSlot } from '@/lib/engine/effects';
import { seqDiff } from '@/lib/engine/sequence';
import type { Errno, Profile, TcpState } from '@/lib/engine';
import {
  type ConnFixture,
  type FixtureOptions,
  type FixtureState,
  IRS,
  ISS,
  type SegSpec,
  armedTimers,
  connectionIn,
  listenerIn,
  renderSend,
} from './helpers/connection-fixtures';

type Input = { seg: string; spec?: SegSpec } | { timer: TimerSlot };

/** What must follow the event. Unset fields mean: nothing sent, state and timers unchanged. */
interface Expect {
  /** Segments sent, in tcpdump notation relative to ISS/IRS (renderSend). */
  send?: string[];
  to?: TcpState;
  /**
   * Every timer armed afterwards: 'name' = still armed as before the event, 'name +d' = armed
   * by the event to fire d seconds after it (timer-wheel rounding applied per profile).
   */
  timers?: string[];
  /** The connection left the 4-tuple table (tcp_done, TIME_WAIT expiry). */
  gone?: boolean;
  /** The error the application's next call reports. */
  errno?: Errno;
  /** The engine disagrees with the source: the row is `it.fails`, and this says why. */
  fails?: string;
}

interface Row extends Expect {
  state: FixtureState;
  opts?: FixtureOptions;
  event: string;
  input: Input;
  /** Where the expectation comes from. */
  src: string;
  /** Profiles the row runs in (both by default), and per-profile differences. */
  only?: Profile;
  linux?: Expect;
  rfc?: Expect;
}

const seg = (flags: string, spec?: SegSpec): Input =>
  spec ? { seg: flags, spec } : { seg: flags };
const timer = (slot: TimerSlot): Input => ({ timer: slot });

// Sequence variables of each fixture (offsets: SND.* from ISS, RCV.NXT from IRS).
const TCB: Record<string, { una: number; nxt: number; rcv: number }> = {
  ESTABLISHED: { una: 101, nxt: 101, rcv: 1 },
  FIN_WAIT1: { una: 101, nxt: 102, rcv: 1 },
  FIN_WAIT2: { una: 102, nxt: 102, rcv: 1 },
  CLOSE_WAIT: { una: 101, nxt: 101, rcv: 2 },
  CLOSING: { una: 101, nxt: 102, rcv: 2 },
  LAST_ACK: { una: 101, nxt: 102, rcv: 2 },
};

// Linux's RTO once the fixture has measured RTT = 0.1 s: RTT + max(2·RTT, 200 ms) (FIDELITY 27);
// the rfc profile: max(1 s, SRTT + 4·RTTVAR) = 1 s (RFC 6298 (2.4)), doubled on expiry (5.5).
const RTO_LINUX = 0.3;
const TW_LINUX = 60; // TCP_TIMEWAIT_LEN (FIDELITY 82)
const TW_RFC = 240; // 2·MSL, MSL = 2 min (RFC 9293 §3.4.2, §3.10.8)

/** RFC 5961 §3.2/§4.2 challenge ACK and RFC 9293's reply to an unacceptable segment: <SEQ=SND.NXT><ACK=RCV.NXT>. */
const ackOf = (s: keyof typeof TCB): string => `. ${TCB[s]!.nxt} ack ${TCB[s]!.rcv}`;

/** Rows every synchronized state shares (RFC 9293 §3.10.7.4 first to fourth check, RFC 5961). */
function synchronized(s: keyof typeof TCB, opts: FixtureOptions, resetErrno?: Errno): Row[] {
  const { una, nxt, rcv } = TCB[s]!;
  const state = s as FixtureState;
  const closing = s !== 'ESTABLISHED';
  const afterFin = s === 'CLOSE_WAIT' || s === 'CLOSING' || s === 'LAST_ACK';
  const rows: Row[] = [
    {
      state,
      opts,
      event: 'SYN in window',
      input: seg('S', { seq: rcv }),
      send: [ackOf(s)],
      src: 'RFC 9293 §3.10.7.4 fourth + RFC 5961 §4.2: challenge ACK; FIDELITY 67',
    },
    {
      state,
      opts,
      event: 'SYN outside the window',
      input: seg('S', { seq: rcv + 1_000_000 }),
      send: [ackOf(s)],
      src: 'RFC 9293 §3.10.7.4 first: unacceptable → ACK; Linux tcp_validate_incoming syn_challenge',
    },
    {
      state,
      opts,
      event: 'SYN+ACK (a retransmitted SYN-ACK)',
      input: seg('S.', { seq: 0, ack: 1 }),
      send: [ackOf(s)],
      src: 'RFC 5961 §4.2 challenge ACK (recording third-ack-dropped, TCPSYNChallenge)',
    },
    {
      state,
      opts,
      event: 'ACK, old duplicate below SND.UNA',
      input: seg('.', { ack: 51 }),
      src: 'RFC 9293 §3.10.7.4 fifth: SEG.ACK < SND.UNA is ignored; Linux tcp_ack old_ack (within bytes_acked); commit 795a7dfbc3d9 for closing states',
    },
    {
      state,
      opts,
      event: 'ACK of unsent data',
      input: seg('.', { ack: nxt + 1000 }),
      src: 'RFC 9293 §3.10.7.4 fifth: SEG.ACK > SND.NXT → "send an ACK, drop the segment" (the RFC 5961 §5.2 range check applies in every state, LAST-ACK too); Linux: tcp_rcv_established drops it silently, tcp_rcv_state_process step 5 (non-ESTABLISHED) turns tcp_ack < 0 (ACK_UNSENT_DATA) into tcp_send_challenge_ack',
      linux: closing ? { send: [ackOf(s)] } : {},
      rfc: { send: [ackOf(s)] },
    },
    {
      state,
      opts,
      event: 'data outside the window',
      input: seg('P.', { seq: rcv + 200_000, len: 100, ack: una }),
      send: [ackOf(s)],
      src: 'RFC 9293 §3.10.7.4 first: unacceptable → <SEQ=SND.NXT><ACK=RCV.NXT>; Linux tcp_send_dupack (not rate-limited: carries data); FIDELITY 64',
    },
    {
      state,
      opts,
      event: 'RST exact (SEG.SEQ = RCV.NXT)',
      input: seg('R', { seq: rcv }),
      to: 'CLOSED',
      gone: true,
      ...(resetErrno ? { errno: resetErrno } : {}),
      src: 'RFC 9293 §3.10.7.4 second; RFC 5961 §3.2; Linux tcp_reset errno (CLOSE_WAIT → EPIPE, others ECONNRESET, none for an orphan); FIDELITY 66',
    },
    {
      state,
      opts,
      event: 'RST in window, not exact',
      input: seg('R', { seq: rcv + 1000 }),
      send: [ackOf(s)],
      src: 'RFC 5961 §3.2: challenge ACK; FIDELITY 66',
    },
    {
      state,
      opts,
      event: 'RST outside the window',
      input: seg('R', { seq: rcv + 1_000_000 }),
      src: 'RFC 9293 §3.10.7.4 first: drop an unacceptable RST; FIDELITY 65',
    },
  ];
  if (afterFin)
    rows.push({
      state,
      opts,
      event: 'RST at RCV.NXT−1 (just below the window, after the peer FIN)',
      input: seg('R', { seq: rcv - 1 }),
      src: 'RFC 9293 §3.10.7.4 first: outside the window → drop; Linux tcp_validate_incoming step 1: an out-of-window RST still resets when tcp_reset_check() holds (seq == rcv_nxt−1 in CLOSE_WAIT/LAST_ACK/CLOSING), FIDELITY 65',
      linux: {
        to: 'CLOSED',
        gone: true,
        ...(resetErrno ? { errno: resetErrno } : {}),
      },
    });
  return rows;
}

const ROWS: Row[] = [
  // ------------------------------------------------------------------ SYN_SENT
  {
    state: 'SYN_SENT',
    event: 'SYN+ACK, acceptable',
    input: seg('S.', { seq: 0, ack: 1 }),
    to: 'ESTABLISHED',
    send: ['. 1 ack 1'],
    timers: [],
    src: 'RFC 9293 §3.10.7.3 fourth; FIDELITY 8 (immediate ACK), 48',
  },
  {
    state: 'SYN_SENT',
    event: 'SYN+ACK, ACK unacceptable (old duplicate)',
    input: seg('S.', { seq: 0, ack: 5 }),
    send: ['R 5'],
    src: 'RFC 9293 §3.10.7.3 first: <SEQ=SEG.ACK><CTL=RST>; Linux re-arms the SYN timer to TCP_TIMEOUT_MIN (FIDELITY 18)',
    linux: { send: ['R 5'], timers: ['retransmit +0.008'] },
  },
  {
    state: 'SYN_SENT',
    event: 'ACK, unacceptable, no SYN',
    input: seg('.', { seq: 0, ack: 5 }),
    send: ['R 5'],
    src: 'RFC 9293 §3.10.7.3 first; FIDELITY 18',
    linux: { send: ['R 5'], timers: ['retransmit +0.008'] },
  },
  {
    state: 'SYN_SENT',
    event: 'RST+ACK, ACK unacceptable',
    input: seg('R.', { seq: 0, ack: 5 }),
    src: 'RFC 9293 §3.10.7.3 first: "If the RST bit is set, discard the segment and return"; Linux tcp_rcv_synsent_state_process checks the ACK before RST: a bad ack re-arms the SYN timer to TCP_TIMEOUT_MIN even on a RST ("Previous FIN/ACK or RST/ACK might be ignored"), and no RST answers a RST',
    linux: { timers: ['retransmit +0.008'] },
  },
  {
    state: 'SYN_SENT',
    event: 'ACK of our SYN, no SYN',
    input: seg('.', { seq: 0, ack: 1 }),
    src: 'RFC 9293 §3.10.7.3 fifth: neither SYN nor RST → drop; FIDELITY 20',
  },
  {
    state: 'SYN_SENT',
    event: 'RST+ACK, acceptable',
    input: seg('R.', { seq: 0, ack: 1 }),
    to: 'CLOSED',
    gone: true,
    errno: 'ECONNREFUSED',
    src: 'RFC 9293 §3.10.7.3 second: "connection reset" → CLOSED; Linux tcp_reset SYN_SENT → ECONNREFUSED; FIDELITY 19',
  },
  {
    state: 'SYN_SENT',
    event: 'RST without ACK',
    input: seg('R', { seq: 0 }),
    src: 'RFC 9293 §3.10.7.3 second: no ACK → drop; FIDELITY 19',
  },
  {
    state: 'SYN_SENT',
    event: 'SYN (crossed SYNs)',
    input: seg('S', { seq: 0 }),
    to: 'SYN_RECV',
    send: ['S. 0 ack 1'],
    src: 'RFC 9293 §3.10.7.3 fourth, Fig. 7; FIDELITY 47 (S. seq ISS ack IRS+1, SYN timer keeps running)',
  },
  {
    state: 'SYN_SENT',
    event: 'data without ACK',
    input: seg('P', { seq: 1, len: 10 }),
    src: 'RFC 9293 §3.10.7.3 fifth: neither SYN nor RST → drop',
  },
  {
    state: 'SYN_SENT',
    event: 'retransmission timer',
    input: timer('rtx'),
    send: ['S 0'],
    src: 'RFC 6298 §5.5 backoff (rfc: 1 → 2 s); Linux tcp_syn_linear_timeouts = 4 keeps 1 s (FIDELITY 22, §0)',
    linux: { send: ['S 0'], timers: ['retransmit +1'] },
    rfc: { send: ['S 0'], timers: ['retransmit +2'] },
  },

  // ------------------------------------------------------------------ SYN_RECV (simultaneous open)
  {
    state: 'SYN_RECV',
    event: "SYN+ACK (the peer's, crossing)",
    input: seg('S.', { seq: 0, ack: 1 }),
    to: 'ESTABLISHED',
    send: ['. 1 ack 1'],
    timers: [],
    src: 'RFC 9293 Fig. 7 line 7; Linux ≥ 6.11 commit 23e89e8ee7be, always ACKs (FIDELITY 93)',
  },
  {
    state: 'SYN_RECV',
    event: 'ACK of our SYN',
    input: seg('.', { seq: 1, ack: 1 }),
    to: 'ESTABLISHED',
    timers: [],
    src: 'RFC 9293 §3.10.7.4 fifth SYN-RECEIVED; FIDELITY 50',
  },
  {
    state: 'SYN_RECV',
    event: 'ACK, unacceptable',
    input: seg('.', { seq: 1, ack: 5 }),
    send: ['R 5'],
    src: 'RFC 9293 §3.10.7.4 fifth: <SEQ=SEG.ACK><CTL=RST>; FIDELITY 69',
  },
  {
    state: 'SYN_RECV',
    event: 'SYN (the peer retransmits its SYN)',
    input: seg('S', { seq: 0 }),
    send: ['. 1 ack 1'],
    src: 'RFC 5961 §4.2 challenge ACK; RFC 9293 first check (SEG.SEQ < RCV.NXT) → ACK',
  },
  {
    state: 'SYN_RECV',
    event: 'data with ACK of our SYN',
    input: seg('P.', { seq: 1, len: 100, ack: 1 }),
    to: 'ESTABLISHED',
    src: 'Linux: first data → quick ACK (FIDELITY 12, 89); rfc profile: delayed ACK (RFC 1122 §4.2.3.2, < 0.5 s)',
    linux: { to: 'ESTABLISHED', send: ['. 1 ack 101'], timers: [] },
    rfc: { to: 'ESTABLISHED', timers: ['delack +0.2'] },
  },
  {
    state: 'SYN_RECV',
    event: 'RST exact',
    input: seg('R', { seq: 1 }),
    to: 'CLOSED',
    gone: true,
    src: 'RFC 9293 §3.10.7.4 second, SYN-RECEIVED from an active OPEN: "the connection was refused"; Linux tcp_reset default → ECONNRESET (FIDELITY 52)',
    linux: { to: 'CLOSED', gone: true, errno: 'ECONNRESET' },
    rfc: { to: 'CLOSED', gone: true, errno: 'ECONNREFUSED' },
  },
  {
    state: 'SYN_RECV',
    event: 'RST in window, not exact',
    input: seg('R', { seq: 1001 }),
    send: ['. 1 ack 1'],
    src: 'RFC 5961 §3.2 challenge ACK',
  },
  {
    state: 'SYN_RECV',
    event: 'RST outside the window',
    input: seg('R', { seq: 1_000_000 }),
    src: 'RFC 9293 §3.10.7.4 first: drop',
  },
  {
    state: 'SYN_RECV',
    event: 'FIN with ACK of our SYN',
    input: seg('F.', { seq: 1, ack: 1 }),
    to: 'CLOSE_WAIT',
    src: 'RFC 9293 §3.10.7.4 fifth then eighth; Linux tcp_fin pingpong: delayed ACK, ato 0 → next tick (FIDELITY 71)',
    linux: { to: 'CLOSE_WAIT', timers: ['delack +0'] },
    rfc: { to: 'CLOSE_WAIT', timers: ['delack +0.2'] },
  },
  {
    state: 'SYN_RECV',
    event: 'retransmission timer',
    input: timer('rtx'),
    send: ['S. 0 ack 1'],
    timers: ['retransmit +2'],
    src: 'RFC 6298 §5.5; linear timeouts are for SYN_SENT only (FIDELITY 23)',
  },
  {
    state: 'SYN_RECV',
    opts: { passive: true },
    event: 'third ACK (listener child)',
    input: seg('.', { seq: 1, ack: 1 }),
    to: 'ESTABLISHED',
    src: 'RFC 9293 §3.10.7.4 fifth; FIDELITY 9, 50',
  },
  {
    state: 'SYN_RECV',
    opts: { passive: true },
    event: 'third ACK with data (listener child)',
    input: seg('P.', { seq: 1, len: 4, ack: 1 }),
    to: 'ESTABLISHED',
    src: 'FIDELITY 12 (gvisor accept_ack_drop.pkt: immediate ACK); rfc: delayed ACK',
    linux: { to: 'ESTABLISHED', send: ['. 1 ack 5'] },
    rfc: { to: 'ESTABLISHED', timers: ['delack +0.2'] },
  },

  // ------------------------------------------------------------------ ESTABLISHED
  ...synchronized('ESTABLISHED', {}, 'ECONNRESET'),
  {
    state: 'ESTABLISHED',
    event: 'ACK, acceptable (= SND.NXT, nothing outstanding)',
    input: seg('.', { ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 fifth',
  },
  {
    state: 'ESTABLISHED',
    opts: { unacked: 100 },
    event: 'ACK of all outstanding data',
    input: seg('.', { ack: 201 }),
    timers: [],
    src: 'RFC 6298 §5.2: all data acknowledged → turn the retransmission timer off',
  },
  {
    state: 'ESTABLISHED',
    event: 'data in window',
    input: seg('P.', { seq: 1, len: 100, ack: 101 }),
    src: 'Linux: first data → quick ACK (FIDELITY 89); rfc: delayed ACK ≤ 0.5 s (RFC 1122 §4.2.3.2)',
    linux: { send: ['. 101 ack 101'] },
    rfc: { timers: ['delack +0.2'] },
  },
  {
    state: 'ESTABLISHED',
    event: 'FIN',
    input: seg('F.', { seq: 1, ack: 101 }),
    to: 'CLOSE_WAIT',
    src: 'RFC 9293 §3.10.7.4 eighth; Linux tcp_fin → pingpong, delayed ACK, ato 0 → next tick (FIDELITY 54, 71)',
    linux: { to: 'CLOSE_WAIT', timers: ['delack +0'] },
    rfc: { to: 'CLOSE_WAIT', timers: ['delack +0.2'] },
  },
  {
    state: 'ESTABLISHED',
    opts: { unacked: 100 },
    event: 'retransmission timer (data outstanding)',
    input: timer('rtx'),
    send: ['P. 101:201(100) ack 1'],
    src: 'Linux: tail loss probe re-sends the tail, then the RTO (FIDELITY 92); rfc: RFC 6298 §5.4-5.6, RTO doubles',
    linux: { send: ['P. 101:201(100) ack 1'], timers: [`retransmit +${RTO_LINUX}`] },
    rfc: { send: ['P. 101:201(100) ack 1'], timers: ['retransmit +2'] },
  },
  {
    state: 'ESTABLISHED',
    opts: { keepalive: true },
    event: 'keepalive timer',
    input: timer('keepalive'),
    src: 'RFC 9293 §3.8.4 (probe only after an idle interval with nothing received); Linux tcp_keepalive_timer: probe = ACK seq SND.UNA−1, then every tcp_keepalive_intvl (FIDELITY 88)',
    // Armed at 0.1 s, the last segment arrived at 0.21 s: with exact timers (rfc) the idle
    // time is 0.11 s short, so the timer is re-armed for the rest; Linux's timer wheel fires
    // minutes late at this range, so the probe goes.
    linux: { send: ['. 100 ack 1'], timers: ['keepalive +75'] },
    rfc: { timers: ['keepalive +0.11'] },
  },
  {
    state: 'ESTABLISHED',
    opts: { received: 100, ackPending: true },
    only: 'rfc',
    event: 'delayed-ACK timer',
    input: timer('delack'),
    send: ['. 101 ack 101'],
    timers: [],
    src: 'RFC 1122 §4.2.3.2: the delayed ACK goes when its timer fires',
  },

  // ------------------------------------------------------------------ FIN_WAIT1 (after close())
  ...synchronized('FIN_WAIT1', {}),
  {
    state: 'FIN_WAIT1',
    event: 'ACK of our FIN (orphan)',
    input: seg('.', { ack: 102 }),
    to: 'FIN_WAIT2',
    timers: ['fin_wait2 +60'],
    src: 'RFC 9293 §3.10.7.4 fifth FIN-WAIT-1; Linux orphan: FIN_WAIT2 minisock, tcp_fin_time = max(tcp_fin_timeout, 3.5·RTO) (FIDELITY 55, 75)',
  },
  {
    state: 'FIN_WAIT1',
    event: 'ACK = SND.UNA (FIN not yet acknowledged)',
    input: seg('.', { ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 fifth: duplicate ACK, nothing to do',
  },
  {
    state: 'FIN_WAIT1',
    event: 'data in window after close()',
    input: seg('P.', { seq: 1, len: 100, ack: 101 }),
    send: ['R 101'],
    to: 'CLOSED',
    gone: true,
    src: 'RFC 1122 §4.2.2.13 (RST when data arrives after CLOSE); Linux tcp_rcv_state_process step 7 TCPABORTONDATA (FIDELITY 78)',
  },
  {
    state: 'FIN_WAIT1',
    opts: { via: 'shutdown' },
    event: 'data in window after shutdown(SHUT_WR)',
    input: seg('P.', { seq: 1, len: 100, ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 seventh (FIN-WAIT-1 receives); FIDELITY 73; quick ACK (linux) / delayed (rfc)',
    linux: { send: ['. 102 ack 101'] },
    rfc: { timers: ['retransmit', 'delack +0.2'] },
  },
  {
    state: 'FIN_WAIT1',
    event: 'FIN (crossing ours)',
    input: seg('F.', { seq: 1, ack: 101 }),
    to: 'CLOSING',
    send: ['. 102 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth, Fig. 13; Linux tcp_fin FIN_WAIT1: immediate ACK (FIDELITY 56, 72)',
  },
  {
    state: 'FIN_WAIT1',
    event: 'FIN+ACK of our FIN',
    input: seg('F.', { seq: 1, ack: 102 }),
    to: 'TIME_WAIT',
    send: ['. 102 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth; FIDELITY 57; TIME_WAIT 60 s (Linux) / 2·MSL (RFC)',
    linux: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_LINUX}`] },
    rfc: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_RFC}`] },
  },
  {
    state: 'FIN_WAIT1',
    event: 'retransmission timer (FIN outstanding)',
    input: timer('rtx'),
    send: ['F. 101 ack 1'],
    src: 'Linux TLP re-sends a lone FIN, then the RTO (FIDELITY 79, 92); rfc: RFC 6298 §5.5',
    linux: { send: ['F. 101 ack 1'], timers: [`retransmit +${RTO_LINUX}`] },
    rfc: { send: ['F. 101 ack 1'], timers: ['retransmit +2'] },
  },

  // ------------------------------------------------------------------ FIN_WAIT2 (half-close)
  ...synchronized('FIN_WAIT2', {}, 'ECONNRESET'),
  {
    state: 'FIN_WAIT2',
    event: 'ACK, acceptable',
    input: seg('.', { ack: 102 }),
    src: 'RFC 9293 §3.10.7.4 fifth FIN-WAIT-2',
  },
  {
    state: 'FIN_WAIT2',
    event: 'data in window',
    input: seg('P.', { seq: 1, len: 100, ack: 102 }),
    src: 'RFC 9293 §3.10.7.4 seventh; FIDELITY 73 (shutdown-wr-close.pkt: ACKed)',
    linux: { send: ['. 102 ack 101'] },
    rfc: { timers: ['delack +0.2'] },
  },
  {
    state: 'FIN_WAIT2',
    event: 'FIN',
    input: seg('F.', { seq: 1, ack: 102 }),
    to: 'TIME_WAIT',
    send: ['. 102 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth; FIDELITY 58',
    linux: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_LINUX}`] },
    rfc: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_RFC}`] },
  },

  // ------------------------------------------------------------------ FIN_WAIT2 (orphan minisock)
  // Linux's own substate (tcp_timewait_state_process, TCP_FIN_WAIT2): RFC 9293 has no
  // FIN-WAIT-2 timeout, so Linux is the reference here.
  ...orphanFinWait2(),

  // ------------------------------------------------------------------ CLOSE_WAIT
  ...synchronized('CLOSE_WAIT', {}, 'EPIPE'),
  {
    state: 'CLOSE_WAIT',
    event: 'ACK, acceptable',
    input: seg('.', { seq: 2, ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 fifth CLOSE-WAIT',
  },
  {
    state: 'CLOSE_WAIT',
    event: 'data in window (after the FIN)',
    input: seg('P.', { seq: 2, len: 100, ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 seventh CLOSE-WAIT: "Ignore the segment text"; Linux step 7 skips tcp_data_queue',
  },
  {
    state: 'CLOSE_WAIT',
    event: 'FIN, retransmitted',
    input: seg('F.', { seq: 1, ack: 101 }),
    send: ['. 101 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth "Remain in the CLOSE-WAIT state"; Linux tcp_data_queue: a retransmission forces an ACK (FIDELITY 80)',
  },
  {
    state: 'CLOSE_WAIT',
    opts: { ackPending: true },
    event: 'delayed-ACK timer (ACK of the FIN)',
    input: timer('delack'),
    send: ['. 101 ack 2'],
    timers: [],
    src: 'FIDELITY 71: the delayed ACK of the FIN leaves when the timer fires',
  },

  // ------------------------------------------------------------------ CLOSING
  ...synchronized('CLOSING', {}),
  {
    state: 'CLOSING',
    event: 'ACK of our FIN',
    input: seg('.', { seq: 2, ack: 102 }),
    to: 'TIME_WAIT',
    src: 'RFC 9293 §3.10.7.4 fifth CLOSING; FIDELITY 59',
    linux: { to: 'TIME_WAIT', timers: [`time_wait +${TW_LINUX}`] },
    rfc: { to: 'TIME_WAIT', timers: [`time_wait +${TW_RFC}`] },
  },
  {
    state: 'CLOSING',
    event: 'data in window (after the FIN)',
    input: seg('P.', { seq: 2, len: 100, ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 seventh CLOSING: ignore the segment text',
  },
  {
    state: 'CLOSING',
    event: 'FIN, retransmitted',
    input: seg('F.', { seq: 1, ack: 101 }),
    send: ['. 102 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth "Remain in the CLOSING state"; FIDELITY 80',
  },
  {
    state: 'CLOSING',
    event: 'retransmission timer (FIN outstanding)',
    input: timer('rtx'),
    send: ['F. 101 ack 2'],
    src: 'FIDELITY 72, 92; RFC 6298 §5.5',
    linux: { send: ['F. 101 ack 2'], timers: [`retransmit +${RTO_LINUX}`] },
    rfc: { send: ['F. 101 ack 2'], timers: ['retransmit +2'] },
  },

  // ------------------------------------------------------------------ LAST_ACK
  ...synchronized('LAST_ACK', {}),
  {
    state: 'LAST_ACK',
    event: 'ACK of our FIN',
    input: seg('.', { seq: 2, ack: 102 }),
    to: 'CLOSED',
    gone: true,
    src: 'RFC 9293 §3.10.7.4 fifth LAST-ACK: delete the TCB; FIDELITY 61',
  },
  {
    state: 'LAST_ACK',
    event: 'data in window (after the FIN)',
    input: seg('P.', { seq: 2, len: 100, ack: 101 }),
    src: 'RFC 9293 §3.10.7.4 seventh LAST-ACK: ignore the segment text',
  },
  {
    state: 'LAST_ACK',
    event: 'FIN, retransmitted',
    input: seg('F.', { seq: 1, ack: 101 }),
    send: ['. 102 ack 2'],
    src: 'RFC 9293 §3.10.7.4 eighth "Remain in the LAST-ACK state"; FIDELITY 80',
  },
  {
    state: 'LAST_ACK',
    event: 'retransmission timer (FIN outstanding)',
    input: timer('rtx'),
    send: ['F. 101 ack 2'],
    src: 'FIDELITY 81, 92; RFC 6298 §5.5',
    linux: { send: ['F. 101 ack 2'], timers: [`retransmit +${RTO_LINUX}`] },
    rfc: { send: ['F. 101 ack 2'], timers: ['retransmit +2'] },
  },

  // ------------------------------------------------------------------ TIME_WAIT
  ...timeWait(),
];

/** Orphaned FIN_WAIT2 (close() then the ACK of our FIN): SND.NXT 102, RCV.NXT 1. */
function orphanFinWait2(): Row[] {
  const opts: FixtureOptions = { via: 'close' };
  const base = { state: 'FIN_WAIT2' as const, opts, only: 'linux' as const };
  const src = 'Linux tcp_timewait_state_process, FIN_WAIT2 substate (FIDELITY 75)';
  return [
    {
      ...base,
      event: 'orphan: SYN at RCV.NXT',
      input: seg('S', { seq: 1 }),
      send: ['R. abs0 ack 2'],
      to: 'CLOSED',
      gone: true,
      src: `${src}: SYN with seq ≥ rcv_nxt → TCP_TW_RST`,
    },
    {
      ...base,
      event: 'orphan: SYN outside the window',
      input: seg('S', { seq: 1_000_000 }),
      send: ['. 102 ack 1'],
      src: `${src}: out of window → ACK (rate-limited)`,
    },
    {
      ...base,
      event: 'orphan: SYN+ACK (old, below RCV.NXT)',
      input: seg('S.', { seq: 0, ack: 1 }),
      send: ['. 102 ack 1'],
      src: `${src}: tcp_in_window(seq, end_seq, rcv_nxt, …) needs seq == rcv_nxt or end_seq after rcv_nxt; the old SYN-ACK ends at rcv_nxt → out of window → ACK`,
    },
    {
      ...base,
      event: 'orphan: ACK (duplicate)',
      input: seg('.', { seq: 1, ack: 102 }),
      src: `${src}: dup ACK → nothing`,
    },
    {
      ...base,
      event: 'orphan: data in window',
      input: seg('P.', { seq: 1, len: 100, ack: 102 }),
      send: ['R 102'],
      to: 'CLOSED',
      gone: true,
      src: `${src}: new data after half-duplex close → TCP_TW_RST (RFC 1122 §4.2.2.13)`,
    },
    {
      ...base,
      event: 'orphan: data outside the window',
      input: seg('P.', { seq: 200_000, len: 100, ack: 102 }),
      send: ['. 102 ack 1'],
      src: `${src}: out of window → ACK`,
    },
    {
      ...base,
      event: 'orphan: RST exact',
      input: seg('R', { seq: 1 }),
      to: 'CLOSED',
      gone: true,
      src: `${src}: in-window RST → kill`,
    },
    {
      ...base,
      event: 'orphan: RST in window, not exact',
      input: seg('R', { seq: 1001 }),
      to: 'CLOSED',
      gone: true,
      src: `${src}: any in-window RST kills the minisock (no RFC 5961 check here)`,
    },
    {
      ...base,
      event: 'orphan: RST outside the window',
      input: seg('R', { seq: 1_000_000 }),
      send: ['. 102 ack 1'],
      src: `${src}: out of window → tcp_timewait_check_oow_rate_limit → TCP_TW_ACK before the RST check, RST or not`,
    },
    // The rfc profile keeps the minisock (its timeout is Linux's) but RFC 9293's checks.
    {
      ...base,
      only: 'rfc',
      event: 'orphan: SYN+ACK (old, below RCV.NXT)',
      input: seg('S.', { seq: 0, ack: 1 }),
      send: ['. 102 ack 1'],
      src: 'RFC 9293 §3.10.7.4 first: neither SEG.SEQ nor SEG.SEQ+SEG.LEN−1 is ≥ RCV.NXT → unacceptable → ACK',
    },
    {
      ...base,
      only: 'rfc',
      event: 'orphan: RST outside the window',
      input: seg('R', { seq: 1_000_000 }),
      src: 'RFC 9293 §3.10.7.4 first: an unacceptable segment gets an ACK "unless the RST bit is set, if so drop the segment"',
    },
    {
      state: 'FIN_WAIT2',
      opts,
      event: 'orphan: FIN',
      input: seg('F.', { seq: 1, ack: 102 }),
      to: 'TIME_WAIT',
      send: ['. 102 ack 2'],
      src: `${src}: FIN at rcv_nxt → TIME_WAIT, ACK`,
      linux: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_LINUX}`] },
      rfc: { to: 'TIME_WAIT', send: ['. 102 ack 2'], timers: [`time_wait +${TW_RFC}`] },
    },
    {
      state: 'FIN_WAIT2',
      opts,
      event: 'orphan: FIN_WAIT2 timer',
      input: timer('tw'),
      to: 'CLOSED',
      gone: true,
      src: 'FIDELITY 75: destroyed silently when tcp_fin_timeout expires (gvisor fin_wait2_timeout.pkt)',
    },
  ];
}

/** TIME_WAIT: SND.NXT 102, RCV.NXT 2 (tcp_timewait_state_process, RFC 9293 §3.10.7.4). */
function timeWait(): Row[] {
  const state = 'TIME_WAIT' as const;
  const restart = {
    linux: { send: ['. 102 ack 2'], timers: [`time_wait +${TW_LINUX}`] },
    rfc: { send: ['. 102 ack 2'], timers: [`time_wait +${TW_RFC}`] },
  };
  return [
    {
      state,
      event: 'SYN above RCV.NXT, no listener',
      input: seg('S', { seq: 1000 }),
      send: ['. 102 ack 2'],
      src: 'FIDELITY 85: TCP_TW_SYN needs a listener; otherwise TCP_TW_ACK, timer not restarted for an ACK-less SYN',
    },
    {
      state,
      event: 'SYN below RCV.NXT (old duplicate)',
      input: seg('S', { seq: 0 }),
      send: ['. 102 ack 2'],
      src: 'FIDELITY 85: old SYN → ACK, timer kept',
    },
    {
      state,
      event: 'SYN+ACK',
      input: seg('S.', { seq: 0, ack: 1 }),
      src: 'tcp_timewait_state_process: out-of-window ACK-bearing segment → ACK and restart (FIDELITY 83)',
      ...restart,
    },
    {
      state,
      event: 'ACK at RCV.NXT (in window, no data)',
      input: seg('.', { seq: 2, ack: 102 }),
      src: 'FIDELITY 83: a bare in-window ACK restarts the timer silently',
      linux: { timers: [`time_wait +${TW_LINUX}`] },
      rfc: { timers: [`time_wait +${TW_RFC}`] },
    },
    {
      state,
      event: 'ACK, old duplicate (below RCV.NXT)',
      input: seg('.', { seq: 1, ack: 101 }),
      src: 'RFC 9293 §3.10.7.4 first: unacceptable → ACK; Linux TCP_TW_ACK and restart (FIDELITY 83)',
      ...restart,
    },
    {
      state,
      event: 'data',
      input: seg('P.', { seq: 2, len: 100, ack: 102 }),
      src: 'tcp_timewait_state_process: not a bare ACK → ACK and restart',
      ...restart,
    },
    {
      state,
      event: 'FIN, retransmitted',
      input: seg('F.', { seq: 1, ack: 102 }),
      src: 'RFC 9293 §3.10.7.4 eighth TIME-WAIT: ACK it, restart the 2 MSL timeout; FIDELITY 83',
      ...restart,
    },
    {
      state,
      event: 'RST exact',
      input: seg('R', { seq: 2 }),
      to: 'CLOSED',
      gone: true,
      src: 'RFC 9293 §3.10.7.4 second TIME-WAIT: CLOSED; Linux tcp_rfc1337 = 0: TIME_WAIT assassination (FIDELITY 84)',
    },
    {
      state,
      opts: { sys: { tcp_rfc1337: 1 } },
      event: 'RST exact, tcp_rfc1337 = 1',
      input: seg('R', { seq: 2 }),
      src: 'RFC 1337; FIDELITY 84: the RST is ignored',
    },
    {
      state,
      event: 'RST in window, not exact',
      input: seg('R', { seq: 1002 }),
      src: 'Linux tcp_timewait_state_process: only seq == rcv_nxt is in window; other RSTs are dropped. RFC 9293 §3.10.7.4 second (RFC 5961 §3.2) applies in TIME-WAIT too: challenge ACK',
      rfc: { send: ['. 102 ack 2'] },
    },
    {
      state,
      event: 'RST outside the window',
      input: seg('R', { seq: 1_000_000 }),
      src: 'RFC 9293 §3.10.7.4 first; FIDELITY 84',
    },
    {
      state,
      event: 'TIME_WAIT timer',
      input: timer('tw'),
      to: 'CLOSED',
      gone: true,
      src: 'RFC 9293 §3.10.8: time-wait timeout → delete the TCB; FIDELITY 62',
    },
  ];
}

// ------------------------------------------------------------------ runner

interface Case extends Required<Pick<Expect, 'send'>> {
  name: string;
  profile: Profile;
  row: Row;
  to: TcpState | undefined;
  timers: string[] | undefined;
  gone: boolean;
  errno: Errno | undefined;
  fails: string | undefined;
}

function cases(rows: Row[]): Case[] {
  const out: Case[] = [];
  for (const row of rows)
    for (const profile of ['linux', 'rfc'] as const) {
      if (row.only !== undefined && row.only !== profile) continue;
      const over = row[profile];
      const e: Expect = over === undefined ? row : { ...pick(row), ...over };
      out.push({
        name: `${profile} ${row.state}${describeOpts(row.opts)} + ${row.event}`,
        profile,
        row,
        send: e.send ?? [],
        to: e.to,
        timers: e.timers,
        gone: e.gone ?? false,
        errno: e.errno,
        fails: over?.fails ?? (over === undefined ? row.fails : undefined),
      });
    }
  return out;
}

/** The row's own expectations (a profile override replaces them field by field, unset = default). */
function pick(row: Row): Expect {
  return {
    ...(row.send ? { send: row.send } : {}),
    ...(row.to ? { to: row.to } : {}),
    ...(row.timers ? { timers: row.timers } : {}),
    ...(row.gone ? { gone: row.gone } : {}),
    ...(row.errno ? { errno: row.errno } : {}),
  };
}

function describeOpts(o: FixtureOptions | undefined): string {
  if (o === undefined) return '';
  const parts = Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Expected timer strings → {name, at}: 'x' keeps its earlier deadline, 'x +d' is armed now. */
function expectedTimers(
  want: string[],
  before: Array<{ name: string; at: number }>,
  fx: ConnFixture,
  now: number,
): Array<{ name: string; at: number }> {
  return want
    .map((w) => {
      const [name, delay] = w.split(' +') as [string, string | undefined];
      if (delay !== undefined) return { name, at: fx.fireTime(now, Number(delay)) };
      const kept = before.find((b) => b.name === name);
      return { name, at: kept === undefined ? NaN : kept.at };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function run(c: Case): void {
  const fx = connectionIn(c.row.state, { ...c.row.opts, profile: c.profile });
  const { conn, sink } = fx;
  const before = armedTimers(conn);
  const fromState = conn.state;
  let now: number;
  if ('timer' in c.row.input) {
    const slot = c.row.input.timer;
    now = conn.timerAt[slot];
    expect(now, `no ${slot} timer armed in the fixture`).toBeGreaterThanOrEqual(0);
    conn.onTimer(slot, now);
  } else {
    now = fx.now + 0.01;
    conn.process(fx.seg(c.row.input.seg, c.row.input.spec ?? {}), now);
  }
  const sent = sink.log.flatMap((e) => (e.k === 'send' ? [renderSend(e.seg)] : []));
  const gone = sink.log.some((e) => e.k === 'gone');
  const after = armedTimers(conn).sort((a, b) => a.name.localeCompare(b.name));
  const wantTimers = c.gone ? [] : (c.timers ?? before.map((b) => b.name));
  expect({
    send: sent,
    state: conn.state,
    gone,
    errno: conn.err,
    timers: after,
  }).toEqual({
    send: c.send,
    state: c.to ?? (c.gone ? 'CLOSED' : fromState),
    gone: c.gone,
    errno: c.errno,
    timers: expectedTimers(wantTimers, before, fx, now),
  });
}

describe('state × event (connection)', () => {
  const all = cases(ROWS);
  const passing = all.filter((c) => c.fails === undefined);
  const failing = all.filter((c) => c.fails !== undefined);
  it.each(passing.map((c) => [c.name, c] as const))('%s', (_name, c) => run(c));
  // Rows where the engine departs from RFC 9293 / Linux (see each row's `fails`).
  if (failing.length > 0)
    it.fails.each(failing.map((c) => [`${c.name} — ${c.fails}`, c] as const))('%s', (_n, c) =>
      run(c),
    );
});

describe('state × event: coverage', () => {
  it('every state a connection can be in has rows, for both profiles', () => {
    const states: FixtureState[] = [
      'SYN_SENT',
      'SYN_RECV',
      'ESTABLISHED',
      'FIN_WAIT1',
      'FIN_WAIT2',
      'CLOSE_WAIT',
      'CLOSING',
      'LAST_ACK',
      'TIME_WAIT',
    ];
    const all = cases(ROWS);
    for (const s of states)
      for (const p of ['linux', 'rfc'] as const)
        expect(
          all.some((c) => c.row.state === s && c.profile === p),
          `${p} ${s}`,
        ).toBe(true);
  });

  it('a half-closed FIN_WAIT2 arms no timer: it lasts until the peer closes (FIDELITY 73)', () => {
    for (const profile of ['linux', 'rfc'] as const)
      expect(connectionIn('FIN_WAIT2', { profile }).conn.pollAt()).toBe(Infinity);
  });

  it('TIME_WAIT + fresh SYN above RCV.NXT: reincarnation ISN = SND.NXT + 65537 (FIDELITY 85)', () => {
    const fx = connectionIn('TIME_WAIT');
    const isn = fx.conn.reincarnationIsn(fx.seg('S', { seq: 1000 }));
    expect(isn === undefined ? undefined : seqDiff(isn, ISS)).toBe(102 + 65535 + 2);
    expect(fx.conn.reincarnationIsn(fx.seg('S', { seq: 0 }))).toBeUndefined();
    expect(fx.conn.reincarnationIsn(fx.seg('S.', { seq: 1000, ack: 1 }))).toBeUndefined();
  });

  it('a second challenge ACK within tcp_invalid_ratelimit is suppressed (FIDELITY 68)', () => {
    const fx = connectionIn('ESTABLISHED');
    fx.conn.process(fx.seg('S', { seq: 1 }), fx.now + 0.01);
    fx.conn.process(fx.seg('S', { seq: 1 }), fx.now + 0.2);
    fx.conn.process(fx.seg('S', { seq: 1 }), fx.now + 0.6);
    const sent = fx.sink.log.flatMap((e) => (e.k === 'send' ? [renderSend(e.seg)] : []));
    expect(sent).toEqual(['. 101 ack 1', '. 101 ack 1']);
  });
});

// ------------------------------------------------------------------ listener

interface ListenerRow {
  state: 'LISTEN' | 'SYN_RECV';
  event: string;
  input: Input;
  send?: string[];
  /** Request socks left in the SYN queue. */
  requests: number;
  /** States of the children spawned (accept queue). */
  children?: TcpState[];
  /** Delay of the request timer armed by the event, if any. */
  reqTimer?: number;
  src: string;
  /** The engine disagrees with the source: the row is `it.fails`. */
  fails?: string;
  linux?: Partial<ListenerRow>;
  rfc?: Partial<ListenerRow>;
}

const LISTENER_ROWS: ListenerRow[] = [
  {
    state: 'LISTEN',
    event: 'SYN',
    input: seg('S', { seq: 0 }),
    send: ['S. 0 ack 1'],
    requests: 1,
    reqTimer: 1,
    src: 'RFC 9293 §3.10.7.2 third; FIDELITY 9, 25 (SYN-ACK timer 1 s)',
  },
  {
    state: 'LISTEN',
    event: 'SYN+FIN',
    input: seg('FS', { seq: 0 }),
    requests: 0,
    src: 'FIDELITY 10: dropped (Linux)',
  },
  {
    state: 'LISTEN',
    event: 'ACK',
    input: seg('.', { seq: 1, ack: 1 }),
    send: ['R 1'],
    requests: 0,
    src: 'RFC 9293 §3.10.7.2 second: <SEQ=SEG.ACK><CTL=RST>; FIDELITY 10',
  },
  {
    state: 'LISTEN',
    event: 'SYN+ACK',
    input: seg('S.', { seq: 0, ack: 1 }),
    send: ['R 1'],
    requests: 0,
    src: 'RFC 9293 §3.10.7.2 second; FIDELITY 10',
  },
  {
    state: 'LISTEN',
    event: 'RST',
    input: seg('R', { seq: 0 }),
    requests: 0,
    src: 'RFC 9293 §3.10.7.2 first: ignore',
  },
  {
    state: 'LISTEN',
    event: 'data without ACK',
    input: seg('P', { seq: 1, len: 10 }),
    requests: 0,
    src: 'RFC 9293 §3.10.7.2 fourth: drop; FIDELITY 10',
  },
  {
    state: 'SYN_RECV',
    event: 'retransmitted SYN (same ISN)',
    input: seg('S', { seq: 0 }),
    send: ['S. 0 ack 1'],
    requests: 1,
    reqTimer: 1,
    src: 'FIDELITY 14: SYN-ACK re-sent at once, timer pushed to now + (1 s << num_timeout)',
  },
  {
    state: 'SYN_RECV',
    event: 'SYN, other ISN, in window',
    input: seg('S', { seq: 1 }),
    send: ['R. abs0 ack 2'],
    requests: 0,
    src: 'FIDELITY 15: embryonic reset, request dropped',
  },
  {
    state: 'SYN_RECV',
    event: 'SYN outside the window',
    input: seg('S', { seq: 1_000_000 }),
    send: ['. 1 ack 1'],
    requests: 1,
    src: 'FIDELITY 15: out of window → ACK (seq ISS+1, ack IRS+1)',
  },
  {
    state: 'SYN_RECV',
    event: 'RST in window',
    input: seg('R', { seq: 1 }),
    requests: 0,
    src: 'RFC 9293 §3.10.7.4 second (passive OPEN → back to LISTEN); FIDELITY 52, 95',
  },
  {
    state: 'SYN_RECV',
    event: 'RST outside the window',
    input: seg('R', { seq: 1_000_000 }),
    requests: 1,
    src: 'tcp_check_req: out of tcp_in_window → return NULL, request kept (no ACK for a RST); RFC 9293 §3.10.7.4 first: drop; FIDELITY 95',
  },
  {
    state: 'SYN_RECV',
    event: 'ACK, wrong ack number',
    input: seg('.', { seq: 1, ack: 5 }),
    send: ['R 5'],
    requests: 1,
    src: 'RFC 9293 §3.10.7.4 fifth; FIDELITY 11: RST from the listener, request kept',
  },
  {
    state: 'SYN_RECV',
    event: 'third ACK',
    input: seg('.', { seq: 1, ack: 1 }),
    requests: 0,
    children: ['ESTABLISHED'],
    src: 'FIDELITY 9: child created in the accept queue',
  },
  {
    state: 'SYN_RECV',
    event: 'third ACK with data',
    input: seg('P.', { seq: 1, len: 4, ack: 1 }),
    requests: 0,
    children: ['ESTABLISHED'],
    src: 'FIDELITY 12: data queued and ACKed at once (linux); rfc: delayed ACK',
    linux: { send: ['. 1 ack 5'] },
  },
];

describe('state × event (listener)', () => {
  const listenerCases = LISTENER_ROWS.flatMap((row) =>
    (['linux', 'rfc'] as const).map((profile) => {
      const r: ListenerRow = { ...row, ...row[profile] };
      return [`${profile} ${row.state} + ${row.event}`, r, profile] as const;
    }),
  );
  const runListener = (r: ListenerRow, profile: Profile): void => {
    const fx = listenerIn(r.state, { profile });
    const now = fx.now + 0.05;
    if ('timer' in r.input) throw new Error('listener rows take segments');
    fx.lst.process(fx.seg(r.input.seg, r.input.spec ?? {}), now);
    const sent = fx.sink.log.flatMap((e) => (e.k === 'send' ? [renderSend(e.seg)] : []));
    const timers = fx.requestTimers();
    expect({
      send: sent,
      requests: fx.lst.reqs.size,
      children: fx.children.map((c) => c.state),
      reqTimer: timers.at(-1)?.at,
    }).toEqual({
      send: r.send ?? [],
      requests: r.requests,
      children: r.children ?? [],
      reqTimer: r.reqTimer === undefined ? undefined : fx.fireTime(now, r.reqTimer),
    });
  };
  const ok = listenerCases.filter(([, r]) => r.fails === undefined);
  const bad = listenerCases.filter(([, r]) => r.fails !== undefined);
  it.each(ok)('%s', (_name, r, profile) => runListener(r, profile));
  if (bad.length > 0)
    it.fails.each(bad.map(([n, r, p]) => [`${n} — ${r.fails ?? ''}`, r, p] as const))(
      '%s',
      (_name, r, profile) => runListener(r, profile),
    );

  it.each(['linux', 'rfc'] as const)(
    '%s SYN_RECV + request timer → SYN-ACK again, next in 2 s (FIDELITY 25: 1, 3, 7, … s)',
    (profile) => {
      const fx = listenerIn('SYN_RECV', { profile });
      const [req] = [...fx.lst.reqs.values()];
      if (req === undefined) throw new Error('no request');
      fx.lst.onRequestTimer(req, 1);
      const sent = fx.sink.log.flatMap((e) => (e.k === 'send' ? [renderSend(e.seg)] : []));
      expect(sent).toEqual(['S. 0 ack 1']);
      expect(fx.requestTimers().at(-1)?.at).toBe(fx.fireTime(1, 2));
    },
  );
});

// The fixtures' numbers are relative to these ISNs; keep them visibly apart.
it('fixture ISNs differ', () => expect(seqDiff(IRS, ISS)).not.toBe(0));
