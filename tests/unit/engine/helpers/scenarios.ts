// Small inline scenarios for tests (the catalog covers the rest).

import type { ScenarioInput } from '@/lib/engine';

const server = (program: unknown[]) => ({ port: 9000, program });
const client = (program: unknown[]) => ({ port: 40001, program });
const LISTEN = { listen: { backlog: 16 } };

export function inline(
  name: string,
  endpoints: Record<string, unknown>,
  extra: Partial<ScenarioInput> = {},
): ScenarioInput {
  return {
    name,
    link: { delay: 0.01 },
    isn: { client: 1000, server: 5000 },
    endpoints,
    ...extra,
  } as ScenarioInput;
}

export const INLINE: Record<string, ScenarioInput> = {
  // The client's FIN is lost, so it is still in FIN_WAIT1 when the server's data arrives.
  'fin-wait1-data': inline(
    'fin-wait1-data',
    {
      server: server([
        LISTEN,
        { accept: {} },
        { send: 50, at: 0.3 },
        { recv_until_eof: {} },
        { close: {} },
      ]),
      client: client([{ connect: 'server' }, { close: {}, at: 0.2 }]),
    },
    { faults: [{ from: 'client', to: 'server', match: { flags: 'F.', nth: 1 }, action: 'drop' }] },
  ),
  'close-in-syn-sent': inline(
    'close-in-syn-sent',
    { server: server([LISTEN]), client: client([{ connect: 'server' }]) },
    { faults: [{ from: 'client', to: 'server', match: { flags: 'S' }, action: 'drop' }] },
  ),
  abort: inline('abort', {
    server: server([LISTEN, { accept: {} }, { recv_until_eof: {} }, { close: {} }]),
    client: client([{ connect: 'server' }, { abort: {}, at: 0.5 }]),
  }),
  'retries2-exhausted': inline(
    'retries2-exhausted',
    {
      server: server([LISTEN, { accept: {} }, { recv_until_eof: {} }]),
      client: client([{ connect: 'server' }, { send: 100, at: 0.5 }, { recv_until_eof: {} }]),
    },
    {
      sysctl: { client: { tcp_retries2: 3 } },
      faults: [{ from: 'client', to: 'server', match: { data: true }, action: 'drop' }],
    },
  ),
  'fin-wait2-data': inline('fin-wait2-data', {
    server: server([
      LISTEN,
      { accept: {} },
      { recv_until_eof: {} },
      { send: 50, at: 0.5 },
      { close: {} },
    ]),
    client: client([{ connect: 'server' }, { close: {} }]),
  }),
  'last-ack-gives-up': inline(
    'last-ack-gives-up',
    {
      server: server([LISTEN, { accept: {} }, { recv_until_eof: {} }, { close: {}, at: 1 }]),
      client: client([{ connect: 'server' }, { close: {} }]),
    },
    { faults: [{ from: 'server', to: 'client', match: { flags: 'F.' }, action: 'drop' }] },
  ),
  'fin-retransmit-in-time-wait': inline(
    'fin-retransmit-in-time-wait',
    {
      server: server([LISTEN, { accept: {} }, { recv_until_eof: {} }, { close: {} }]),
      client: client([{ connect: 'server' }, { close: {}, at: 0.2 }]),
    },
    {
      faults: [{ from: 'client', to: 'server', match: { pure_ack: true, nth: 2 }, action: 'drop' }],
    },
  ),
  // The client's 100 bytes are never read; the server half-closes after the client's FIN
  // (LAST_ACK) or crossing it (CLOSING), and the client's pure ACKs are lost, so the server
  // is still there when it calls close() at 0.5 s.
  'last-ack-unread': unreadClose('last-ack-unread', 0.1),
  'closing-unread': unreadClose('closing-unread', 0.3),
};

/** The server calls close() at 0.5 s with 100 unread bytes, in LAST_ACK (client closes at 0.1 s) or CLOSING (0.3 s). */
export function unreadClose(name: string, clientCloseAt: number): ScenarioInput {
  return inline(
    name,
    {
      server: server([
        LISTEN,
        { accept: {} },
        { shutdown: 'write', at: 0.3 },
        { close: {}, at: 0.5 },
      ]),
      client: client([{ connect: 'server' }, { send: 100 }, { close: {}, at: clientCloseAt }]),
    },
    {
      faults: [
        {
          from: 'client',
          to: 'server',
          match: { pure_ack: true },
          action: 'drop',
          window: [0.25, 5],
        },
      ],
    },
  );
}
