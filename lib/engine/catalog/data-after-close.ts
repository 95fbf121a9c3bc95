// Catalog scenario "data-after-close" (see its `description`), as a module so the catalog works in the browser.
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
          sleep: 0.3,
        },
        {
          send: 50,
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
        },
      ],
    },
  },
  name: 'data-after-close',
  description:
    "The client closes right away; the server's data reaches a closed socket, which answers RST, and the server's next send fails with EPIPE.",
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
