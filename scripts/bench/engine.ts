// Engine benchmark: traces per second for every catalog scenario (validated once, a new
// seed per run), next to a floor measured in the same process: a loop that only allocates
// as many segment-shaped objects as the scenario's trace has. Also memory per trace.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  getScenario,
  listScenarios,
  simulate,
  type ScenarioFile,
  type TraceSegment,
} from '@/lib/engine';

// A real garbage collection before and after, so the heap delta is the retained traces only.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface BenchSection {
  title: string;
  markdown: string;
}

// CPU time of this process (user + system), not wall-clock: the machine is shared, and
// "traces per second on one core" means per second of CPU actually given to the loop.
const now = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function rate(fn: (i: number) => void, seconds: number): number {
  // Warm-up until the JIT has settled (throughput on a long-running server, not cold start).
  for (let i = 0; i < 5000; i++) fn(i);
  let n = 0;
  const start = now();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let k = 0; k < 100; k++) fn(n++);
    elapsed = now() - start;
  }
  return n / elapsed;
}

function floorRate(segments: number, seconds: number): number {
  let sink: TraceSegment[] = [];
  const r = rate((i) => {
    const arr: TraceSegment[] = [];
    for (let s = 0; s < segments; s++) {
      arr.push({
        t: i,
        from: 'client',
        to: 'server',
        flags: '.',
        seq: s,
        ack: s,
        len: 0,
        win: 0,
        abs_seq: s,
        abs_ack: s,
        dropped: false,
        cport: 1,
        sport: 1,
        dport: 2,
      });
    }
    sink = arr;
  }, seconds);
  if (sink.length < 0) throw new Error('unreachable');
  return r;
}

function memoryPerTrace(file: ScenarioFile): number {
  const keep: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 2000; i++) keep.push(simulate(file, { seed: i }));
  gc();
  const after = process.memoryUsage().heapUsed;
  return keep.length > 0 ? (after - before) / keep.length : 0;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

export function runEngineBench(seconds = 0.4): BenchSection {
  const rows: string[] = [];
  let headline = '';
  for (const { name } of listScenarios()) {
    const file = getScenario(name);
    const sample = simulate(file, { seed: 1 });
    const tps = rate((i) => simulate(file, { seed: i }), seconds);
    const floor = floorRate(sample.segments.length, seconds / 2);
    const bytes = JSON.stringify(sample).length;
    rows.push(
      `| ${name} | ${sample.segments.length} | ${fmt(tps)} | ${fmt(floor)} | ${fmt(bytes)} |`,
    );
    if (name === 'handshake-data-close') {
      const mem = memoryPerTrace(file);
      headline = `**handshake-data-close: ${fmt(tps)} traces/s on one core** (floor ${fmt(floor)}/s; goal ≥ 100,000/s); about ${fmt(mem)} bytes of heap per retained trace (${sample.segments.length} segments, ${sample.states.length} states, ${sample.events.length} app events, ${sample.timers.length} timer records).`;
    }
  }
  const markdown = [
    headline,
    '',
    'Each row: one catalog scenario, validated once, simulated with a new seed per run after a 5,000-run warm-up (trace object built, not serialised). The floor is a loop in the same process that only allocates as many segment objects as that trace has. Heap per trace: heap growth, between two forced garbage collections, while 2,000 traces are retained. Rates are per second of CPU time given to this process (user + system), because the machine is shared (2 logical CPUs, other jobs running); wall-clock rates are lower when it is busy.',
    '',
    '| scenario | segments | traces/s | floor (allocations only)/s | trace JSON bytes |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { title: 'Engine (lib/engine)', markdown };
}
