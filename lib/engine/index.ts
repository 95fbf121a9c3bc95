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
} from './types';
export { TCP_STATES } from './types';
export type { ScenarioFile, ScenarioInput } from './scenario-schema';
export { parseScenario } from './scenario-schema';
export { EngineError, ScenarioError, type EngineErrorCode } from './errors';
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
export { SYSCTL_NAMES, defaultSysctls, type SysctlName } from './sysctl';
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
