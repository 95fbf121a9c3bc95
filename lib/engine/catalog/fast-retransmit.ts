// Catalog scenario "fast-retransmit" (see its `description`), as a module so the catalog works in the browser.
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
          send: {
            range: [12000, 14000],
          },
        },
        {
          close: {},
          at: 2.0,
        },
      ],
    },
  },
  faults: [
    {
      from: 'client',
      to: 'server',
      match: {
        data: true,
        nth: {
          range: [1, 3],
        },
      },
      action: 'drop',
    },
  ],
  name: 'fast-retransmit',
  description:
    "A burst of ten segments loses an early one: the receiver's duplicate ACKs trigger a fast retransmit after the third, without waiting for the RTO.",
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
