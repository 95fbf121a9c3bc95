// Types of static-headers.mjs (plain JavaScript, because next.config.js reads it too).
export type StaticHeader = { key: string; value: string };
export const SECURITY_HEADERS: readonly StaticHeader[];
export const API_HEADERS: readonly StaticHeader[];
