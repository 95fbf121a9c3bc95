// Which segments must come before which, from what each one shows (seq, ack, length, flags):
// the partial order an "order the segments" question may rely on, and its linear extensions.

import type { WireSegment } from './replay';

const MOD = 2 ** 32;
/** a − b in sequence space (signed). */
function dist(a: number, b: number): number {
  return ((((a - b) % MOD) + MOD) % MOD) << 0;
}

/** The sequence number after this segment (SYN and FIN count one each, §3.4). */
function next(s: WireSegment): number {
  return s.abs_seq + s.len + (s.flags.includes('S') ? 1 : 0) + (s.flags.includes('F') ? 1 : 0);
}

/**
 * before[a][b]: segment a must be sent before b. One sender's segments follow its sequence
 * space (a later segment never starts below what an earlier one consumed) and its ACKs never
 * go back; a segment acknowledging what another consumed comes after it. Closed transitively.
 */
export function causalOrder(segs: readonly WireSegment[]): boolean[][] {
  const n = segs.length;
  const before = segs.map(() => new Array<boolean>(n).fill(false));
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const A = segs[a]!;
      const B = segs[b]!;
      if (A.from === B.from) {
        // A after B is impossible if A starts below what B consumed (and not the reverse).
        const seqForces = dist(A.abs_seq, next(B)) < 0 && dist(B.abs_seq, next(A)) >= 0;
        const ackForces =
          A.abs_ack !== null && B.abs_ack !== null && dist(A.abs_ack, B.abs_ack) < 0;
        if (seqForces || ackForces) before[a]![b] = true;
      } else if (B.abs_ack !== null && next(A) !== A.abs_seq && dist(B.abs_ack, next(A)) >= 0) {
        before[a]![b] = true;
      }
    }
  for (let k = 0; k < n; k++)
    for (let a = 0; a < n; a++)
      if (before[a]![k]) for (let b = 0; b < n; b++) if (before[k]![b]) before[a]![b] = true;
  return before;
}

/** Up to `cap` orders consistent with `before` (depth-first), and whether that is all of them. */
export function linearExtensions(
  before: readonly (readonly boolean[])[],
  cap: number,
): { orders: number[][]; complete: boolean } {
  const n = before.length;
  const orders: number[][] = [];
  const used = new Array<boolean>(n).fill(false);
  const path: number[] = [];
  let complete = true;
  const walk = (): void => {
    if (orders.length >= cap) {
      complete = false;
      return;
    }
    if (path.length === n) {
      orders.push(path.slice());
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      let ready = true;
      for (let j = 0; j < n && ready; j++) if (!used[j] && j !== i && before[j]![i]) ready = false;
      if (!ready) continue;
      used[i] = true;
      path.push(i);
      walk();
      path.pop();
      used[i] = false;
      if (!complete) return;
    }
  };
  walk();
  return { orders, complete };
}
