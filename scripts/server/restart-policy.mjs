// When the supervisor (scripts/start.mjs) starts the serving process again after it died: at
// once the first time, then after doubling delays, and not at all after too many deaths in a
// short window (a server that cannot stay up needs a person, not a loop).

/**
 * @param {{ maxCrashes?: number, windowMs?: number, firstDelayMs?: number, maxDelayMs?: number }} [options]
 */
export function createRestartPolicy({
  maxCrashes = 5,
  windowMs = 60_000,
  firstDelayMs = 250,
  maxDelayMs = 8_000,
} = {}) {
  /** @type {number[]} */
  let crashes = [];
  return {
    /**
     * Records a death at `nowMs`; returns the delay before the next start, or null to give up.
     * @param {number} nowMs
     * @returns {number | null}
     */
    crashed(nowMs) {
      crashes = [...crashes.filter((at) => nowMs - at < windowMs), nowMs];
      if (crashes.length > maxCrashes) return null;
      return Math.min(maxDelayMs, firstDelayMs * 2 ** (crashes.length - 1));
    },
    /** Deaths inside the window, for the log. */
    recent: () => crashes.length,
  };
}
