// Catalog scenario "close-wait-leak" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {
    client: {
      tcp_fin_timeout: 3,
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
        {
          accept: {},
        },
        {
          recv_until_eof: {},
        },
        {
          close: {},
          at: {
            range: [4, 8],
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
  name: 'close-wait-leak',
  description:
    "The server never closes after EOF (a CLOSE_WAIT leak); the client's orphaned FIN_WAIT2 dies after tcp_fin_timeout and the server's late FIN is answered by RST.",
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  isn: {
    client: 'random',
    server: 'random',
  },
  faults: [],
};
