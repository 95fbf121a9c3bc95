// The socket API as a program sees it: every call's return value or errno, blocking and
// non-blocking, before and after the handshake, after a reset and after EOF; then one scenario
// per socket option showing its effect on the wire. Expected values come from the man pages
// (connect(2), accept(2), recv(2), send(2), shutdown(2), tcp(7), socket(7), ioctl_socket) and
// the kernel paths named in each row, not from the engine's output.

import { describe, expect, test } from 'vitest';
import { getScenario, simulate, type Trace, type TraceEvent } from '@/lib/engine';
import { listScenarios } from '@/lib/engine/catalog';
import { inline } from './helpers/scenarios';

const LISTEN = { listen: { backlog: 16 } };
const NONBLOCK = { setsockopt: { nonblock: true } };

/** One call as `name ret [errno]` (`error` events named by their call). */
function call(e: TraceEvent): string {
  const name = e.event === 'error' ? e.op : e.event;
  let s = `${name} ${e.ret}`;
  if (e.errno !== undefined) s += ` ${e.errno}`;
  if (e.event === 'getsockopt') s += ` ${e.detail ?? 'none'}=${e.value}`;
  if (e.event === 'ioctl') s += ` inq=${e.value}`;
  return s;
}

function calls(t: Trace, endpoint: string): string[] {
  return t.events.filter((e) => e.endpoint === endpoint).map(call);
}

function run(
  server: unknown[],
  client: unknown[],
  extra: Parameters<typeof inline>[2] = {},
  seed = 1,
): Trace {
  const ep = (port: number, program: unknown[]) => ({ port, program });
  return simulate(
    inline('socket-api', { server: ep(9000, server), client: ep(40001, client) }, extra),
    { seed },
  );
}

interface Row {
  name: string;
  server: unknown[];
  client: unknown[];
  extra?: Parameters<typeof inline>[2];
  /** The calls of `who` (default client), in order. */
  who?: 'client' | 'server';
  want: string[];
}

