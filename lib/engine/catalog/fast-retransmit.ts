// Catalog scenario "fast-retransmit" (see its `description`), as a module so the catalog works in the browser.
// The data-loss transfer with a block large enough for three duplicate ACKs.

import type { ScenarioInput } from '../scenario-schema';
import { lossyTransfer } from './data-loss';

export const scenario: ScenarioInput = lossyTransfer({
  name: 'fast-retransmit',
  description:
    "A burst of ten segments loses an early one: the receiver's duplicate ACKs trigger a fast retransmit after the third, without waiting for the RTO.",
  bytes: [12000, 14000],
  lostSegment: [1, 3],
});
