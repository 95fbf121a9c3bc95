// Catalog scenario "synack-dropped" (see its `description`), as a module so the catalog works in the browser.
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
          at: 4.0,
        },
      ],
    },
  },
  faults: [
    {
      from: 'server',
      to: 'client',
      match: {
        flags: 'S.',
      },
      action: 'drop',
      window: [0.0, 2.5],
    },
  ],
  name: 'synack-dropped',
  description:
    'The SYN-ACKs are lost for a while: the client retransmits its SYN, the server answers each one and also retransmits on its own timer, until one gets through.',
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
