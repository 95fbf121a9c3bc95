// Catalog scenario "accept-overflow-abort" (see its `description`), as a module so the catalog works in the browser.
// The same clients and listener as accept-overflow-drop; only tcp_abort_on_overflow differs.

import type { ScenarioInput } from '../scenario-schema';
import { scenario as acceptOverflowDrop } from './accept-overflow-drop';

export const scenario: ScenarioInput = {
  ...acceptOverflowDrop,
  sysctl: { server: { tcp_abort_on_overflow: 1 } },
  name: 'accept-overflow-abort',
  description:
    'As accept-overflow-drop with tcp_abort_on_overflow=1: the queue overflows at the SYN, so no third ACK is ever answered with RST.',
};
