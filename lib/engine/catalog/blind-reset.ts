// Catalog scenario "blind-reset" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  name: 'blind-reset',
  description:
    "An off-path attacker forges RSTs with the client's address and port, guessing the sequence number. A guess outside the server's window is dropped; a guess inside it only makes the server send a challenge ACK to the real client, which ignores it. The connection survives and closes normally.",
  profile: 'linux',
  link: { delay: 0.01 },
  isn: { client: 'random', server: 'random', attacker: 'random' },
  endpoints: {
    server: {
      port: 9000,
      program: [{ listen: { backlog: 16 } }, { accept: {} }, { recv_until_eof: {} }, { close: {} }],
    },
    client: {
      port: 40200,
      program: [
        { connect: 'server', at: 0 },
        { send: { range: [100, 1000] } },
        { close: {}, at: 1.0 },
      ],
    },
    attacker: {
      port: 31337,
      raw: true,
      program: [
        // Far beyond RCV.NXT + window: tcp_validate_incoming drops it without a word.
        {
          at: 0.3,
          segment: { to: 'server', spoof: 'client', flags: 'R', seq: { range: [200000, 900000] } },
        },
        // Inside the window: RFC 5961 §3.2 challenge ACK, sent to the address the RST claimed.
        {
          at: 0.6,
          segment: { to: 'server', spoof: 'client', flags: 'R', seq: { range: [5000, 50000] } },
        },
      ],
    },
  },
  faults: [],
  sysctl: {},
};
