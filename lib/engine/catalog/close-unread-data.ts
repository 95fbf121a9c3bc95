// Catalog scenario "close-unread-data" (see its `description`), as a module so the catalog works in the browser.
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
          at: {
            range: [0.2, 1.0],
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
          recv_until_eof: {},
        },
        {
          close: {},
        },
      ],
    },
  },
  name: 'close-unread-data',
  description:
    "The server closes without reading what the client sent: Linux sends RST instead of FIN and the client's recv() fails with ECONNRESET.",
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
