// Catalog scenario "old-duplicate-syn" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  endpoints: {
    server: {
      port: 9000,
      program: [
        {
          listen: {
            backlog: 16,
          },
        },
        {
          accept: {},
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
    client: {
      port: 40001,
      program: [
        {
          inject_syn: {
            to: 'server',
            seq_offset: {
              range: [-900000, -1000],
            },
          },
        },
        {
          connect: 'server',
        },
        {
          send: {
            range: [1, 1400],
          },
        },
        {
          close: {},
          at: 1.0,
        },
      ],
    },
  },
  faults: [
    {
      from: 'client',
      to: 'server',
      match: {
        flags: 'S',
        nth: 2,
      },
      action: 'delay',
      delay: 0.05,
    },
  ],
  name: 'old-duplicate-syn',
  description:
    'An old duplicate SYN from an earlier connection reaches the listener first (RFC 9293 Fig. 8): its SYN-ACK is refused by the client with RST, the request is dropped, and the real handshake follows.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
  sysctl: {},
};
