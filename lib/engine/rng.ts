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

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(initial: RngState) {
    this.a = initial.a >>> 0;
    this.b = initial.b >>> 0;
    this.c = initial.c >>> 0;
    this.d = initial.d >>> 0;
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    const c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (c + t) >>> 0;
    return t;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  state(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }
}

export function createRngFromState(initial: RngState): Rng {
  return new Sfc32(initial);
}

/** A generator seeded from a number or string; the same seed always gives the same stream. */
export function createRng(seed: string | number): Rng {
  const s = hashSeed(seed);
  const rng = createRngFromState({ a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: s });
  // Discard the first outputs so that close seeds diverge (standard sfc32 warm-up).
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}
