// Golden tests: each Linux 6.18 recording in tests/fixtures/linux-traces, replayed from its
// NAME.scenario.json by the `linux` profile, must give the same segments (order, direction,
// flags, relative seq/ack, length, dropped), times within 5 % or 20 ms, the same long-lived
// states, the same application results and the same number of retransmissions and resets per
// side as the kernel's tracepoints (kernel_events).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulate } from '@/lib/engine';
import { compareWithRecording, type Recording } from './helpers/golden-compare';

const dir = join(process.cwd(), 'tests/fixtures/linux-traces');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => f.replace('.scenario.json', ''))
  .sort();

// Every recording is replayed. (simultaneous-open needs the server's send at the time the
// recorded program called it: see the notes in its scenario file.)
const names = all;

function load(name: string): { scenario: { link: { delay: number } }; recording: Recording } {
  return {
    scenario: JSON.parse(readFileSync(join(dir, `${name}.scenario.json`), 'utf8')) as {
      link: { delay: number };
    },
    recording: JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Recording,
  };
}

describe('linux profile reproduces the Linux 6.18 recordings', () => {
  test('every recording has a scenario file', () => {
    expect(all.length).toBe(22);
  });

  test.each(names)('%s', (name) => {
    const { scenario, recording } = load(name);
    const trace = simulate(scenario, { seed: 1 });
    expect(compareWithRecording(trace, recording, scenario.link.delay)).toEqual([]);
  });

  test.each(names)('%s does not depend on the seed', (name) => {
    const { scenario, recording } = load(name);
    const trace = simulate(scenario, { seed: 'another seed' });
    expect(compareWithRecording(trace, recording, scenario.link.delay)).toEqual([]);
  });
});

describe('the comparison itself', () => {
  test('a trace with one segment removed no longer matches', () => {
    const { scenario, recording } = load('handshake-data-close');
    const trace = simulate(scenario, { seed: 1 });
    trace.segments.splice(3, 1);
    expect(compareWithRecording(trace, recording, scenario.link.delay).length).toBeGreaterThan(0);
  });

  test('a retransmission that is not marked as one no longer matches (kernel_events)', () => {
    const { scenario, recording } = load('fin-lost');
    const trace = simulate(scenario, { seed: 1 });
    const tlp = trace.segments.find((s) => s.why === 'tlp')!;
    tlp.why = undefined;
    expect(compareWithRecording(trace, recording, scenario.link.delay).join('\n')).toContain(
      'kernel events',
    );
  });

  test('a retransmission 10 % late no longer matches', () => {
    const { scenario, recording } = load('syn-dropped-classic');
    const trace = simulate(scenario, { seed: 1 });
    const last = trace.segments[trace.segments.length - 1]!;
    last.t *= 1.1;
    expect(compareWithRecording(trace, recording, scenario.link.delay).length).toBeGreaterThan(0);
  });
});
