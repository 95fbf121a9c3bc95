// TCP options on the wire: tcpdump's layout of what Linux writes (tcp_options_write), the
// negotiation matrix of timestamps, SACK and window scaling (RFC 7323, RFC 2018), MSS per
// endpoint MTU, the initial windows of tcp_select_initial_window, and the recordings' SYNs.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderLadderText, simulate, type Trace } from '@/lib/engine';
import { NO_OPTIONS, TS_ONLY, type TcpOptions, optionsText } from '@/lib/engine/segment';

describe('option layout in tcpdump notation (tcp_options_write order)', () => {
  const full: TcpOptions = { mss: 1460, wscale: 10, sackOk: true, ts: true };
  test.each([
    { what: 'Linux default SYN', o: full, text: 'mss 1460,sackOK,TS,nop,wscale 10' },
    {
      what: 'no timestamps: SACK-permitted gets its own NOPs',
      o: { ...full, ts: false },
      text: 'mss 1460,nop,nop,sackOK,nop,wscale 10',
    },
    { what: 'no SACK', o: { ...full, sackOk: false }, text: 'mss 1460,nop,nop,TS,nop,wscale 10' },
    { what: 'no window scaling', o: { ...full, wscale: undefined }, text: 'mss 1460,sackOK,TS' },
    { what: 'MSS only', o: { ...NO_OPTIONS, mss: 536 }, text: 'mss 536' },
    { what: 'after the handshake', o: TS_ONLY, text: 'nop,nop,TS' },
  ])('$what: $text', ({ o, text }) => {
    expect(optionsText(o)).toBe(text);
  });
});

type Sys = Partial<Record<'tcp_timestamps' | 'tcp_sack' | 'tcp_window_scaling', number>>;

/** Client connects, sends `bytes`, reads the server's `bytes` back, and both close. */
function exchange(
  o: { client?: Sys; server?: Sys; clientMtu?: number; serverMtu?: number; bytes?: number } = {},
): Trace {
  const bytes = o.bytes ?? 5000;
  return simulate({
    name: 'options',
    link: { delay: 0.005 },
    sysctl: { client: o.client ?? {}, server: o.server ?? {} },
    endpoints: {
      server: {
        port: 9000,
        ...(o.serverMtu !== undefined ? { mtu: o.serverMtu } : {}),
        program: [
          { listen: {} },
          { accept: {} },
          { recv: bytes },
          { send: bytes },
          { recv_until_eof: {} },
          { close: {} },
        ],
      },
      client: {
        port: 40001,
        ...(o.clientMtu !== undefined ? { mtu: o.clientMtu } : {}),
        program: [{ connect: 'server' }, { send: bytes }, { recv: bytes }, { close: {} }],
      },
    },
  });
}

function seg(trace: Trace, from: string, flags: string) {
  const s = trace.segments.find((x) => x.from === from && x.flags === flags);
  if (s === undefined) throw new Error(`no ${flags} from ${from}`);
  return s;
}

function largest(trace: Trace, from: string): number {
  return Math.max(...trace.segments.filter((s) => s.from === from).map((s) => s.len));
}

const FULL = 'mss 1460,sackOK,TS,nop,wscale 10';