// Link delay 0.01 s: the handshake completes on the client at about 0.02 s.
const ROWS: Row[] = [
  {
    name: 'blocking connect: 0 once ESTABLISHED (connect(2))',
    server: [LISTEN, { accept: {} }],
    client: [{ connect: 'server' }],
    want: ['connect_ok 0'],
  },
  {
    name: 'blocking connect to a closed port: −1 ECONNREFUSED (tcp_reset in SYN_SENT)',
    server: [],
    client: [{ connect: 'server' }, { send: 10 }],
    // The failed connect ends the program: the send never runs.
    want: ['connect_error -1 ECONNREFUSED'],
  },
  {
    name: 'non-blocking connect: EINPROGRESS, EALREADY in SYN_SENT, 0 once up, then EISCONN (__inet_stream_connect)',
    server: [LISTEN, { accept: {} }],
    client: [
      NONBLOCK,
      { connect: 'server' },
      { connect: 'server' },
      { sleep: 0.1 },
      { connect: 'server' },
      { connect: 'server' },
    ],
    want: [
      'setsockopt 0',
      'connect_error -1 EINPROGRESS',
      'connect_error -1 EALREADY',
      'connect_ok 0',
      'connect_error -1 EISCONN',
    ],
  },
  {
    name: 'non-blocking connect refused: the next connect() reports the pending ECONNREFUSED',
    server: [],
    client: [NONBLOCK, { connect: 'server' }, { sleep: 0.1 }, { connect: 'server' }],
    want: ['setsockopt 0', 'connect_error -1 EINPROGRESS', 'connect_error -1 ECONNREFUSED'],
  },
  {
    name: 'non-blocking connect refused, SO_ERROR read first: getsockopt takes the error, connect() then ECONNABORTED',
    server: [],
    client: [
      NONBLOCK,
      { connect: 'server' },
      { sleep: 0.1 },
      { getsockopt: 'SO_ERROR' },
      { getsockopt: 'SO_ERROR' },
      { connect: 'server' },
    ],
    want: [
      'setsockopt 0',
      'connect_error -1 EINPROGRESS',
      'getsockopt 0 ECONNREFUSED=111',
      'getsockopt 0 none=0',
      'connect_error -1 ECONNABORTED',
    ],
  },
  {
    name: 'non-blocking connect, then a blocking connect() waits for the handshake and returns 0',
    server: [LISTEN, { accept: {} }],
    client: [
      NONBLOCK,
      { connect: 'server' },
      { setsockopt: { nonblock: false } },
      { connect: 'server' },
    ],
    want: ['setsockopt 0', 'connect_error -1 EINPROGRESS', 'setsockopt 0', 'connect_ok 0'],
  },
  {
    name: 'send and recv during a non-blocking handshake: EAGAIN (sk_stream_wait_connect, tcp_recvmsg)',
    server: [LISTEN, { accept: {} }],
    client: [NONBLOCK, { connect: 'server' }, { send: 10 }, { recv: 10 }],
    want: ['setsockopt 0', 'connect_error -1 EINPROGRESS', 'send -1 EAGAIN', 'recv -1 EAGAIN'],
  },
  {
    name: 'non-blocking recv: EAGAIN with nothing queued, SIOCINQ counts what waits, recv returns it, 0 at EOF',
    server: [LISTEN, { accept: {} }, { send: 100, at: 0.2 }, { close: {} }],
    client: [
      { connect: 'server' },
      NONBLOCK,
      { recv: 'all' },
      { ioctl: 'SIOCINQ' },
      { sleep: 0.3 },
      { ioctl: 'SIOCINQ' },
      { recv: 'all' },
      { ioctl: 'SIOCINQ' },
      { recv: 'all' },
    ],
    want: [
      'connect_ok 0',
      'setsockopt 0',
      'recv -1 EAGAIN',
      'ioctl 0 inq=0',
      'ioctl 0 inq=100',
      'recv 100',
      'ioctl 0 inq=0',
      'eof 0',
    ],
  },
  {
    name: 'non-blocking read loop: recv_until_eof ends in EAGAIN when the peer has not closed',
    server: [LISTEN, { accept: {} }, { send: 100 }, { sleep: 5 }],
    client: [{ connect: 'server' }, { sleep: 0.1 }, NONBLOCK, { recv_until_eof: {} }],
    want: ['connect_ok 0', 'setsockopt 0', 'recv 100', 'recv -1 EAGAIN'],
  },
  {
    name: 'listener fd 3, accepted sockets get the lowest free fd; a non-blocking accept on an empty queue is EAGAIN',
    server: [
      NONBLOCK,
      LISTEN,
      { accept: {} },
      { sleep: 0.1 },
      { accept: {} },
      { close: {} },
      { sleep: 0.2 },
      { accept: {} },
    ],
    client: [{ connect: 'server' }, { sleep: 0.1 }, { connect: 'server' }],
    who: 'server',
    // The last close is the listener's, when the program exits.
    want: [
      'setsockopt 0',
      'listen 0',
      'accept -1 EAGAIN',
      'accept 4',
      'close 0',
      'accept 4',
      'close 0',
    ],
  },
  {
    name: 'an accepted socket does not inherit O_NONBLOCK (accept(2)): its recv waits for data',
    server: [NONBLOCK, LISTEN, { sleep: 0.1 }, { accept: {} }, { recv: 10 }],
    client: [{ connect: 'server' }, { send: 10, at: 0.5 }],
    who: 'server',
    want: ['setsockopt 0', 'listen 0', 'accept 4', 'recv 10', 'close 0'],
  },
  {
    name: 'after a reset: SO_ERROR ECONNRESET, then recv 0, send EPIPE, shutdown ENOTCONN (tcp_done)',
    server: [LISTEN, { accept: {} }, { abort: {}, at: 0.1 }],
    client: [
      { connect: 'server' },
      { sleep: 0.3 },
      { getsockopt: 'SO_ERROR' },
      { recv: 10 },
      { send: 10 },
      { shutdown: 'write' },
      { close: {} },
    ],
    want: [
      'connect_ok 0',
      'getsockopt 0 ECONNRESET=104',
      'eof 0',
      'send -1 EPIPE',
      'shutdown -1 ENOTCONN',
      'close 0',
    ],
  },
  {
    name: 'after a reset, a blocked recv gets ECONNRESET first, then 0',
    server: [LISTEN, { accept: {} }, { abort: {}, at: 0.1 }],
    client: [{ connect: 'server' }, { recv: 10 }, { recv: 10 }],
    want: ['connect_ok 0', 'recv -1 ECONNRESET', 'eof 0'],
  },
  {
    name: 'after EOF: recv 0 again, send still works (CLOSE_WAIT), shutdown 0; after close every call is EBADF',
    server: [LISTEN, { accept: {} }, { close: {}, at: 0.1 }],
    client: [
      { connect: 'server' },
      { recv_until_eof: {} },
      { recv: 10 },
      { send: 10 },
      { shutdown: 'write' },
      { close: {} },
      { close: {} },
      { recv: 10 },
      { send: 10 },
    ],
    want: [
      'connect_ok 0',
      'eof 0',
      'eof 0',
      'send 10',
      'shutdown 0',
      'close 0',
      'close -1 EBADF',
      'recv -1 EBADF',
      'send -1 EBADF',
    ],
  },
  {
    name: 'calls with no socket: EBADF; on a listening socket: recv ENOTCONN, send EPIPE, SIOCINQ EINVAL, SO_ERROR 0',
    server: [
      { send: 1 },
      { accept: {} },
      { ioctl: 'SIOCINQ' },
      LISTEN,
      { recv: 1 },
      { send: 1 },
      { ioctl: 'SIOCINQ' },
      { getsockopt: 'SO_ERROR' },
    ],
    client: [],
    who: 'server',
    want: [
      'send -1 EBADF',
      'accept -1 EBADF',
      'ioctl -1 EBADF',
      'listen 0',
      'recv -1 ENOTCONN',
      'send -1 EPIPE',
      'ioctl -1 EINVAL',
      'getsockopt 0 none=0',
      // The exit closes the listener.
      'close 0',
    ],
  },
  {
    name: 'setsockopt records one call naming its options',
    server: [],
    client: [{ setsockopt: { nodelay: true, user_timeout: 500, rcvbuf: 8192 } }],
    want: ['setsockopt 0'],
  },
];

