// Catalog scenario "half-close" (see its `description`), as a module so the catalog works in the browser.
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
          send: {
            range: [1, 1400],
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
          shutdown: 'write',
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
  name: 'half-close',
  description:
    "shutdown(SHUT_WR): the client's FIN ends its direction only; it still receives the server's response and FIN, and ends in TIME_WAIT.",
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
