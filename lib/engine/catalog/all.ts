// The list of catalog scenarios (one module each, so the catalog works in the browser).

import type { ScenarioInput } from '../scenario-schema';
import { scenario as acceptOverflowAbort } from './accept-overflow-abort';
import { scenario as acceptOverflowDrop } from './accept-overflow-drop';
import { scenario as blindReset } from './blind-reset';
import { scenario as closeMerged } from './close-merged';
import { scenario as closeUnreadData } from './close-unread-data';
import { scenario as closeWaitLeak } from './close-wait-leak';
import { scenario as congestionReno } from './congestion-reno';
import { scenario as congestionRoundsReno } from './congestion-rounds-reno';
import { scenario as congestionRoundsTahoe } from './congestion-rounds-tahoe';
import { scenario as congestionTahoe } from './congestion-tahoe';
import { scenario as dataAfterClose } from './data-after-close';
import { scenario as dataLoss } from './data-loss';
import { scenario as fastRetransmit } from './fast-retransmit';
import { scenario as finLost } from './fin-lost';
import { scenario as halfClose } from './half-close';
import { scenario as handshakeDataClose } from './handshake-data-close';
import { scenario as keepalive } from './keepalive';
import { scenario as lastAckLost } from './last-ack-lost';
import { scenario as oldDuplicateSyn } from './old-duplicate-syn';
import { scenario as refused } from './refused';
import { scenario as rstInjection } from './rst-injection';
import { scenario as serverActiveClose } from './server-active-close';
import { scenario as simultaneousClose } from './simultaneous-close';
import { scenario as simultaneousOpen } from './simultaneous-open';
import { scenario as synDroppedClassic } from './syn-dropped-classic';
import { scenario as synDroppedDefault } from './syn-dropped-default';
import { scenario as synDroppedLinear } from './syn-dropped-linear';
import { scenario as synFlood } from './syn-flood';
import { scenario as synFloodSyncookies } from './syn-flood-syncookies';
import { scenario as synOnEstablished } from './syn-on-established';
import { scenario as synackDropped } from './synack-dropped';
import { scenario as thirdAckDropped } from './third-ack-dropped';
import { scenario as thirdAckDroppedData } from './third-ack-dropped-data';
import { scenario as timeWaitDuration } from './time-wait-duration';

export const CATALOG: readonly ScenarioInput[] = [
  acceptOverflowAbort,
  acceptOverflowDrop,
  blindReset,
  closeMerged,
  closeUnreadData,
  closeWaitLeak,
  congestionReno,
  congestionRoundsReno,
  congestionRoundsTahoe,
  congestionTahoe,
  dataAfterClose,
  dataLoss,
  fastRetransmit,
  finLost,
  halfClose,
  handshakeDataClose,
  keepalive,
  lastAckLost,
  oldDuplicateSyn,
  refused,
  rstInjection,
  serverActiveClose,
  simultaneousClose,
  simultaneousOpen,
  synDroppedClassic,
  synDroppedDefault,
  synDroppedLinear,
  synFlood,
  synFloodSyncookies,
  synOnEstablished,
  synackDropped,
  thirdAckDropped,
  thirdAckDroppedData,
  timeWaitDuration,
];
