// Typed errors of the engine: one base class, a closed set of codes, and the offending value.
// Protocol failures (RST, timeouts) are never thrown: they are trace events.

export type EngineErrorCode =
  | 'SCENARIO_INVALID'
  | 'SCENARIO_UNKNOWN'
  | 'SET_INVALID'
  | 'LIMIT_SCENARIO'
  | 'LIMIT_EVENTS'
  | 'LIMIT_TIME'
  | 'LIMIT_TRACE'
  | 'CLOCK_BACKWARDS'
  | 'INTERNAL';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** A scenario file (or a --set value) failed validation; `path` names the field. */
export class ScenarioError extends EngineError {
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string, code: EngineErrorCode = 'SCENARIO_INVALID') {
    super(code, path ? `${path}: ${problem}` : problem);
    this.name = 'ScenarioError';
    this.path = path;
    this.problem = problem;
  }
}

/** The bounds of lib/engine/limits.ts a scenario file can exceed (sysctl: the value's own range). */
export type ScenarioLimitName =
  | 'endpoints'
  | 'programSteps'
  | 'faults'
  | 'synFloodCount'
  | 'stepBytes'
  | 'seconds'
  | 'nameChars'
  | 'textChars'
  | 'congestionRounds'
  | 'congestionBytes'
  | 'sysctl'
  | 'keepalive'
  | RunLimitName;

/** A scenario asks for more than the engine allows: `path` names the field, `max` the bound. */
export class ScenarioLimitError extends ScenarioError {
  readonly limit: ScenarioLimitName;
  readonly max: number;
  constructor(path: string, limit: ScenarioLimitName, max: number, problem: string) {
    super(path, problem, 'LIMIT_SCENARIO');
    this.name = 'ScenarioLimitError';
    this.limit = limit;
    this.max = max;
  }
}

/** The budget of one run (lib/engine/limits.ts RUN_LIMITS, or the file's lower `limits`). */
export type RunLimitName = 'events' | 'time' | 'traceEntries';

const RUN_LIMIT_CODE = {
  events: 'LIMIT_EVENTS',
  time: 'LIMIT_TIME',
  traceEntries: 'LIMIT_TRACE',
} as const satisfies Record<RunLimitName, EngineErrorCode>;

/** A run needed more than its budget; `path` is the file's key that lowers that budget. */
export class RunLimitError extends EngineError {
  readonly limit: RunLimitName;
  readonly max: number;
  readonly path: string;
  readonly problem: string;
  constructor(limit: RunLimitName, max: number, path: string, problem: string) {
    super(RUN_LIMIT_CODE[limit], `${path}: ${problem}`);
    this.name = 'RunLimitError';
    this.limit = limit;
    this.max = max;
    this.path = path;
    this.problem = problem;
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new EngineError('INTERNAL', `unexpected ${what}: ${JSON.stringify(value)}`);
}
