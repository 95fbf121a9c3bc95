// Runs playground simulations in a Web Worker with a time budget: one request at a time (a
// newer run replaces an unfinished one), and a worker that does not answer in time, or
// fails, is terminated and reported as a problem; the next run starts a fresh worker.
import type { Outcome, Problem, SimulationRequest, SimulationResponse } from './execute';
import type { RunConfig } from './run-config';

/** How long one run may take in the worker, loading the engine included. */
export const SIMULATION_TIMEOUT_MS = 15_000;

/** The part of a Worker the runner uses (a test passes its own). */
export interface WorkerLike {
  postMessage(message: SimulationRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<SimulationResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

interface Pending {
  id: number;
  resolve: (outcome: Outcome | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

function failed(problem: Problem): Outcome {
  return { traces: [], problem };
}

export class SimulationRunner {
  private worker: WorkerLike | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly timeoutMs = SIMULATION_TIMEOUT_MS,
  ) {}

  /**
   * The outcome of one run, or null when a newer run (or dispose) replaced it before it
   * finished. Never rejects.
   */
  run(config: RunConfig): Promise<Outcome | null> {
    // The worker is busy with a run nobody wants any more: stop it rather than wait.
    if (this.pending !== null) this.stop(null);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.stop(
          failed({
            where: 'run',
            path: '',
            message: `the simulation did not finish within ${this.timeoutMs / 1000} s and was stopped`,
            limit: { name: 'timeout', max: this.timeoutMs / 1000, kind: 'worker' },
          }),
        );
      }, this.timeoutMs);
      this.pending = { id, resolve, timer };
      worker.postMessage({ id, config });
    });
  }

  /** Stops the worker and answers null to a run still in progress. */
  dispose(): void {
    this.stop(null);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker !== null) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      const p = this.pending;
      if (p === null || event.data.id !== p.id) return;
      clearTimeout(p.timer);
      this.pending = null;
      p.resolve(event.data.outcome);
    };
    worker.onerror = () => {
      this.stop(
        failed({
          where: 'run',
          path: '',
          message: 'the simulation stopped unexpectedly',
          limit: { name: 'crashed', max: 0, kind: 'worker' },
        }),
      );
    };
    this.worker = worker;
    return worker;
  }

  /** Terminates the worker and settles the pending run with `outcome`. */
  private stop(outcome: Outcome | null): void {
    const p = this.pending;
    this.pending = null;
    if (p !== null) clearTimeout(p.timer);
    this.worker?.terminate();
    this.worker = null;
    p?.resolve(outcome);
  }
}
