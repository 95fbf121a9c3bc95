// Catalog scenario "syn-flood-syncookies" (see its `description`), as a module so the catalog works in the browser.
// The same flood as syn-flood; only tcp_syncookies differs.

import type { ScenarioInput } from '../scenario-schema';
import { scenario as synFlood } from './syn-flood';

export const scenario: ScenarioInput = {
  ...synFlood,
  sysctl: { server: { tcp_syncookies: 1 } },
  name: 'syn-flood-syncookies',
  description:
    'The same SYN flood with tcp_syncookies=1: once the SYN queue is full the server answers with stateless cookie SYN-ACKs (MSS encoded in the ISN), and the legitimate client connects without queue state.',
};
