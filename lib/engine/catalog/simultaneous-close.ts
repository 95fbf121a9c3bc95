// Catalog scenario "simultaneous-close" (see its `description`), as a module so the catalog works in the browser.
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
          close: {},
          at: 0.5,
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
          at: 0.5,
        },
      ],
    },
  },
  name: 'simultaneous-close',
  description:
    'Both sides close at the same moment and their FINs cross: each goes FIN_WAIT1 → CLOSING → TIME_WAIT.',
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
