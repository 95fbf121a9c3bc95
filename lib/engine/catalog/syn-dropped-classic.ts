// Catalog scenario "syn-dropped-classic" (see its `description`), as a module so the catalog works in the browser.
// The same dropped SYNs as syn-dropped-default; only the client's SYN sysctls differ.

import type { ScenarioInput } from '../scenario-schema';
import { scenario as synDroppedDefault } from './syn-dropped-default';

export const scenario: ScenarioInput = {
  ...synDroppedDefault,
  sysctl: { client: { tcp_syn_retries: 3, tcp_syn_linear_timeouts: 0 } },
  name: 'syn-dropped-classic',
  description:
    'Every SYN is dropped; with tcp_syn_linear_timeouts=0 the SYN is retransmitted at 1, 3, 7 s (classic doubling) and connect() fails with ETIMEDOUT at 15 s.',
};
