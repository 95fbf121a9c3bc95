// The sysctls the engine models, named as Linux names them (net.ipv4.* / net.core.* without
// the prefix), with the defaults of a 6.18 kernel (FIDELITY §1) and of the textbook profile.

import type { Profile } from './trace-schema';

export const SYSCTL_NAMES = [
  'tcp_syn_retries',
  'tcp_synack_retries',
  'tcp_syn_linear_timeouts',
  'tcp_fin_timeout',
  'tcp_abort_on_overflow',
  'tcp_syncookies',
  'tcp_max_syn_backlog',
  'somaxconn',
  'tcp_keepalive_time',
  'tcp_keepalive_intvl',
  'tcp_keepalive_probes',
  'tcp_tw_reuse',
  'tcp_orphan_retries',
  'tcp_retries2',
  'tcp_rto_min_us',
  'tcp_rto_max_ms',
  'tcp_early_retrans',
  'tcp_rfc1337',
  'tcp_invalid_ratelimit',
  'tcp_timestamps',
  'tcp_sack',
  'tcp_window_scaling',
  'msl',
  'hz',
  'hz_phase_us',
] as const;

export type SysctlName = (typeof SYSCTL_NAMES)[number];
export type Sysctls = Record<SysctlName, number>;

const LINUX: Readonly<Sysctls> = Object.freeze({
  tcp_syn_retries: 6,
  tcp_synack_retries: 5,
  tcp_syn_linear_timeouts: 4,
  tcp_fin_timeout: 60,
  tcp_abort_on_overflow: 0,
  tcp_syncookies: 1,
  tcp_max_syn_backlog: 2048,
  somaxconn: 4096,
  tcp_keepalive_time: 7200,
  tcp_keepalive_intvl: 75,
  tcp_keepalive_probes: 9,
  tcp_tw_reuse: 2,
  tcp_orphan_retries: 0,
  tcp_retries2: 15,
  tcp_rto_min_us: 200000,
  tcp_rto_max_ms: 120000,
  tcp_early_retrans: 3,
  tcp_rfc1337: 0,
  tcp_invalid_ratelimit: 500,
  // Options this host offers in its SYN and accepts in a peer's (tcp_syn_options, tcp_parse_options).
  tcp_timestamps: 1,
  tcp_sack: 1,
  tcp_window_scaling: 1,
  // Not used by `linux` (TIME_WAIT is the fixed TCP_TIMEWAIT_LEN = 60 s).
  msl: 120,
  // CONFIG_HZ of the recordings' kernel; drives timer-wheel rounding (lib/engine/timers.ts).
  hz: 250,
  // Where the first jiffy boundary falls after the programs' time 0 (µs). Real kernels have
  // an arbitrary phase; 400 µs is the one value consistent with all the recordings (see
  // docs/engine.md: it decides whether an ato=0 delayed ACK beats the application).
  hz_phase_us: 400,
});

// RFC 9293 + RFC 6298: MSL 2 minutes, RTO floor 1 s, no TLP, exact timers.
const RFC: Readonly<Sysctls> = Object.freeze({
  ...LINUX,
  tcp_syn_linear_timeouts: 0,
  tcp_rto_min_us: 1000000,
  tcp_rto_max_ms: 120000,
  tcp_early_retrans: 0,
  msl: 120,
  hz: 0,
  hz_phase_us: 0,
});

/**
 * The largest value each sysctl may take in a scenario: Linux's own bound where it has one
 * (MAX_TCP_SYNCNT 127, MAX_TCP_KEEPIDLE 32767, MAX_TCP_KEEPCNT 127, u8 retry counts 255,
 * tcp_rto_max_ms 120000, the enumerations), otherwise a day of virtual time or 65535 entries.
 */
export const SYSCTL_MAX: Readonly<Sysctls> = Object.freeze({
  tcp_syn_retries: 127,
  tcp_synack_retries: 255,
  tcp_syn_linear_timeouts: 127,
  tcp_fin_timeout: 86_400,
  tcp_abort_on_overflow: 1,
  tcp_syncookies: 2,
  tcp_max_syn_backlog: 65_535,
  somaxconn: 65_535,
  tcp_keepalive_time: 32_767,
  tcp_keepalive_intvl: 32_767,
  tcp_keepalive_probes: 127,
  tcp_tw_reuse: 2,
  tcp_orphan_retries: 255,
  tcp_retries2: 255,
  tcp_rto_min_us: 120_000_000,
  tcp_rto_max_ms: 120_000,
  tcp_early_retrans: 4,
  tcp_rfc1337: 1,
  tcp_invalid_ratelimit: 86_400_000,
  // Linux accepts 0-2 for tcp_timestamps (2: no random offset), which is 1 to the engine.
  tcp_timestamps: 2,
  tcp_sack: 1,
  tcp_window_scaling: 1,
  msl: 43_200,
  hz: 1_000,
  hz_phase_us: 1_000_000,
});

export function defaultSysctls(profile: Profile): Sysctls {
  const d = profile === 'linux' ? LINUX : RFC;
  // Field by field (not a spread of the frozen table, which V8 copies slowly).
  return {
    tcp_syn_retries: d.tcp_syn_retries,
    tcp_synack_retries: d.tcp_synack_retries,
    tcp_syn_linear_timeouts: d.tcp_syn_linear_timeouts,
    tcp_fin_timeout: d.tcp_fin_timeout,
    tcp_abort_on_overflow: d.tcp_abort_on_overflow,
    tcp_syncookies: d.tcp_syncookies,
    tcp_max_syn_backlog: d.tcp_max_syn_backlog,
    somaxconn: d.somaxconn,
    tcp_keepalive_time: d.tcp_keepalive_time,
    tcp_keepalive_intvl: d.tcp_keepalive_intvl,
    tcp_keepalive_probes: d.tcp_keepalive_probes,
    tcp_tw_reuse: d.tcp_tw_reuse,
    tcp_orphan_retries: d.tcp_orphan_retries,
    tcp_retries2: d.tcp_retries2,
    tcp_rto_min_us: d.tcp_rto_min_us,
    tcp_rto_max_ms: d.tcp_rto_max_ms,
    tcp_early_retrans: d.tcp_early_retrans,
    tcp_rfc1337: d.tcp_rfc1337,
    tcp_invalid_ratelimit: d.tcp_invalid_ratelimit,
    tcp_timestamps: d.tcp_timestamps,
    tcp_sack: d.tcp_sack,
    tcp_window_scaling: d.tcp_window_scaling,
    msl: d.msl,
    hz: d.hz,
    hz_phase_us: d.hz_phase_us,
  };
}

export function isSysctlName(name: string): name is SysctlName {
  return (SYSCTL_NAMES as readonly string[]).includes(name);
}
