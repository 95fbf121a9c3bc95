// The round models of flow and congestion control (issue 11: the exam's and the per-ACK one):
// the engine-internal entry points; the public ones are re-exported by lib/engine/index.ts.

export {
  grow,
  halveWindow,
  runRounds,
  type CongestionAlgorithm,
  type CongestionEvent,
  type CongestionEventKind,
  type CongestionModel,
  type CongestionPhase,
  type CongestionRound,
  type ReceiverBuffer,
  type RoundsConfig,
} from './model';
export { resolveCongestion } from './resolve';
export { acksFor, growPerAck, halveFlight, segmentBudget } from './segments';
