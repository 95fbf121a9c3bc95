// Types of proxy-hops.mjs (plain JavaScript, because the production server reads it too).
export function proxyHops(raw: string | undefined): number;
