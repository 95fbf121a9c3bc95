// Behaviours that lessons rely on, checked on catalog and inline scenarios, in both profiles.

import { describe, expect, test } from 'vitest';
import { EngineError, getScenario, listScenarios, simulate, type Trace } from '@/lib/engine';
import { INLINE, inline } from './helpers/scenarios';

const named = (name: string, opts: Parameters<typeof simulate>[1] = {}): Trace =>
  simulate(getScenario(name), { seed: 5, ...opts });
const from = (t: Trace, who: string) => t.segments.filter((s) => s.from === who);

describe('SYN retransmission and give-up', () => {
  test.each([
    {
      name: 'syn-dropped-classic',
      profile: 'linux' as const,
      times: [0, 1.024, 3.04, 7.232],
      fail: 15.36,
    },
    {
      name: 'syn-dropped-linear',
      profile: 'linux' as const,
      times: [0, 1.024, 2.048, 3.072, 4.096, 5.12, 7.136, 11.328],
      fail: 19.52,
    },
    { name: 'syn-dropped-linear', profile: 'rfc' as const, times: [0, 1, 3, 7], fail: 15 },
    {
      name: 'syn-dropped-default',
      profile: 'rfc' as const,
      times: [0, 1, 3, 7, 15, 31, 63],
      fail: 127,
    },
  ])(
    '$name ($profile) → SYNs at $times, ETIMEDOUT at $fail s',
    ({ name, profile, times, fail }) => {
      const t = named(name, { profile });
      const syns = from(t, 'client').map((s) => s.t);
      expect(syns.length).toBe(times.length);
      syns.forEach((x, i) => expect(Math.abs(x - times[i]!)).toBeLessThan(0.1));
      const err = t.events.find((e) => e.event === 'connect_error');
      expect(err?.errno).toBe('ETIMEDOUT');
      expect(err!.t).toBeCloseTo(fail, 0);
    },
  );

  test('SYN to a closed port → R. seq 0 ack 1 and ECONNREFUSED', () => {
    const t = named('refused');
    expect(t.segments.map((s) => [s.flags, s.ack])).toEqual([
      ['S', null],
      ['R.', 1],
    ]);
    expect(t.events.find((e) => e.event === 'connect_error')?.errno).toBe('ECONNREFUSED');
  });
});

