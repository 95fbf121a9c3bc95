// Catalog scenario "data-loss" (see its `description`), as a module so the catalog works in the browser.
// Randomisable values ("random", {range}) are drawn from the seed by simulate().

import type { ScenarioInput } from '../scenario-schema';

/**
 * A client sends a block of data and closes; one of its first data segments is dropped.
 * fast-retransmit is the same transfer with a larger block, so duplicate ACKs can build up.
 */
export function lossyTransfer(options: {
  name: string;
  description: string;
  bytes: [number, number];
  lostSegment: [number, number];
}): ScenarioInput {
  return {
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
              range: options.bytes,
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
            range: options.lostSegment,
          },
        },
        action: 'drop',
      },
    ],
    name: options.name,
    description: options.description,
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
}

export const scenario: ScenarioInput = lossyTransfer({
  name: 'data-loss',
  description:
    'A transfer of several segments in which one chosen data segment is lost and recovered (tail-loss probe, duplicate ACKs or RTO depending on which one).',
  bytes: [2000, 6000],
  lostSegment: [1, 2],
});
