// How deeply parsed JSON nests, checked without recursion: code that walks a value recursively
// (React's decoding of server-action arguments, validators, JSON.stringify) overflows the
// stack on a value nested a few thousand levels deep, which a small body can hold.
// Plain JavaScript because the production server (scripts/server) checks bodies with it too.

/** No legitimate body nests deeper than this (a quiz with its slots and params is about 6). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` nests at most `max` arrays or objects deep.
 * @param {unknown} value
 * @param {number} [max]
 */
export function nestsWithin(value, max = MAX_JSON_DEPTH) {
  /** @type {[unknown, number][]} */
  const stack = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = /** @type {[unknown, number]} */ (stack.pop());
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > max) return false;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return true;
}
