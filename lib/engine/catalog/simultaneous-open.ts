// Catalog scenario "simultaneous-open" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  endpoints: {
    server: {
      port: 9000,
      program: [
        {
          connect: 'client',
          at: 0.0,
        },
        {
          send: 5,
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
          send: 5,
        },
        {
          recv: 5,
        },
        {
          close: {},
          at: 2.0,
        },
      ],
    },
  },
  name: 'simultaneous-open',
  description:
    'Both ends call connect() to each other and the SYNs cross: SYN_SENT → SYN_RECV → ESTABLISHED on both sides (RFC 9293 Fig. 7).',
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
