// Catalog scenario "syn-dropped-linear" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {
    client: {
      tcp_syn_retries: 3,
      tcp_syn_linear_timeouts: 4,
    },
  },
  endpoints: {
    server: {
      port: 9000,
      program: [
        {
          listen: {
            backlog: 16,
          },
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
          sleep: 0.5,
        },
        {
          close: {},
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
      },
      action: 'drop',
    },
  ],
  name: 'syn-dropped-linear',
  description:
    "Every SYN is dropped; Linux's first four retransmissions keep RTO = 1 s (tcp_syn_linear_timeouts=4), then it doubles; connect() gives up at 19 s.",
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
};
