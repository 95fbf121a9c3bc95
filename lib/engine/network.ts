// The simulated wire's fault rules (DESIGN.md §1 `faults`): which rule, if any, applies to a
// segment leaving `from` for `to` at time `now`. Matching follows the recorder's iptables rules.

import type { ResolvedFault } from './resolve';
import { ACK, type Segment, flagsMatch } from './segment';

export interface FaultVerdict {
  dropped: boolean;
  extraDelay: number;
  duplicate: boolean;
}

const PASS: Readonly<FaultVerdict> = Object.freeze({
  dropped: false,
  extraDelay: 0,
  duplicate: false,
});

/** First matching rule wins; `hits` counts matches per rule (for `nth`) and is updated. */
export function applyFaults(
  faults: readonly ResolvedFault[],
  hits: number[],
  seg: Segment,
  now: number,
): FaultVerdict {
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i]!;
    if (f.from !== seg.src || f.to !== seg.dst) continue;
    if (f.window !== undefined && (now < f.window[0] || now > f.window[1])) continue;
    const m = f.match;
    if (m.flags !== undefined && !flagsMatch(m.flags, seg.flags)) continue;
    // pure_ack: ACK only (no SYN/FIN/RST/PSH) and no payload, like the recorder's rule.
    const pure = seg.flags === ACK && seg.len === 0;
    if (m.pure_ack === true && !pure) continue;
    if (m.pure_ack === false && pure) continue;
    if (m.data === true && seg.len === 0) continue;
    if (m.data === false && seg.len > 0) continue;
    const hit = (hits[i] ?? 0) + 1;
    hits[i] = hit;
    if (m.nth !== undefined && hit !== m.nth) continue;
    if (f.action === 'drop') return { dropped: true, extraDelay: 0, duplicate: false };
    if (f.action === 'delay') return { dropped: false, extraDelay: f.delay ?? 0, duplicate: false };
    return { dropped: false, extraDelay: 0, duplicate: true };
  }
  return PASS;
}
