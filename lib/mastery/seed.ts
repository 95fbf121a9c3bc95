// Deterministic seeds for practice questions: a hash of who asks, which template and the
// position in the learner's history, so a reload shows the same question and a retry of a
// mistaken template gets different numbers.

/** 32-bit FNV-1a of the parts joined by "|"; a positive integer below 2^31. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Questions accept any integer seed; a positive 31-bit one prints well in URLs and logs.
  return h & 0x7fffffff || 1;
}
