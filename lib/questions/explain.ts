// Building blocks of the step-by-step explanations: numbered steps and sequence arithmetic
// written out the way a learner checks it ("ack = 2046 + 1 = 2047"), modulo 2^32.

/** Sequence arithmetic is modulo 2^32 (RFC 9293 §3.4). */
export function mod32(n: number): number {
  const m = n % 4294967296;
  return m < 0 ? m + 4294967296 : m;
}

/** "a + b = c" for an explanation, noting the wrap-around when the sum passes 2^32. */
export function sumText(a: number, b: number): string {
  const c = mod32(a + b);
  return `${a} + ${b} = ${c}${a + b >= 4294967296 ? ' (mod 2^32)' : ''}`;
}

/** Numbered steps, one per line. */
export function steps(lines: readonly string[]): string {
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}
