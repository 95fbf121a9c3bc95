// Catalog scenario "congestion-reno" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ({range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

/** The round-model block; congestion-tahoe reuses it with the other algorithm. */
export const renoRounds: NonNullable<ScenarioInput['congestion']> = {
  model: 'rounds',
  algorithm: 'reno',
  mss: 1000,
  initial_cwnd: 1000,
  ssthresh: { range: [8000, 16000] },
  rwnd: 64000,
  events: [
    { round: { range: [10, 13] }, timeout: true },
    { round: { range: [20, 24] }, dupacks: 3 },
  ],
  rounds: 28,
};

export const scenario: ScenarioInput = {
  name: 'congestion-reno',
  description:
    "The exam's round model with Reno: slow start up to ssthresh, congestion avoidance, a timeout (cwnd back to 1 MSS), then three duplicate ACKs later on (fast recovery: cwnd = ssthresh = cwnd / 2). The packet-level run is a plain 20 kB transfer by Linux, for comparison.",
  // A real transfer beside the round table: the ladder shows what Linux does (initial window
  // of 10, per-ACK growth), the table what the exam's model says; lesson "exam model versus
  // real TCP" compares them.
  profile: 'linux',
  link: { delay: 0.01 },
  isn: { client: 'random', server: 'random' },
  endpoints: {
    server: {
      port: 9000,
      program: [{ listen: { backlog: 16 } }, { accept: {} }, { recv_until_eof: {} }, { close: {} }],
    },
    client: {
      port: 40001,
      program: [{ connect: 'server', at: 0.0 }, { send: 20000 }, { close: {} }],
    },
  },
  congestion: renoRounds,
};
