// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): wire values are uint32, and
// comparisons use the signed 32-bit difference so that wrap-around is handled.

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Signed distance b - a in sequence space, in [-2^31, 2^31). */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(b, a) > 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(b, a) >= 0;
}
