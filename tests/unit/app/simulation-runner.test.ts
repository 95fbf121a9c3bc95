// Issue 19, finding 1: the playground's worker runner. A worker that answers gives the run's
// outcome; one that does not answer in time, or fails, is terminated and reported, and the
// next run gets a fresh worker. The workers here run the real execute() a tick later, as the
// browser's would; only the thread is missing.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { execute, type SimulationRequest, type SimulationResponse } from '@/app/simulator/execute';
import type { RunConfig } from '@/app/simulator/run-config';
import {
  SIMULATION_TIMEOUT_MS,
  SimulationRunner,
  type WorkerLike,
} from '@/app/simulator/simulation-runner';

type Behaviour = 'answer' | 'hang' | 'crash';

class TestWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<SimulationResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: SimulationRequest[] = [];
  constructor(private readonly behaviour: Behaviour) {}

  postMessage(message: SimulationRequest): void {
    this.received.push(message);
    if (this.behaviour === 'hang') return;
    setTimeout(() => {
      if (this.terminated) return;
      if (this.behaviour === 'crash') {
        this.onerror?.({ message: 'boom' } as ErrorEvent);
        return;
      }
      const data: SimulationResponse = { id: message.id, outcome: execute(message.config) };
      this.onmessage?.({ data } as MessageEvent<SimulationResponse>);
    }, 1);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function runnerWith(...behaviours: Behaviour[]) {
  const workers: TestWorker[] = [];
  const runner = new SimulationRunner(() => {
    const worker = new TestWorker(behaviours[workers.length] ?? 'answer');
    workers.push(worker);
    return worker;
  });
  return { runner, workers };
}

const config = (overrides: Partial<RunConfig> = {}): RunConfig => ({
  scenario: 'handshake-data-close',
  file: null,
  seed: 1,
  profile: null,
  set: [],
  compare: false,
  ...overrides,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SimulationRunner', () => {
  test('a worker that answers: the run’s traces come back', async () => {
    const { runner, workers } = runnerWith('answer');
    const pending = runner.run(config());
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await pending;
    expect(outcome?.problem).toBeNull();
    expect(outcome?.traces[0]?.scenario).toBe('handshake-data-close');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
  });

  test('a scenario past a bound comes back as a problem naming the limit', async () => {
    const { runner } = runnerWith('answer');
    const file = {
      endpoints: {
        server: { port: 9000, program: [{ listen: {} }] },
        attacker: {
          port: 6666,
          program: [{ syn_flood: { target: 'server', count: 50_000, interval: 0 } }],
        },
      },
    };
    const pending = runner.run(config({ file }));
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending)?.problem).toEqual({
      where: 'file',
      path: 'endpoints.attacker.program[0].syn_flood.count',
      message: 'at most 2,000',
      limit: { name: 'synFloodCount', max: 2000, kind: 'scenario' },
    });
  });

  test('a worker that never answers is terminated at the time budget and reported', async () => {
    const { runner, workers } = runnerWith('hang', 'answer');
    let settled = false;
    const pending = runner.run(config()).then((o) => {
      settled = true;
      return o;
    });
    await vi.advanceTimersByTimeAsync(SIMULATION_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await pending;
    expect(workers[0]!.terminated).toBe(true);
    expect(outcome?.traces).toEqual([]);
    expect(outcome?.problem?.limit).toEqual({
      name: 'timeout',
      max: SIMULATION_TIMEOUT_MS / 1000,
      kind: 'worker',
    });
    // The next run starts a fresh worker and works.
    const next = runner.run(config());
    await vi.advanceTimersByTimeAsync(1);
    expect((await next)?.problem).toBeNull();
    expect(workers).toHaveLength(2);
  });

  test('a worker that fails is terminated and reported', async () => {
    const { runner, workers } = runnerWith('crash');
    const pending = runner.run(config());
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await pending;
    expect(workers[0]!.terminated).toBe(true);
    expect(outcome?.problem?.limit?.name).toBe('crashed');
  });

  test('a newer run replaces an unfinished one: the old worker is stopped, its run answers null', async () => {
    const { runner, workers } = runnerWith('hang', 'answer');
    const first = runner.run(config());
    const second = runner.run(config({ scenario: 'refused' }));
    expect(await first).toBeNull();
    expect(workers[0]!.terminated).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect((await second)?.traces[0]?.scenario).toBe('refused');
  });

  test('dispose stops the worker', async () => {
    const { runner, workers } = runnerWith('hang');
    const pending = runner.run(config());
    runner.dispose();
    expect(await pending).toBeNull();
    expect(workers[0]!.terminated).toBe(true);
  });
});
