// Catalog scenario "syn-dropped-linear" (see its `description`), as a module so the catalog works in the browser.
// The same dropped SYNs as syn-dropped-default; only the client's SYN sysctls differ.

import type { ScenarioInput } from '../scenario-schema';
import { scenario as synDroppedDefault } from './syn-dropped-default';

export const scenario: ScenarioInput = {
  ...synDroppedDefault,
  sysctl: { client: { tcp_syn_retries: 3, tcp_syn_linear_timeouts: 4 } },
  name: 'syn-dropped-linear',
  description:
    "Every SYN is dropped; Linux's first four retransmissions keep RTO = 1 s (tcp_syn_linear_timeouts=4), then it doubles; connect() gives up at 19 s.",
};
