// The engine's public API: the only import path (`@/lib/engine`) for the rest of the app.

export type {
  Errno,
  ParamValue,
  Profile,
  TcpState,
  TimerName,
  Trace,
  TraceEvent,
  TraceEventKind,
  TraceSegment,
  TraceState,
  TraceTimer,
} from './trace-schema';
export { TCP_STATES } from './trace-schema';
export {
  congestionRoundSchema,
  errnoSchema,
  paramValueSchema,
  profileSchema,
  tcpStateSchema,
  timerNameSchema,
  traceEventKindSchema,
  traceEventSchema,
  traceSchema,
  traceSegmentSchema,
  traceStateSchema,
  traceTimerSchema,
} from './trace-schema';
export type { ScenarioFile, ScenarioInput } from './scenario-schema';
export { parseScenario } from './scenario-schema';
export {
  EngineError,
  RunLimitError,
  ScenarioError,
  ScenarioLimitError,
  type EngineErrorCode,
  type RunLimitName,
  type ScenarioLimitName,
} from './errors';
export { RUN_LIMITS, SCENARIO_LIMITS, groupDigits } from './limits';
export { simulate, applySet, type SimulateOptions } from './simulate';
export { renderLadderText } from './ladder-text';
export {
  TRANSITIONS,
  isLegalTransition,
  type Transition,
  type TransitionEvent,
} from './transitions';
export { createRng, createRngFromState, hashSeed, type Rng, type RngState } from './rng';
export { seqAdd, seqDiff, seqLe, seqLt } from './sequence';
export { SYSCTL_MAX, SYSCTL_NAMES, defaultSysctls, type SysctlName } from './sysctl';
export {
  getScenario,
  listScenarios,
  simulateNamed,
  type CatalogEntry,
  type CatalogParam,
} from './catalog';
export {
  grow,
  halveWindow,
  runRounds,
  type CongestionAlgorithm,
  type CongestionEvent,
  type CongestionEventKind,
  type CongestionPhase,
  type CongestionRound,
  type ReceiverBuffer,
  type RoundsConfig,
} from './congestion';
export {
  PROBE_ACK,
  PROBE_AT,
  PROBE_FLAGS,
  PROBE_SEQ,
  PROBE_STATES,
  probeScenario,
  type ProbeAck,
  type ProbeFlags,
  type ProbeSeq,
  type ProbeSpec,
  type ProbeState,
} from './probe';
