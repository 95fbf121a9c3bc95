// Catalog scenario "third-ack-dropped" (see its `description`), as a module so the catalog works in the browser.
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
          close: {},
          at: 9.0,
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
  name: 'third-ack-dropped',
  description:
    "The handshake's third ACK is lost: the client is ESTABLISHED, the server stays in SYN_RECV and retransmits the SYN-ACK at 1, 3, 7 s; each draws a re-ACK.",
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