describe('closing', () => {
  test.each([
    { profile: 'linux' as const, set: {} as Record<string, string>, min: 60, max: 62.1 },
    { profile: 'rfc' as const, set: {} as Record<string, string>, min: 240, max: 240.001 },
    {
      profile: 'rfc' as const,
      set: { 'client.msl': '30' } as Record<string, string>,
      min: 60,
      max: 60.001,
    },
  ])('TIME_WAIT lasts $min s ($profile, $set)', ({ profile, set, min, max }) => {
    const t = named('time-wait-duration', { profile, set });
    const tw = t.states.find((s) => s.endpoint === 'client' && s.state === 'TIME_WAIT')!;
    const closed = t.states.find(
      (s) => s.endpoint === 'client' && s.state === 'CLOSED' && s.t > tw.t,
    )!;
    expect(closed.t - tw.t).toBeGreaterThanOrEqual(min);
    expect(closed.t - tw.t).toBeLessThanOrEqual(max);
  });

  test('close-merged: the server FIN carries the ACK of the client FIN (three-segment close)', () => {
    const t = named('close-merged');
    const clientFin = t.segments.find((s) => s.from === 'client' && s.flags === 'F.')!;
    const finAck = t.segments.find((s) => s.from === 'server' && s.ack === clientFin.seq! + 1)!;
    expect(finAck.flags).toBe('F.');
    expect(t.segments.at(-1)!.flags).toBe('.');
    expect(
      t.segments.filter((s) => s.from === 'server' && s.t >= clientFin.t).map((s) => s.flags),
    ).toEqual(['.', 'F.']);
  });

  test('fin-lost: the first re-send is a tail-loss probe ~0.2 s later, the second an RTO', () => {
    const t = named('fin-lost', { set: { 'link.delay': '0.00005' } });
    const fins = from(t, 'client').filter((s) => s.flags === 'F.');
    expect(fins.map((f) => f.why ?? 'first')).toEqual(['first', 'tlp', 'rto']);
    expect(fins[1]!.t - fins[0]!.t).toBeCloseTo(0.205, 1);
    expect(fins[2]!.t - fins[1]!.t).toBeCloseTo(0.205, 1);
  });

  test('TIME_WAIT + retransmitted FIN → re-ACK and the 2MSL timer restarts', () => {
    const t = simulate(INLINE['fin-retransmit-in-time-wait']!, { seed: 1 });
    const serverFins = from(t, 'server').filter((s) => s.flags.includes('F'));
    expect(serverFins.length).toBe(2);
    const reAck = t.segments.find(
      (s) => s.from === 'client' && s.t > serverFins[1]!.t && s.flags === '.',
    );
    expect(reAck?.ack).toBe(serverFins[1]!.seq! + 1);
    const twSets = t.timers.filter(
      (x) => x.endpoint === 'client' && x.timer === 'time_wait' && x.action === 'set',
    );
    expect(twSets.length).toBe(2);
    expect(twSets[1]!.t).toBeGreaterThan(twSets[0]!.t);
  });

  test('simultaneous close: each side sends exactly one ACK, at once, and both end in TIME_WAIT', () => {
    const t = named('simultaneous-close');
    const fins = t.segments.filter((s) => s.flags === 'F.');
    const after = t.segments.filter((s) => s.t > fins[1]!.t);
    expect(after.map((s) => `${s.from} ${s.flags}`).sort()).toEqual(['client .', 'server .']);
    for (const who of ['client', 'server']) {
      expect(
        t.states.filter((s) => s.endpoint === who && s.socket === 'conn').map((s) => s.state),
      ).toContain('CLOSING');
      expect(
        t.states.filter((s) => s.endpoint === who && s.socket === 'conn').map((s) => s.state),
      ).toContain('TIME_WAIT');
    }
  });

  test('close() with unread data sends R. instead of FIN; the peer gets ECONNRESET', () => {
    const t = named('close-unread-data');
    expect(from(t, 'server').map((s) => s.flags)).not.toContain('F.');
    expect(from(t, 'server').at(-1)!.flags).toBe('R.');
    expect(t.events.find((e) => e.endpoint === 'client' && e.event === 'error')?.errno).toBe(
      'ECONNRESET',
    );
  });

  test('data after close() is answered by RST; the next send gets EPIPE', () => {
    const t = named('data-after-close');
    expect(from(t, 'client').at(-1)!.flags).toBe('R');
    expect(t.events.find((e) => e.endpoint === 'server' && e.event === 'error')?.errno).toBe(
      'EPIPE',
    );
  });

  test('orphaned FIN_WAIT2 ends after tcp_fin_timeout and the late FIN gets a bare RST', () => {
    const t = named('close-wait-leak');
    expect(t.segments.at(-1)!.flags).toBe('R');
    const fw2 = t.states.find((s) => s.endpoint === 'client' && s.state === 'FIN_WAIT2')!;
    const gone = t.states.find(
      (s) => s.endpoint === 'client' && s.state === 'CLOSED' && s.t > fw2.t,
    )!;
    expect(gone.t - fw2.t).toBeGreaterThanOrEqual(3);
    expect(gone.t - fw2.t).toBeLessThan(3.5);
  });
});