describe('every call records its return value or errno', () => {
  test.each(ROWS)('$name', ({ server, client, extra, who, want }) => {
    expect(calls(run(server, client, extra), who ?? 'client')).toEqual(want);
  });

  test('send and recv return their byte counts; accept the new descriptor', () => {
    const t = run(
      [LISTEN, { accept: {} }, { recv: 300 }, { send: 50 }],
      [{ connect: 'server' }, { send: 300 }, { recv: 50 }],
    );
    expect(calls(t, 'server')).toEqual(['listen 0', 'accept 4', 'recv 300', 'send 50', 'close 0']);
    expect(calls(t, 'client')).toEqual(['connect_ok 0', 'send 300', 'recv 50']);
    for (const e of t.events) expect(e.ret, `${e.endpoint} ${e.event}`).toBeDefined();
  });

  test.each(listScenarios().map((c) => c.name))(
    'catalog %s: every call event has a return value, −1 exactly when it has an errno',
    (name) => {
      const t = simulate(getScenario(name), { seed: 1 });
      for (const e of t.events) {
        if (e.event === 'mismatch') continue;
        expect(e.ret, `${e.endpoint} ${e.event}`).toBeDefined();
        expect(e.ret === -1, `${e.endpoint} ${e.event}`).toBe(e.errno !== undefined);
      }
    },
  );

  test('the setsockopt event names the options as Linux spells them', () => {
    const t = run([], [{ setsockopt: { nodelay: true, user_timeout: 500, nonblock: true } }]);
    expect(t.events[0]?.detail).toBe('TCP_NODELAY=1 TCP_USER_TIMEOUT=500 O_NONBLOCK=1');
  });
});

