// Exports: Mermaid and packetdrill-style golden strings, for a fixture and a fixed-seed run.
import { describe, expect, test } from 'vitest';
import { simulateNamed } from '@/lib/engine';
import { toMermaid, toPacketdrill } from '@/lib/trace-export';
import { handshakeTrace } from './fixtures';

describe('toMermaid', () => {
  test('the fixture as a sequence diagram', () => {
    expect(toMermaid(handshakeTrace())).toBe(`sequenceDiagram
  %% fixture, seed 7, profile linux (Ackademy)
  participant client
  participant server
  Note over server: LISTEN (listener)
  Note over client: SYN_SENT
  client->>server: S 0:0(0)
  Note over server: SYN_RECV
  server->>client: S. 0:0(0) ack 1
  Note over client: connect() = 0
  Note over client: ESTABLISHED
  client-xserver: . ack 1 lost
  Note over client,server: … 1 s …
  Note over server: synack timer fires
  server->>client: S. 0:0(0) ack 1 [synack_timer]
  client->>server: . ack 1
  Note over server: accept()
  Note over server: ESTABLISHED
  Note over client,server: … 1 s …
  client->>server: P. 1:101(100) ack 1
  Note over server: CLOSE_WAIT
  Note over server: LAST_ACK
  server->>client: F. 1:1(0) ack 101
  Note over client: TIME_WAIT
  client->>server: F. 101:101(0) ack 2
  server->>client: . ack 102
  Note over server: CLOSED
  Note over client,server: … 1 min …
  Note over client: CLOSED
  Note over client: time_wait timer fires
`);
  });

  test('participant names that Mermaid cannot take as ids are aliased', () => {
    const trace = handshakeTrace();
    const renamed = JSON.parse(JSON.stringify(trace).replaceAll('"client"', '"web-1"'));
    const text = toMermaid(renamed);
    expect(text).toContain('participant web_1 as web-1');
    expect(text).toContain('web_1->>server: S 0:0(0)');
  });
});

describe('toPacketdrill', () => {
  test('the fixture seen from the server', () => {
    expect(toPacketdrill(handshakeTrace()))
      .toBe(`// packetdrill-style script from Ackademy: fixture, seed 7, profile linux
// seen from server: '<' arrives at server, '>' is sent by server; times in seconds
// 0.000000 state LISTEN (listener)
0.000100 < S 0:0(0) win 64240  // from client
// 0.000100 state SYN_RECV
0.000100 > S. 0:0(0) ack 1 win 64240
// 0.000300 < . 1:1(0) ack 1 win 64240  (sent by client, lost before arriving)
1.000100 > S. 0:0(0) ack 1 win 64240  // (synack_timer)
1.000300 < . 1:1(0) ack 1 win 64240  // from client
// 1.000300 state ESTABLISHED
// 1.000300 accept()
2.000100 < P. 1:101(100) ack 1 win 64240  // from client
// 2.000100 state CLOSE_WAIT
// 2.000100 state LAST_ACK
2.000100 > F. 1:1(0) ack 101 win 64240
2.000300 < F. 101:101(0) ack 2 win 64240  // from client
2.000300 > . 2:2(0) ack 102 win 64240
// 2.000400 state CLOSED
`);
  });

  test('seen from the client, its own lost segment is still a line it sent', () => {
    const text = toPacketdrill(handshakeTrace(), 'client');
    expect(text).toContain('0.000200 > . 1:1(0) ack 1 win 64240  // lost in the network');
  });
});

describe('a fixed-seed catalog run', () => {
  const trace = simulateNamed('third-ack-dropped', { seed: 3 });
  test('Mermaid golden file', async () => {
    await expect(toMermaid(trace)).toMatchFileSnapshot('golden/third-ack-dropped.seed3.mmd');
  });
  // Exact times move whenever the engine's timing model is refined, so the script of a real
  // run is checked for its shape; the fixture above pins the exact text.
  test('packetdrill script: one line per segment the server sends or receives, in time order', () => {
    const lines = toPacketdrill(trace)
      .split('\n')
      .filter((l) => l !== '');
    const packets = lines.filter((l) => /^(\/\/ )?\d+\.\d{6} [<>] /.test(l));
    const expected = trace.segments.filter((s) => s.from === 'server' || s.to === 'server');
    expect(packets).toHaveLength(expected.length);
    const times = lines.flatMap((l) => /^(?:\/\/ )?(\d+\.\d{6}) /.exec(l)?.[1] ?? []).map(Number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(
      packets.filter((l) => l.startsWith('//') && l.includes('lost before arriving')),
    ).toHaveLength(trace.segments.filter((s) => s.to === 'server' && s.dropped).length);
  });
});
