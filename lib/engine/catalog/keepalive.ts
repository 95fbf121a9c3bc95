// Catalog scenario "keepalive" (see its `description`), as a module so the catalog works in the browser.
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
      ],
    },
    client: {
      port: 40001,
      program: [
        {
          setsockopt: {
            keepalive: {
              idle: 2,
              intvl: 1,
              cnt: 3,
            },
          },
        },
        {
          connect: 'server',
          at: 0.0,
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
  faults: [
    {
      from: 'client',
      to: 'server',
      match: {},
      action: 'drop',
      window: [1.0, 60.0],
    },
  ],
  name: 'keepalive',
  description:
    'Keepalive (idle 2 s, interval 1 s, 3 probes) on an idle connection whose peer went silent: probes with seq = snd_una-1, then RST and ETIMEDOUT.',
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