describe('SO_REUSEADDR: bind() over a TIME_WAIT connection (inet_csk_bind_conflict)', () => {
  // The server closes first, so its connection sits in TIME_WAIT (60 s) on port 9000 when it
  // closes the listener and listens again.
  const restart = (before: unknown[], between: unknown[]) => [
    ...before,
    LISTEN,
    { accept: {} },
    { close: {}, at: 0.1 },
    { close: { socket: 'listener' }, at: 0.3 },
    ...between,
    { listen: { backlog: 16 }, at: 0.4 },
  ];
  const client = [{ connect: 'server' }, { recv_until_eof: {} }, { close: {} }];
  const REUSE = { setsockopt: { reuseaddr: true } };

  test.each([
    ['neither socket has it: EADDRINUSE', [], [], ['bind -1 EADDRINUSE']],
    ['both have it: listen succeeds', [REUSE], [], ['listen 0']],
    // Linux needs sk_reuse on both sockets: the TIME_WAIT one kept the old value.
    ['only the new socket has it: EADDRINUSE', [], [REUSE], ['bind -1 EADDRINUSE']],
  ])('%s', (_name, before, between, want) => {
    const t = run(restart(before, between), client);
    const server = calls(t, 'server');
    const timeWait = t.states.find((s) => s.endpoint === 'server' && s.state === 'TIME_WAIT');
    expect(timeWait).toBeDefined();
    expect(server.slice(-want.length)).toEqual(want);
  });

  test('an open listener on the port: EADDRINUSE even with SO_REUSEADDR', () => {
    const t = run([REUSE, LISTEN, LISTEN], []);
    expect(calls(t, 'server')).toEqual(['setsockopt 0', 'listen 0', 'bind -1 EADDRINUSE']);
  });

  test('once TIME_WAIT has expired the port is free without SO_REUSEADDR', () => {
    const program = restart([], []);
    (program[program.length - 1] as { at: number }).at = 70;
    const t = run(program, client);
    expect(calls(t, 'server').at(-1)).toBe('listen 0');
  });
});

describe('TCP_USER_TIMEOUT: give up when data stays unacknowledged that long', () => {
  // All the client's data is lost. tcp_retries2 alone would retry for about 15 minutes.
  const dropData = {
    faults: [{ from: 'client', to: 'server', match: { data: true }, action: 'drop' as const }],
  };
  const server = [LISTEN, { accept: {} }, { recv_until_eof: {} }];

  test('1000 ms: ETIMEDOUT one second after the lost send, no RST (tcp_write_err)', () => {
    const t = run(
      server,
      [{ connect: 'server' }, { setsockopt: { user_timeout: 1000 } }, { send: 100 }, { recv: 10 }],
      dropData,
    );
    const sent = t.segments.find((s) => s.from === 'client' && s.len > 0)!;
    const err = t.events.find((e) => e.endpoint === 'client' && e.event === 'error');
    expect(err).toMatchObject({ op: 'recv', errno: 'ETIMEDOUT', ret: -1 });
    // tcp_clamp_rto_to_user_timeout: the last timer is cut to the deadline (timer-wheel
    // rounding adds at most a few jiffies at HZ=250).
    expect(err!.t - sent.t).toBeGreaterThanOrEqual(1 - 1e-6);
    expect(err!.t - sent.t).toBeLessThan(1.03);
    expect(t.segments.filter((s) => s.from === 'client' && s.flags.startsWith('R'))).toEqual([]);
    expect(t.segments.filter((s) => s.from === 'client' && s.t > err!.t)).toEqual([]);
  });

  test('without it the same connection retries for many minutes (tcp_retries2 = 15)', () => {
    const t = run(server, [{ connect: 'server' }, { send: 100 }, { recv: 10 }], dropData);
    const sent = t.segments.find((s) => s.from === 'client' && s.len > 0)!;
    const err = t.events.find((e) => e.endpoint === 'client' && e.errno === 'ETIMEDOUT');
    expect(err!.t - sent.t).toBeGreaterThan(600);
  });

  test('in SYN_SENT it bounds connect(): 2500 ms instead of the SYN retries', () => {
    const t = run([LISTEN], [{ setsockopt: { user_timeout: 2500 } }, { connect: 'server' }], {
      faults: [{ from: 'client', to: 'server', match: { flags: 'S' }, action: 'drop' }],
    });
    const syns = t.segments.filter((s) => s.from === 'client' && s.flags === 'S');
    const err = t.events.find((e) => e.event === 'connect_error');
    expect(err?.errno).toBe('ETIMEDOUT');
    expect(err!.t - syns[0]!.t).toBeGreaterThanOrEqual(2.5 - 1e-6);
    expect(err!.t - syns[0]!.t).toBeLessThan(2.55);
    // SYNs at 0, 1 and 2 s (linear timeouts), none after the deadline.
    expect(syns).toHaveLength(3);
  });
});

