// How many reverse proxies TRUST_PROXY says stand in front of the app: the one reading of it,
// shared by the app (lib/security/config.ts) and the production server (scripts/server/),
// which cannot import TypeScript.

/**
 * Unset, empty, `0`, `false` or anything unreadable: none. `1`, `true`, `yes`: one. `N`: a
 * chain of N (at most 9).
 * @param {string | undefined} raw
 * @returns {number}
 */
export function proxyHops(raw) {
  const value = (raw ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n > 0 && n < 10 ? n : 0;
}
