// The textbook round model of flow and congestion control (issue 11): the engine-internal
// entry points; the public ones are re-exported by lib/engine/index.ts.

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
} from './model';
export { resolveCongestion } from './resolve';
