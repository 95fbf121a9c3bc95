// Catalog scenario "refused" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  endpoints: {
    server: {
      port: 9000,
      program: [],
    },
    client: {
      port: 40001,
      program: [
        {
          connect: 'server',
          at: 0.0,
        },
      ],
    },
  },
  name: 'refused',
  description:
    'Nothing listens on the port: the SYN is answered by RST,ACK and connect() fails with ECONNREFUSED.',
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
