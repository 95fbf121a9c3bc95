// One playground run as plain data: the RunConfig in, the traces or the problem out. The
// Web Worker (simulate.worker.ts) runs it; the page only sends configs and draws outcomes.
import {
  getScenario,
  RunLimitError,
  ScenarioError,
  ScenarioLimitError,
  simulate,
  type Profile,
  type RunLimitName,
  type ScenarioLimitName,
  type Trace,
} from '@/lib/engine';
import { setRecord, type RunConfig } from './run-config';

/** A bound a run met: one of the engine's limits, or the worker's time budget. */
export type ProblemLimit =
  | { name: ScenarioLimitName; max: number; kind: 'scenario' }
  | { name: RunLimitName; max: number; kind: 'run' }
  | { name: 'timeout'; max: number; kind: 'worker' }
  | { name: 'crashed'; max: 0; kind: 'worker' };

export interface Problem {
  where: 'file' | 'set' | 'run';
  path: string;
  message: string;
  /** Set when a bound stopped the run; the page words it in the reader's language. */
  limit?: ProblemLimit;
}

export type Outcome = { traces: Trace[]; problem: null } | { traces: []; problem: Problem };

/** What the page posts to the worker, and what comes back (structured-clone safe). */
export interface SimulationRequest {
  id: number;
  config: RunConfig;
}
export interface SimulationResponse {
  id: number;
  outcome: Outcome;
}

export function toProblem(error: unknown): Problem {
  if (error instanceof ScenarioLimitError) {
    return {
      where: error.path.startsWith('--set') ? 'set' : 'file',
      path: error.path,
      message: error.problem,
      limit: { name: error.limit, max: error.max, kind: 'scenario' },
    };
  }
  if (error instanceof ScenarioError) {
    const where = error.path.startsWith('--set')
      ? 'set'
      : error.code === 'SCENARIO_UNKNOWN'
        ? 'run'
        : 'file';
    return { where, path: error.path, message: error.problem };
  }
  if (error instanceof RunLimitError) {
    return {
      where: 'run',
      path: error.path,
      message: error.problem,
      limit: { name: error.limit, max: error.max, kind: 'run' },
    };
  }
  return {
    where: 'run',
    path: '',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Simulate a run (both profiles when comparing); never throws. */
export function execute(config: RunConfig): Outcome {
  try {
    const file = config.file ?? getScenario(config.scenario);
    const profiles: (Profile | undefined)[] = config.compare
      ? ['linux', 'rfc']
      : [config.profile ?? undefined];
    const set = setRecord(config.set);
    const traces = profiles.map((profile) =>
      simulate(file, { seed: config.seed, set, ...(profile ? { profile } : {}) }),
    );
    return { traces, problem: null };
  } catch (error) {
    return { traces: [], problem: toProblem(error) };
  }
}
