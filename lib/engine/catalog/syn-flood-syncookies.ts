// Catalog scenario "syn-flood-syncookies" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  sysctl: {
    server: {
      tcp_syncookies: 1,
    },
  },
  endpoints: {
    server: {
      port: 9000,
      program: [
        {
          listen: {
            backlog: 4,
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
    attacker: {
      port: 6666,
      program: [
        {
          syn_flood: {
            target: 'server',
            count: {
              range: [6, 12],
            },
            interval: 0.002,
            src_port: 20000,
          },
        },
      ],
    },
    client: {
      port: 40001,
      program: [
        {
          connect: 'server',
          at: {
            range: [0.05, 0.2],
          },
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
  isn: {
    client: 'random',
    server: 'random',
    attacker: 'random',
  },
  name: 'syn-flood-syncookies',
  description:
    'The same SYN flood with tcp_syncookies=1: once the SYN queue is full the server answers with stateless cookie SYN-ACKs (MSS encoded in the ISN), and the legitimate client connects without queue state.',
  profile: 'linux',
  link: {
    delay: 0.01,
  },
  faults: [],
};
