// Types of json-depth.mjs (plain JavaScript, because the production server reads it too).
export const MAX_JSON_DEPTH: number;
export function nestsWithin(value: unknown, max?: number): boolean;
