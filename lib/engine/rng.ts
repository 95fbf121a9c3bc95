// Seeded PRNG (sfc32) with serialisable state, and a string/number → 32-bit seed hash.
// The engine and the question generators draw every random value from here.

export interface RngState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Uniform float in [lo, hi). */
  float(lo: number, hi: number): number;
  /** Snapshot of the internal state; `createRngFromState` resumes from it. */
  state(): RngState;
}

/** FNV-1a over the UTF-16 code units of a string (or the decimal form of a number), then mixed. */
export function hashSeed(input: string | number): number {
  const text = typeof input === 'number' ? String(input) : input;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function createRngFromState(initial: RngState): Rng {
  let a = initial.a >>> 0;
  let b = initial.b >>> 0;
  let c = initial.c >>> 0;
  let d = initial.d >>> 0;
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = (): number => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    float: (lo, hi) => lo + next() * (hi - lo),
    state: () => ({ a, b, c, d }),
  };
}

/** A generator seeded from a number or string; the same seed always gives the same stream. */
export function createRng(seed: string | number): Rng {
  const s = hashSeed(seed);
  const rng = createRngFromState({ a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: s });
  // Discard the first outputs so that close seeds diverge (standard sfc32 warm-up).
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}
