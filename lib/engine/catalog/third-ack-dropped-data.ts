// Catalog scenario "third-ack-dropped-data" (see its `description`), as a module so the catalog works in the browser.
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
          at: {
            range: [0.1, 0.5],
          },
        },
        {
          close: {},
          at: 4.0,
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
      },
      action: 'drop',
      window: [0.0, 3.5],
    },
  ],
  name: 'third-ack-dropped-data',
  description:
    "The third ACK is lost but the client's first data segment also acknowledges the SYN-ACK, so it completes the handshake at the server.",
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
