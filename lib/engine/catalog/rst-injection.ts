// Catalog scenario "rst-injection" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  name: 'rst-injection',
  description:
    'A scripted peer opens a connection to a Linux server, then sends two RSTs: one inside the window but not at RCV.NXT, which only earns a challenge ACK (RFC 5961), and one exactly at RCV.NXT, which resets the connection.',
  profile: 'linux',
  link: { delay: 0.01 },
  isn: { peer: 'random', server: 'random' },
  endpoints: {
    server: {
      port: 9000,
      program: [{ listen: { backlog: 16 } }, { accept: {} }, { recv_until_eof: {} }, { close: {} }],
    },
    peer: {
      port: 40100,
      raw: true,
      program: [
        { segment: { to: 'server', flags: 'S', seq: 0, win: 64240, mss: 1460 } },
        { expect: { flags: 'S.', from: 'server', seq: 0, ack: 1 } },
        { segment: { to: 'server', flags: '.', seq: 1, ack: 1 } },
        // In the window (RCV.NXT = 1, window 64 KiB) but not exact: a challenge ACK, no reset.
        { at: 0.2, segment: { to: 'server', flags: 'R', seq: { range: [1000, 60000] } } },
        { expect: { flags: '.', from: 'server', seq: 1, ack: 1 } },
        // Exactly RCV.NXT: accepted, the server's connection is gone.
        { at: 0.5, segment: { to: 'server', flags: 'R', seq: 1 } },
      ],
    },
  },
  faults: [],
  sysctl: {},
};
