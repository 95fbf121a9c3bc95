// Catalog scenario "congestion-tahoe" (see its `description`), as a module so the catalog works in the browser.
// The same transfer and round-model events as congestion-reno; only the algorithm differs.

import type { ScenarioInput } from '../scenario-schema';
import { scenario as congestionReno, renoRounds } from './congestion-reno';

export const scenario: ScenarioInput = {
  ...congestionReno,
  name: 'congestion-tahoe',
  description:
    "The exam's round model with Tahoe: slow start up to ssthresh, congestion avoidance, a timeout (cwnd back to 1 MSS), then three duplicate ACKs later on (Tahoe has no fast recovery: cwnd = 1 MSS again, ssthresh = cwnd / 2). The packet-level run is a plain 20 kB transfer by Linux, for comparison.",
  congestion: { ...renoRounds, algorithm: 'tahoe' },
};