describe('listener and handshake', () => {
  test('third-ack-dropped: SYN-ACK retransmitted at 1, 3, 7 s, each re-ACKed', () => {
    const t = named('third-ack-dropped', { set: { 'link.delay': '0.00005' } });
    const synacks = from(t, 'server')
      .filter((s) => s.flags === 'S.')
      .map((s) => s.t);
    expect(synacks.map((x) => Math.round(x))).toEqual([0, 1, 3, 7]);
    expect(from(t, 'client').filter((s) => s.flags === '.' && s.t < 8).length).toBe(4);
  });

  test.each([
    { name: 'syn-flood', cookie: false },
    { name: 'syn-flood-syncookies', cookie: true },
  ])('$name: the legitimate client gets a cookie SYN-ACK: $cookie', ({ name, cookie }) => {
    const t = named(name);
    const first = t.segments.find((s) => s.from === 'server' && s.to === 'client');
    if (cookie) {
      expect(first?.why).toBe('syncookie');
      expect(first!.t - t.segments.find((s) => s.from === 'client')!.t).toBeLessThan(0.05);
    } else {
      // The SYN queue is full: the client's first SYN is dropped and retransmitted.
      expect(from(t, 'client').filter((s) => s.flags === 'S').length).toBeGreaterThan(1);
    }
    expect(t.events.some((e) => e.endpoint === 'client' && e.event === 'connect_ok')).toBe(true);
  });

  test('old duplicate SYN: the client resets the bogus SYN-ACK, then the handshake succeeds', () => {
    const t = named('old-duplicate-syn');
    const rst = from(t, 'client').find((s) => s.flags === 'R');
    const bogus = from(t, 'server').find((s) => s.flags === 'S.');
    expect(rst).toBeDefined();
    expect(rst!.abs_seq).toBe(bogus!.abs_ack);
    expect(t.events.some((e) => e.event === 'connect_ok')).toBe(true);
  });

  test('accept queue holds backlog + 1; further SYNs get no SYN-ACK', () => {
    const t = named('accept-overflow-drop');
    const synacks = from(t, 'server').filter((s) => s.flags === 'S.');
    expect(new Set(synacks.map((s) => s.cport))).toEqual(new Set([40001, 40002]));
  });

  const thirdAckOverflow = (abort: number): Trace => {
    const client = (port: number, at: number) => ({
      port,
      program: [{ connect: 'server', at }, { recv_until_eof: {} }],
    });
    return simulate(
      inline(
        'third-ack-overflow',
        {
          server: { port: 9000, program: [{ listen: { backlog: 1 } }, { close: {}, at: 20 }] },
          c1: client(40001, 0),
          c2: client(40002, 0.1),
          c3: client(40003, 0.1),
        },
        { sysctl: { server: { tcp_abort_on_overflow: abort } }, isn: {}, link: { delay: 0.001 } },
      ),
      { seed: 1 },
    );
  };

  test('third ACK on a full accept queue, tcp_abort_on_overflow=0 → ACK dropped, SYN-ACK retransmitted and re-ACKed', () => {
    const t = thirdAckOverflow(0);
    const c3 = t.segments.filter((s) => s.cport === 40003);
    expect(c3.filter((s) => s.from === 'server').map((s) => [s.flags, s.why ?? 'first'])).toEqual([
      ['S.', 'first'],
      ['S.', 'synack_timer'],
      ['S.', 'synack_timer'],
      ['S.', 'synack_timer'],
      ['S.', 'synack_timer'],
    ]);
    expect(c3.filter((s) => s.from === 'c3' && s.flags === '.').length).toBe(5);
    expect(t.events.some((e) => e.endpoint === 'c3' && e.event === 'error')).toBe(false);
  });

  test('third ACK on a full accept queue, tcp_abort_on_overflow=1 → R (seq = SEG.ACK) and ECONNRESET', () => {
    const t = thirdAckOverflow(1);
    const rst = t.segments.find(
      (s) => s.cport === 40003 && s.from === 'server' && s.flags === 'R',
    )!;
    const ack = t.segments.find((s) => s.cport === 40003 && s.from === 'c3' && s.flags === '.')!;
    expect(rst.abs_seq).toBe(ack.abs_ack);
    expect(t.events.find((e) => e.endpoint === 'c3' && e.event === 'error')?.errno).toBe(
      'ECONNRESET',
    );
  });

  test('simultaneous open: both sides SYN_SENT → SYN_RECV → ESTABLISHED', () => {
    const t = named('simultaneous-open');
    for (const who of ['client', 'server']) {
      const seq = t.states.filter((s) => s.endpoint === who).map((s) => s.state);
      expect(seq.slice(0, 3)).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']);
    }
  });
});

