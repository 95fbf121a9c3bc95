// Catalog scenario "accept-overflow-drop" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {
    server: {
      tcp_abort_on_overflow: 0,
    },
  },
  isn: {
    server: 'random',
    client1: 'random',
    client2: 'random',
    client3: 'random',
    client4: 'random',
  },
  endpoints: {
    server: {
      port: 9000,
      program: [
        {
          listen: {
            backlog: 1,
          },
        },
        {
          close: {
            socket: 'listener',
          },
          at: 13.0,
        },
      ],
    },
    client1: {
      port: 40001,
      program: [
        {
          connect: 'server',
          at: 0.0,
        },
        {
          send: 10,
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
    client2: {
      port: 40002,
      program: [
        {
          connect: 'server',
          at: 0.2,
        },
        {
          send: 10,
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
    client3: {
      port: 40003,
      program: [
        {
          connect: 'server',
          at: 0.4,
        },
        {
          send: 10,
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
    client4: {
      port: 40004,
      program: [
        {
          connect: 'server',
          at: 0.6,
        },
        {
          send: 10,
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
  },
  name: 'accept-overflow-drop',
  description:
    'Backlog 1 and an application that never accepts: two connections fill the accept queue (backlog+1); later SYNs are ignored and retransmitted until the listener closes and resets the queued ones.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  faults: [],
};
