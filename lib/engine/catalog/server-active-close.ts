// Catalog scenario "server-active-close" (see its `description`), as a module so the catalog works in the browser.
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
          recv: 50,
        },
        {
          send: {
            range: [100, 1400],
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
          send: 50,
        },
        {
          recv_until_eof: {},
        },
        {
          sleep: {
            range: [0.1, 0.5],
          },
        },
        {
          close: {},
        },
      ],
    },
  },
  name: 'server-active-close',
  description:
    'Request/response where the server closes first: the server ends in TIME_WAIT, the client passes through CLOSE_WAIT and LAST_ACK.',
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
