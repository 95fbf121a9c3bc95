// Catalog scenario "data-loss" (see its `description`), as a module so the catalog works in the browser.
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
            range: [2000, 6000],
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
          range: [1, 2],
        },
      },
      action: 'drop',
    },
  ],
  name: 'data-loss',
  description:
    'A transfer of several segments in which one chosen data segment is lost and recovered (tail-loss probe, duplicate ACKs or RTO depending on which one).',
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