describe('data transfer', () => {
  test('fast-retransmit: three duplicate ACKs trigger a retransmission before the RTO', () => {
    const t = named('fast-retransmit');
    const fast = t.segments.find((s) => s.why === 'fast_retransmit');
    expect(fast).toBeDefined();
    const lost = t.segments.find((s) => s.dropped && s.len > 0)!;
    expect(fast!.seq).toBe(lost.seq);
    expect(fast!.t - lost.t).toBeLessThan(0.2);
  });

  test.each([1, 2, 3, 4, 5])(
    'data-loss (seed %i): every byte is delivered once, in order',
    (seed) => {
      const t = simulate(getScenario('data-loss'), { seed });
      const sent = t.events
        .filter((e) => e.endpoint === 'client' && e.event === 'send')
        .reduce((a, e) => a + (e.bytes ?? 0), 0);
      const got = t.events
        .filter((e) => e.endpoint === 'server' && e.event === 'recv')
        .reduce((a, e) => a + (e.bytes ?? 0), 0);
      expect(got).toBe(sent);
      expect(t.events.some((e) => e.endpoint === 'server' && e.event === 'eof')).toBe(true);
    },
  );

  test('segments carry at most one MSS (1448 bytes with timestamps)', () => {
    const t = named('fast-retransmit');
    expect(Math.max(...t.segments.map((s) => s.len))).toBe(1448);
  });

  test('keepalive: probes with seq = snd_una - 1, then R. and ETIMEDOUT', () => {
    const t = named('keepalive');
    const probes = t.segments.filter((s) => s.why === 'keepalive');
    expect(probes.map((p) => p.seq)).toEqual([0, 0, 0]);
    expect(t.segments.at(-1)!.flags).toBe('R.');
    expect(t.events.find((e) => e.event === 'error')?.errno).toBe('ETIMEDOUT');
  });
});

describe('determinism, parameters and limits', () => {
  test.each(listScenarios().map((e) => e.name))(
    '%s: same seed → identical JSON; ISNs in params when it has endpoints',
    (name) => {
      const a = JSON.stringify(named(name, { seed: 42 }));
      const b = JSON.stringify(named(name, { seed: 42 }));
      expect(a).toBe(b);
      const params = (JSON.parse(a) as Trace).params;
      // A round-model-only scenario (congestion-rounds-*) has no connection, so no ISN.
      const hasEndpoints = Object.keys(getScenario(name).endpoints).length > 0;
      expect(Object.keys(params).some((k) => k.startsWith('isn.'))).toBe(hasEndpoints);
    },
  );

  test('different seeds draw different ISNs', () => {
    expect(named('refused', { seed: 1 }).params['isn.client']).not.toBe(
      named('refused', { seed: 2 }).params['isn.client'],
    );
  });

  test('--set isn.client fixes the ISN', () => {
    const t = named('refused', { set: { 'isn.client': '1000' } });
    expect(t.segments[0]!.abs_seq).toBe(1000);
  });

  test.each([
    { limits: { max_events: 8 }, code: 'LIMIT_EVENTS' },
    { limits: { max_time: 5 }, code: 'LIMIT_TIME' },
  ])('a runaway scenario stops with $code', ({ limits, code }) => {
    const sc = { ...getScenario('syn-dropped-default'), limits };
    expect(() => simulate(sc, { seed: 1 })).toThrow(EngineError);
    try {
      simulate(sc, { seed: 1 });
    } catch (e) {
      expect((e as EngineError).code).toBe(code);
    }
  });

  test('an inline scenario with the FIN_WAIT1 abort path', () => {
    const t = simulate(
      inline('x', {
        server: { port: 9000, program: [{ listen: {} }, { accept: {} }, { recv_until_eof: {} }] },
        client: { port: 40001, program: [{ connect: 'server' }, { abort: {} }] },
      }),
      { seed: 1 },
    );
    expect(from(t, 'client').at(-1)!.flags).toBe('R.');
  });
});