describe('negotiation: an option is on only if both SYNs carry it', () => {
  // Windows: 65536 of receive space rounded down to the MSS the sender expects to receive:
  // 44 × 1460 = 64240; with timestamps the SYN-ACK uses 1460 − 12: 45 × 1448 = 65160.
  // Payload: MSS less 12 bytes when timestamps are on (1448), else the full 1460.
  test.each([
    {
      what: 'both defaults',
      client: {},
      server: {},
      syn: FULL,
      synAck: FULL,
      synAckWin: 65160,
      later: 'nop,nop,TS',
      payload: 1448,
    },
    {
      what: 'client without timestamps',
      client: { tcp_timestamps: 0 },
      server: {},
      syn: 'mss 1460,nop,nop,sackOK,nop,wscale 10',
      synAck: 'mss 1460,nop,nop,sackOK,nop,wscale 10',
      synAckWin: 64240,
      later: undefined,
      payload: 1460,
    },
    {
      what: 'server without timestamps',
      client: {},
      server: { tcp_timestamps: 0 },
      syn: FULL,
      synAck: 'mss 1460,nop,nop,sackOK,nop,wscale 10',
      synAckWin: 64240,
      later: undefined,
      payload: 1460,
    },
    {
      what: 'client without SACK',
      client: { tcp_sack: 0 },
      server: {},
      syn: 'mss 1460,nop,nop,TS,nop,wscale 10',
      synAck: 'mss 1460,nop,nop,TS,nop,wscale 10',
      synAckWin: 65160,
      later: 'nop,nop,TS',
      payload: 1448,
    },
    {
      what: 'server without SACK',
      client: {},
      server: { tcp_sack: 0 },
      syn: FULL,
      synAck: 'mss 1460,nop,nop,TS,nop,wscale 10',
      synAckWin: 65160,
      later: 'nop,nop,TS',
      payload: 1448,
    },
    {
      what: 'client without window scaling',
      client: { tcp_window_scaling: 0 },
      server: {},
      syn: 'mss 1460,sackOK,TS',
      synAck: 'mss 1460,sackOK,TS',
      synAckWin: 65160,
      later: 'nop,nop,TS',
      payload: 1448,
    },
    {
      what: 'server without window scaling',
      client: {},
      server: { tcp_window_scaling: 0 },
      syn: FULL,
      synAck: 'mss 1460,sackOK,TS',
      synAckWin: 65160,
      later: 'nop,nop,TS',
      payload: 1448,
    },
    {
      what: 'client with every option off',
      client: { tcp_timestamps: 0, tcp_sack: 0, tcp_window_scaling: 0 },
      server: {},
      syn: 'mss 1460',
      synAck: 'mss 1460',
      synAckWin: 64240,
      later: undefined,
      payload: 1460,
    },
  ])('$what', ({ client, server, syn, synAck, synAckWin, later, payload }) => {
    const t = exchange({ client, server });
    expect(seg(t, 'client', 'S').opts).toBe(syn);
    expect(seg(t, 'client', 'S').win).toBe(64240);
    expect(seg(t, 'server', 'S.').opts).toBe(synAck);
    expect(seg(t, 'server', 'S.').win).toBe(synAckWin);
    for (const s of t.segments.filter((x) => !x.flags.includes('S'))) expect(s.opts).toBe(later);
    expect(largest(t, 'client')).toBe(payload);
    expect(largest(t, 'server')).toBe(payload);
  });
});

describe('windows after the handshake', () => {
  test.each([
    // Scaled: the offered window (rcv_ssthresh) rounded up to 1 << 10.
    { what: 'scaled', client: {}, server: {}, clientWin: 64512, serverWin: 65536 },
    // Unscaled: the bytes themselves, never above the offered window.
    {
      what: 'not scaled',
      client: { tcp_window_scaling: 0 },
      server: {},
      clientWin: 64240,
      serverWin: 65160,
    },
  ])('$what: client $clientWin, server $serverWin', ({ client, server, clientWin, serverWin }) => {
    const t = exchange({ client, server, bytes: 100 });
    expect(seg(t, 'client', '.').win).toBe(clientWin);
    // The server's ACK of the client's data, before its program has read anything more.
    expect(seg(t, 'server', '.').win).toBe(serverWin);
  });
});

describe('MSS per endpoint MTU', () => {
  test.each([
    // Each side announces its own MTU − 40; each sends min(own, peer's) less the timestamps.
    {
      clientMtu: 9000,
      serverMtu: undefined,
      client: {},
      synMss: 8960,
      synWin: 62720,
      payload: 1448,
    },
    {
      clientMtu: undefined,
      serverMtu: 9000,
      client: {},
      synMss: 1460,
      synWin: 64240,
      payload: 1448,
    },
    {
      clientMtu: 9000,
      serverMtu: undefined,
      client: { tcp_timestamps: 0 },
      synMss: 8960,
      synWin: 62720,
      payload: 1460,
    },
    {
      clientMtu: 1280,
      serverMtu: undefined,
      client: {},
      synMss: 1240,
      synWin: 64480,
      payload: 1228,
    },
  ])(
    'client mtu $clientMtu, server mtu $serverMtu → SYN mss $synMss, $payload-byte segments',
    ({ clientMtu, serverMtu, client, synMss, synWin, payload }) => {
      const t = exchange({ clientMtu, serverMtu, client });
      expect(seg(t, 'client', 'S').opts).toMatch(new RegExp(`^mss ${synMss}(,|$)`));
      // 65536 rounded down to the client's own MSS: 7 × 8960 = 62720, 52 × 1240 = 64480.
      expect(seg(t, 'client', 'S').win).toBe(synWin);
      expect(seg(t, 'server', 'S.').opts).toMatch(new RegExp(`^mss ${(serverMtu ?? 1500) - 40}`));
      expect(largest(t, 'client')).toBe(payload);
      expect(largest(t, 'server')).toBe(payload);
    },
  );
});

