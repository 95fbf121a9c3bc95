// Catalog scenario "handshake-data-close" (see its `description`), as a module so the catalog works in the browser.
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
          sleep: {
            range: [0.2, 1.0],
          },
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
        },
      ],
    },
  },
  name: 'handshake-data-close',
  description:
    'Three-way handshake, the client sends a request and closes; the server reads to EOF, waits, then closes: a four-segment close, the client ends in TIME_WAIT.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
  faults: [],
  sysctl: {},
};
