// The playground's runs, off the main thread: each RunConfig goes to the simulation worker
// (simulate.worker.ts) through a SimulationRunner, and the page renders whatever comes back.
import { useEffect, useState } from 'react';
import type { Outcome } from './execute';
import type { RunConfig } from './run-config';
import { SimulationRunner, type WorkerLike } from './simulation-runner';

// Written out here, in this form, so the bundler emits the worker as its own chunk.
function createSimulationWorker(): WorkerLike {
  return new Worker(new URL('./simulate.worker.ts', import.meta.url), { name: 'simulator' });
}

export type SimulationState = { status: 'running' } | { status: 'done'; outcome: Outcome };

/** The outcome of `config`, computed in the worker; `running` until it arrives. */
export function useSimulation(config: RunConfig): SimulationState {
  const [runner] = useState(() => new SimulationRunner(createSimulationWorker));
  const [done, setDone] = useState<{ config: RunConfig; outcome: Outcome } | null>(null);

  useEffect(() => {
    let current = true;
    void runner.run(config).then((outcome) => {
      if (current && outcome !== null) setDone({ config, outcome });
    });
    return () => {
      current = false;
    };
  }, [runner, config]);

  useEffect(() => () => runner.dispose(), [runner]);

  return done !== null && done.config === config
    ? { status: 'done', outcome: done.outcome }
    : { status: 'running' };
}
