// The oracle's timer constants and schedules, from the RFCs and FIDELITY.md §0–§1 (not from
// lib/engine): TIME_WAIT length and the SYN retransmission schedule of both profiles.

import type { Profile } from '@/lib/engine';

/** RFC 9293 §3.4.2: MSL is 2 minutes (when a question states no other). */
export const RFC_MSL_SECONDS = 120;
/** Linux TCP_TIMEWAIT_LEN (include/net/tcp.h): TIME_WAIT is a constant 60 s. */
export const LINUX_TIME_WAIT_SECONDS = 60;
/** Linux tcp_syn_linear_timeouts default (FIDELITY.md §1). */
export const LINUX_SYN_LINEAR_TIMEOUTS = 4;
/** RFC 6298 §2.1 and Linux TCP_TIMEOUT_INIT: the first RTO. */
const INITIAL_RTO = 1;
/** Linux TCP_RTO_MAX: backoff stops doubling at 120 s. */
const RTO_MAX = 120;

/** How long TIME_WAIT lasts: 2 × MSL in the textbook, 60 s on Linux. */
export function timeWaitSeconds(profile: Profile, msl: number = RFC_MSL_SECONDS): number {
  return profile === 'linux' ? LINUX_TIME_WAIT_SECONDS : 2 * msl;
}

/**
 * Times (seconds after the first SYN) of SYN retransmissions #1, #2, …, up to the give-up. The
 * textbook doubles the RTO after every timeout (RFC 6298 §5.5); Linux keeps it at 1 s for the
 * first tcp_syn_linear_timeouts retransmissions, then doubles (FIDELITY.md §0.1, §0.2).
 */
export function synRetransmitTimes(profile: Profile, synRetries: number): number[] {
  const limit = profile === 'linux' ? synRetries + LINUX_SYN_LINEAR_TIMEOUTS : synRetries;
  const bound = profile === 'linux' ? modelTimeout(synRetries) : Number.POSITIVE_INFINITY;
  const out: number[] = [];
  let t = 0;
  let rto = INITIAL_RTO;
  for (let n = 0; n < limit; n++) {
    t += rto;
    // Linux gives up at a timer expiry once the time bound is passed, before sending.
    if (t >= bound) break;
    out.push(t);
    if (profile === 'rfc' || n + 1 > LINUX_SYN_LINEAR_TIMEOUTS) rto = Math.min(2 * rto, RTO_MAX);
  }
  return out;
}

/** Linux tcp_model_timeout(): the time bound for `retries` exponential retransmissions. */
function modelTimeout(retries: number): number {
  const thresh = Math.floor(Math.log2(RTO_MAX / INITIAL_RTO));
  return retries <= thresh
    ? (2 ** (retries + 1) - 1) * INITIAL_RTO
    : (2 ** (thresh + 1) - 1) * INITIAL_RTO + (retries - thresh) * RTO_MAX;
}

/**
 * When connect() fails with ETIMEDOUT: the timer expiry after the last retransmission. On Linux
 * that is the first expiry at which the count or the time bound is reached (FIDELITY.md §0.4).
 */
export function synGiveUpTime(profile: Profile, synRetries: number): number {
  const times = synRetransmitTimes(profile, synRetries);
  let t = times.at(-1) ?? 0;
  let rto = INITIAL_RTO;
  // Replay the RTO that follows the last retransmission.
  for (let n = 0; n < times.length; n++)
    if (profile === 'rfc' || n + 1 > LINUX_SYN_LINEAR_TIMEOUTS) rto = Math.min(2 * rto, RTO_MAX);
  t += rto;
  return t;
}
