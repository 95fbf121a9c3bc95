// The bounds on what one scenario may ask for (the schema refuses more, naming the field) and
// the budget of one run (the simulator stops a run that needs more). Everything the catalog,
// the lessons' trace blocks and the question generators run stays far below them: at most 5
// endpoints, 7 steps, a 12-SYN flood, 20,000 bytes in a send, 100 events, 114 trace entries
// and 250 s of virtual time (tests/unit/engine/limits-coverage.test.ts keeps this true).

import { RunLimitError, type RunLimitName } from './errors';

/** What a scenario file may ask for; scenario-schema.ts applies them. */
export const SCENARIO_LIMITS = {
  /** Endpoints in `endpoints`. */
  endpoints: 16,
  /** Steps in one endpoint's `program`. */
  programSteps: 64,
  /** Rules in `faults`. */
  faults: 32,
  /** SYNs one `syn_flood` step sends. */
  synFloodCount: 2_000,
  /** Bytes one `send` or `recv` step moves. */
  stepBytes: 1_000_000,
  /** Any time written in the file (`at`, `sleep`, delays, fault windows), in seconds. */
  seconds: 86_400,
  /** Characters of the scenario's and the endpoints' names. */
  nameChars: 64,
  /** Characters of `description` and `notes`. */
  textChars: 4_000,
  /** Rounds of the congestion block, and its events. */
  congestionRounds: 1_000,
  /** Any byte count of the congestion block (2^30: the largest window TCP can advertise). */
  congestionBytes: 1_073_741_824,
} as const;

/** The budget of one run; a file's `limits` block may lower each value, never raise it. */
export const RUN_LIMITS = {
  /** Events the simulator processes (and, in the round model, rounds plus ACKs). */
  events: 100_000,
  /** Virtual time a run may reach, in seconds (a day). */
  time: 86_400,
  /**
   * Entries in the trace: segments + states + application events + timer records. The
   * browser draws every segment on the main thread: 4,000 of them already hold it for
   * seconds, so this, not the engine's speed, is what keeps a tab responsive.
   */
  traceEntries: 5_000,
} as const;

export interface RunLimits {
  maxEvents: number;
  maxTime: number;
  maxTraceEntries: number;
}

/** `1234567` → `"1,234,567"` (the same in every runtime: no locale data involved). */
export function groupDigits(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const FILE_KEY: Record<RunLimitName, string> = {
  events: 'limits.max_events',
  time: 'limits.max_time',
  traceEntries: 'limits.max_trace_entries',
};

const WHAT: Record<RunLimitName, (max: string) => string> = {
  events: (max) => `needs more than ${max} simulation events`,
  time: (max) => `is still running at ${max} s of virtual time`,
  traceEntries: (max) => `produces more than ${max} trace entries`,
};

/**
 * The work one run may do, charged as it goes: the packet simulator (world.ts) charges an
 * event per event it processes and checks the clock and the trace size; the round model
 * charges its rounds and ACKs. One object for both, so one set of numbers bounds every run.
 */
export class RunBudget {
  private spent = 0;
  constructor(
    readonly limits: RunLimits,
    readonly scenario: string,
  ) {}

  /** Charge `units` events; throws RunLimitError past maxEvents. */
  charge(units: number): void {
    this.spent += units;
    if (this.spent > this.limits.maxEvents) this.fail('events');
  }

  /** Throws RunLimitError once the virtual clock passes maxTime. */
  checkTime(t: number): void {
    if (t > this.limits.maxTime) this.fail('time');
  }

  /** Throws RunLimitError once the trace holds more than maxTraceEntries entries. */
  checkTrace(entries: number): void {
    if (entries > this.limits.maxTraceEntries) this.fail('traceEntries');
  }

  fail(limit: RunLimitName): never {
    const max =
      limit === 'events'
        ? this.limits.maxEvents
        : limit === 'time'
          ? this.limits.maxTime
          : this.limits.maxTraceEntries;
    throw new RunLimitError(
      limit,
      max,
      FILE_KEY[limit],
      `scenario "${this.scenario}" ${WHAT[limit](groupDigits(max))}`,
    );
  }
}

/** The budget of a run: RUN_LIMITS, or the file's own lower `limits`. */
export function runLimitsOf(
  limits: { max_events?: number; max_time?: number; max_trace_entries?: number } | undefined,
): RunLimits {
  return {
    maxEvents: Math.min(limits?.max_events ?? RUN_LIMITS.events, RUN_LIMITS.events),
    maxTime: Math.min(limits?.max_time ?? RUN_LIMITS.time, RUN_LIMITS.time),
    maxTraceEntries: Math.min(
      limits?.max_trace_entries ?? RUN_LIMITS.traceEntries,
      RUN_LIMITS.traceEntries,
    ),
  };
}
