// When a kernel timer really fires. Linux timers sit on the non-cascading timer wheel
// (kernel/time/timer.c): an expiry d jiffies ahead is rounded UP to the granularity of the
// wheel level it lands in (calc_wheel_index/calc_index: `(expires + LVL_GRAN) >> LVL_SHIFT`).
// With CONFIG_HZ=250 (the recordings' kernel) a 1 s SYN timer fires after 1.024 s, 2 s after
// 2.016 s, 4 s after up to 4.256 s (FIDELITY §0.3). hz = 0 gives exact (textbook) times.

const LVL_CLK_SHIFT = 3;
const LVL_BITS = 6;
const LVL_SIZE = 1 << LVL_BITS;
const LVL_DEPTH = 9;

/** Smallest delay (in jiffies) that lands on level `lvl` (LVL_START in timer.c). */
function lvlStart(lvl: number): number {
  return (LVL_SIZE - 1) << ((lvl - 1) * LVL_CLK_SHIFT);
}

/** Convert a delay in seconds to whole jiffies, rounding up like usecs_to_jiffies(). */
export function toJiffies(seconds: number, hz: number): number {
  return Math.ceil(seconds * hz - 1e-9);
}

/**
 * Absolute virtual time at which a timer armed at `now` for `delay` seconds fires. Jiffy
 * boundaries fall at `phase + k / hz` (the kernel's tick is not aligned with the programs'
 * time 0).
 */
export function timerFireTime(now: number, delay: number, hz: number, phase = 0): number {
  if (hz <= 0) return now + delay;
  const nowJ = Math.floor((now - phase) * hz + 1e-9);
  const d = Math.max(0, toJiffies(delay, hz));
  const expires = nowJ + d;
  let lvl = 0;
  while (lvl < LVL_DEPTH - 1 && d >= lvlStart(lvl + 1)) lvl++;
  const shift = lvl * LVL_CLK_SHIFT;
  const gran = 1 << shift;
  const bucket = Math.floor((expires + gran) / gran) * gran;
  return phase + bucket / hz;
}

/** tcp_model_timeout: ((2 << b) - 1)·base while doubling stays under rto_max, then +rto_max per retry. */
export function modelTimeout(boundary: number, rtoBase: number, rtoMax: number): number {
  const thresh = Math.floor(Math.log2(rtoMax / rtoBase));
  if (boundary <= thresh) return ((2 << boundary) - 1) * rtoBase;
  return ((2 << thresh) - 1) * rtoBase + (boundary - thresh) * rtoMax;
}
