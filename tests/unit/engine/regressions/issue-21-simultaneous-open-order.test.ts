// Issue 21: the simultaneous-open recording, replayed with each program call at the time the
// kernel saw it, gives the kernel's segment order. The recorder pins both programs to one CPU,
// so the server's process sent its 5 bytes only after its kernel had ACKed the client's
// (recording: c P. 1:6 ack 1, s . ack 6, s P. 1:6 ack 6, c . ack 6); the scenario file says so
// with an `at` on the server's send. The TCP part is the engine's own: crossed SYNs, S. from
// both sides (FIDELITY.md item 93), and a quick ACK of the first data.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { simulate } from '@/lib/engine';

const scenario: unknown = JSON.parse(
  readFileSync(
    join(process.cwd(), 'tests/fixtures/linux-traces/simultaneous-open.scenario.json'),
    'utf8',
  ),
);

test('simultaneous open: handshake on both sides, then c P., s ., s P., c . as recorded', () => {
  const t = simulate(scenario, { seed: 1 });
  for (const side of ['client', 'server'])
    expect(t.states.filter((s) => s.endpoint === side).map((s) => s.state)).toEqual(
      expect.arrayContaining(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']),
    );

  const open = t.segments.filter((s) => !s.dropped && s.flags !== 'F.' && s.t < 1.5);
  const row = (s: (typeof open)[number]) => [s.from, s.flags, s.seq, s.ack, s.len];
  expect(open.map(row).slice(0, 4).sort()).toEqual(
    [
      ['client', 'S', 0, null, 0],
      ['server', 'S', 0, null, 0],
      ['client', 'S.', 0, 1, 0],
      ['server', 'S.', 0, 1, 0],
    ].sort(),
  );
  const data = open.slice(6);
  expect(data.map(row)).toEqual([
    ['client', 'P.', 1, 1, 5],
    ['server', '.', 1, 6, 0],
    ['server', 'P.', 1, 6, 5],
    ['client', '.', 6, 6, 0],
  ]);
  // The server's ACK is immediate (quick-ACK of the first data), not a delayed ACK.
  expect(data[1]!.t - data[0]!.t).toBeLessThan(0.001);
});
