// Catalog scenario "syn-on-established" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

export const scenario: ScenarioInput = {
  name: 'syn-on-established',
  description:
    'A client rebooted and forgot its connection; it connects again from the same port. The server, still ESTABLISHED, answers the new SYN with a challenge ACK; the client, which has no such connection, answers with a RST at exactly RCV.NXT; the server drops the old connection, and the retransmitted SYN opens a new one.',
  profile: 'linux',
  link: { delay: 0.01 },
  isn: { client: 'random', server: 'random' },
  endpoints: {
    server: {
      port: 9000,
      program: [
        { listen: { backlog: 16 } },
        { accept: {} },
        { recv_until_eof: {} },
        { accept: {} },
        { recv_until_eof: {} },
        { close: {} },
      ],
    },
    client: {
      port: 40300,
      raw: true,
      program: [
        { segment: { to: 'server', flags: 'S', seq: 0, win: 64240, mss: 1460 } },
        { expect: { flags: 'S.', from: 'server', seq: 0, ack: 1 } },
        { segment: { to: 'server', flags: '.', seq: 1, ack: 1 } },
        // The reboot: a new ISN far from the old one, from the same port.
        { at: 0.5, segment: { to: 'server', flags: 'S', seq: 3000000, mss: 1460 } },
        // RFC 5961 §4.2: a SYN in a synchronized state gets a challenge ACK (old numbers).
        { expect: { flags: '.', from: 'server', seq: 1, ack: 1 } },
        // The client's kernel knows no such connection: RST with seq = the ACK's ack number.
        { segment: { to: 'server', flags: 'R', seq: 1 } },
        // Its SYN timer fires after 1 s; this time a listener answers it.
        { at: 1.5, segment: { to: 'server', flags: 'S', seq: 3000000, mss: 1460 } },
        { expect: { flags: 'S.', from: 'server', seq: 0, ack: 3000001 } },
        { segment: { to: 'server', flags: '.', seq: 3000001, ack: 1 } },
      ],
    },
  },
  faults: [],
  sysctl: {},
};
