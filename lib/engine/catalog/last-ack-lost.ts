// Catalog scenario "last-ack-lost" (see its `description`), as a module so the catalog works in the browser.
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
          connect: 'server',
          at: 0.0,
        },
        {
          send: {
            range: [1, 1400],
          },
        },
        {
          close: {},
          at: {
            range: [0.3, 1.0],
          },
        },
      ],
    },
  },
  faults: [
    {
      from: 'client',
      to: 'server',
      match: {
        pure_ack: true,
        nth: 2,
      },
      action: 'drop',
    },
  ],
  name: 'last-ack-lost',
  description:
    "The client's final ACK is lost: the server re-sends its FIN from LAST_ACK (a tail-loss probe ~0.2 s later) and the client re-ACKs from TIME_WAIT.",
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