describe('SO_RCVBUF: Linux doubles the value; the window offered follows it', () => {
  /** The window of the first segment `from` sends with these flags. */
  const win = (t: Trace, from: string, flags: string) =>
    t.segments.find((s) => s.from === from && s.flags === flags)?.win;

  test.each([
    // space = max(2·v, SOCK_MIN_RCVBUF) / 2, then rounded down to the MSS (1460 in a SYN,
    // 1448 in a SYN-ACK with timestamps), at most 65535.
    ['no option: the recorded 64240 / 65160', undefined, 64240, 65160],
    ['4096 → sk_rcvbuf 8192: 2 × 1460 / 2 × 1448', 4096, 2920, 2896],
    ['1000 → SOCK_MIN_RCVBUF 4608: one MSS', 1000, 1460, 1448],
    ['100000 → 200000: capped at 65535 in the SYN', 100000, 65535, 65535],
  ])('%s', (_name, rcvbuf, synWin, synAckWin) => {
    const opt = rcvbuf === undefined ? [] : [{ setsockopt: { rcvbuf } }];
    const t = run([...opt, LISTEN, { accept: {} }], [...opt, { connect: 'server' }]);
    expect(win(t, 'client', 'S')).toBe(synWin);
    expect(win(t, 'server', 'S.')).toBe(synAckWin);
  });

  test('a 4096-byte receiver: every window it advertises is ≤ 4096 and the sender keeps inside it', () => {
    const t = run(
      [
        { setsockopt: { rcvbuf: 4096 } },
        LISTEN,
        { accept: {} },
        { recv_until_eof: {} },
        { close: {} },
      ],
      [{ connect: 'server' }, { send: 20000 }, { close: {} }, { recv_until_eof: {} }],
    );
    const fromServer = t.segments.filter((s) => s.from === 'server');
    for (const s of fromServer) expect(s.win).toBeLessThanOrEqual(4096);
    const got = t.events
      .filter((e) => e.endpoint === 'server' && e.event === 'recv')
      .reduce((n, e) => n + (e.bytes ?? 0), 0);
    expect(got).toBe(20000);
    // Never more unacknowledged data than the receiver's latest window allowed.
    let acked = 1;
    let wnd = 0;
    for (const s of t.segments) {
      if (s.from === 'server' && s.ack !== null) {
        acked = Math.max(acked, s.ack);
        wnd = s.win;
      }
      if (s.from === 'client' && s.len > 0 && s.seq !== null)
        expect(s.seq + s.len - acked).toBeLessThanOrEqual(Math.max(wnd, 2896));
    }
    // The default buffer would have let the whole 20000 bytes go at once.
    const firstFlight = t.segments.filter((s) => s.from === 'client' && s.len > 0 && s.t < 0.025);
    expect(firstFlight.reduce((n, s) => n + s.len, 0)).toBeLessThanOrEqual(2896);
  });
});

describe('TCP_MAXSEG: clamps the MSS the socket announces and uses', () => {
  const sizes = (t: Trace, from: string) =>
    [...new Set(t.segments.filter((s) => s.from === from && s.len > 0).map((s) => s.len))].sort(
      (a, b) => b - a,
    );

  test('client maxseg 1000: both directions send 988-byte segments (1000 − 12 of timestamps)', () => {
    const t = run(
      [LISTEN, { accept: {} }, { recv: 5000 }, { send: 3000 }],
      [{ setsockopt: { maxseg: 1000 } }, { connect: 'server' }, { send: 5000 }, { recv: 3000 }],
    );
    expect(sizes(t, 'client')[0]).toBe(988);
    expect(sizes(t, 'server')[0]).toBe(988);
    // tcp_select_initial_window rounds the SYN's window to the clamped MSS: 65 × 1000.
    expect(t.segments.find((s) => s.flags === 'S')?.win).toBe(65000);
  });

  test('listener maxseg 500: its SYN-ACK announces 500, so the client sends 488-byte segments', () => {
    const t = run(
      [{ setsockopt: { maxseg: 500 } }, LISTEN, { accept: {} }, { recv: 3000 }],
      [{ connect: 'server' }, { send: 3000 }],
    );
    expect(sizes(t, 'client')[0]).toBe(488);
  });

  test('without the option: 1448-byte segments', () => {
    const t = run(
      [LISTEN, { accept: {} }, { recv: 5000 }],
      [{ connect: 'server' }, { send: 5000 }],
    );
    expect(sizes(t, 'client')[0]).toBe(1448);
  });

  test('a value outside TCP_MIN_MSS..32767 is refused by the schema', () => {
    expect(() => run([], [{ setsockopt: { maxseg: 40 } }])).toThrow(/maxseg/);
  });
});