describe('what timestamps and SACK change besides sizes', () => {
  test('without SACK the tail is re-sent by the RTO, not a loss probe (TLP needs SACK)', () => {
    const lossy = (client: Sys) =>
      simulate({
        name: 'tail-loss',
        link: { delay: 0.005 },
        sysctl: { client },
        endpoints: {
          server: { port: 9000, program: [{ listen: {} }, { accept: {} }, { recv: 'all' }] },
          client: { port: 40001, program: [{ connect: 'server' }, { send: 100, at: 0.1 }] },
        },
        faults: [{ from: 'client', to: 'server', match: { flags: 'P.', nth: 1 }, action: 'drop' }],
      });
    // The first re-send of the tail (the FIN right behind the lost data).
    const resend = (t: Trace) => t.segments.find((s) => s.why !== undefined);
    expect(resend(lossy({}))?.why).toBe('tlp');
    expect(resend(lossy({ tcp_sack: 0 }))?.why).toBe('rto');
  });

  test('without timestamps a re-sent SYN leaves no RTT sample: the data RTO is 3 s', () => {
    const t = simulate({
      name: 'karn',
      link: { delay: 0.005 },
      sysctl: { client: { tcp_timestamps: 0, tcp_sack: 0 } },
      endpoints: {
        server: { port: 9000, program: [{ listen: {} }, { accept: {} }, { recv: 'all' }] },
        client: { port: 40001, program: [{ connect: 'server' }, { send: 100, at: 2 }] },
      },
      faults: [
        { from: 'client', to: 'server', match: { flags: 'S', nth: 1 }, action: 'drop' },
        { from: 'client', to: 'server', match: { flags: 'P.', nth: 1 }, action: 'drop' },
      ],
    });
    const data = t.segments.filter((s) => s.flags === 'P.');
    expect(data.length).toBeGreaterThanOrEqual(2);
    // TCP_TIMEOUT_FALLBACK (tcp_init_metrics); the timer wheel rounds a 3 s timeout up by at
    // most its level's granularity (1/8).
    expect(data[1]!.t - data[0]!.t).toBeGreaterThanOrEqual(3);
    expect(data[1]!.t - data[0]!.t).toBeLessThan(3 * 1.125);
  });
});

describe('the recordings: options and windows as Linux sent them', () => {
  const dir = join(process.cwd(), 'tests/fixtures/linux-traces');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.json'))
    .map((f) => f.replace('.scenario.json', ''))
    .sort();

  interface RecSeg {
    from: string;
    flags: string;
    win_bytes: number;
    options?: string | null;
  }

  // tcpdump's text without the timestamp values and without SACK blocks (not modelled).
  const normal = (o: string | null | undefined): string | undefined => {
    if (o === null || o === undefined || o === '') return undefined;
    return o.replace(/TS val \d+ ecr \d+/, 'TS').replace(/,nop,nop,sack \d+ \{[^}]*\}/, '');
  };

  test.each(names)('%s', (name) => {
    const scenario: unknown = JSON.parse(readFileSync(join(dir, `${name}.scenario.json`), 'utf8'));
    const rec = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
      segments: RecSeg[];
    };
    const trace = simulate(scenario, { seed: 1 });
    // Side by side per sender: simultaneous segments may interleave differently.
    for (const side of ['client', 'server']) {
      const want = rec.segments
        .filter((s) => s.from === side)
        .map((s) => `${s.flags} <${normal(s.options) ?? ''}> win ${s.win_bytes}`);
      // Several clients are client1, client2, … in the scenario files.
      const got = trace.segments
        .filter((s) => s.from.startsWith(side))
        .slice(0, want.length)
        .map((s) => `${s.flags} <${s.opts ?? ''}> win ${s.win}`);
      expect(got).toEqual(want);
    }
  });
});

describe('ladder text', () => {
  test('a SYN and a SYN-ACK show their options after the arrow; later segments do not', () => {
    const lines = renderLadderText(exchange({ server: { tcp_timestamps: 0 } })).split('\n');
    const arrows = lines.filter((l) => l.includes('->|') || l.includes('|<-'));
    expect(arrows[0]).toMatch(/\| S 0:0\(0\) -+>\| <mss 1460,sackOK,TS,nop,wscale 10>$/);
    expect(arrows[1]).toMatch(/\| <mss 1460,nop,nop,sackOK,nop,wscale 10>$/);
    for (const l of arrows.slice(2)) expect(l).not.toContain('<mss');
  });
});
