// Catalog scenario "syn-dropped-classic" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {
    client: {
      tcp_syn_retries: 3,
      tcp_syn_linear_timeouts: 0,
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
  name: 'syn-dropped-classic',
  description:
    'Every SYN is dropped; with tcp_syn_linear_timeouts=0 the SYN is retransmitted at 1, 3, 7 s (classic doubling) and connect() fails with ETIMEDOUT at 15 s.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
};
