// Catalog scenario "congestion-rounds-reno" (see its `description`), as a module so the catalog works in the browser.
// The round model alone: what the question generators simulate, many thousand times a second.

import type { ScenarioInput } from '../scenario-schema';
import { renoRounds } from './congestion-reno';

export const scenario: ScenarioInput = {
  name: 'congestion-rounds-reno',
  description:
    "The exam's round model with Reno and no packet-level run: only the round table (cwnd, ssthresh, swnd per round) of congestion-reno.",
  congestion: { ...renoRounds, algorithm: 'reno' },
};
