// The states a person observes (what `ss` shows between segments): a state an endpoint leaves
// at the very instant it entered it, inside one segment's processing, is never observed.

import type { TraceState } from '@/lib/engine';

const SAME_INSTANT = 1e-9;

function sameSocket(a: TraceState, b: TraceState): boolean {
  return a.endpoint === b.endpoint && a.socket === b.socket && a.cport === b.cport;
}

/**
 * The trace's states without the momentary ones: FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT on one
 * FIN+ACK that acknowledges our FIN is observed as FIN_WAIT1 → TIME_WAIT (RFC 9293 §3.10.7.4:
 * the state after the whole segment is processed).
 */
export function observedStates(states: readonly TraceState[]): TraceState[] {
  return states.filter(
    (s, i) =>
      !states.some(
        (later, j) => j > i && sameSocket(s, later) && Math.abs(later.t - s.t) < SAME_INSTANT,
      ),
  );
}
