// Catalog scenario "syn-dropped-default" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {},
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
  name: 'syn-dropped-default',
  description:
    'Every SYN is dropped with default sysctls (tcp_syn_retries=6, linear 4): SYNs at 0,1,2,3,4,5,7,11,19,35,67 s and ETIMEDOUT at about 135 s: the 131 s give-up bound plus the timer-wheel rounding of the long timeouts.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
};
