// Typed errors of the engine: one base class, a closed set of codes, and the offending value.
// Protocol failures (RST, timeouts) are never thrown: they are trace events.

export type EngineErrorCode =
  | 'SCENARIO_INVALID'
  | 'SCENARIO_UNKNOWN'
  | 'SET_INVALID'
  | 'LIMIT_EVENTS'
  | 'LIMIT_TIME'
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

export function assertNever(value: never, what = 'value'): never {
  throw new EngineError('INTERNAL', `unexpected ${what}: ${JSON.stringify(value)}`);
}
