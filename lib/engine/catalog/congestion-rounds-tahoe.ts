// Catalog scenario "congestion-rounds-tahoe" (see its `description`), as a module so the catalog works in the browser.
// The round model alone: what the question generators simulate, many thousand times a second.

import type { ScenarioInput } from '../scenario-schema';
import { renoRounds } from './congestion-reno';

export const scenario: ScenarioInput = {
  name: 'congestion-rounds-tahoe',
  description:
    "The exam's round model with Tahoe and no packet-level run: only the round table (cwnd, ssthresh, swnd per round) of congestion-tahoe.",
  congestion: { ...renoRounds, algorithm: 'tahoe' },
};
