// Cross-site request forgery check for route handlers that change state. Server actions
// need none of this: Next.js compares their Origin with the Host itself. Route handlers get
// no such check, so every mutating one calls `checkSameOrigin` first.
import type { SecurityEnv } from './config';

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * The origins this app is served from: the configured public URL, and the Host the request
 * was sent to (with X-Forwarded-Host/-Proto when the proxy is trusted).
 */
export function expectedOrigins(
  headers: Headers,
  requestUrl: string,
  env: Pick<SecurityEnv, 'trustProxy'>,
  publicUrl: string | undefined,
): Set<string> {
  const origins = new Set<string>();
  const configured = publicUrl ? originOf(publicUrl) : null;
  if (configured) origins.add(configured);
  const url = originOf(requestUrl);
  if (url) origins.add(url);
  const forwardedHost = env.trustProxy ? headers.get('x-forwarded-host') : null;
  const host = forwardedHost?.split(',')[0]?.trim() || headers.get('host');
  if (host) {
    const forwardedProto = env.trustProxy
      ? headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
      : null;
    const proto = forwardedProto || new URL(requestUrl).protocol.replace(':', '');
    const fromHost = originOf(`${proto}://${host}`);
    if (fromHost) origins.add(fromHost);
  }
  return origins;
}

/**
 * Refuses a state-changing request that a browser marked as coming from another site.
 * Browsers send Sec-Fetch-Site and (on POST) Origin; a request carrying neither did not come
 * from a browser page, so it cannot ride on a visitor's cookies, and is let through.
 */
export function checkSameOrigin(
  request: { method: string; url: string; headers: Headers },
  env: Pick<SecurityEnv, 'trustProxy'>,
  publicUrl: string | undefined = process.env.NEXTAUTH_URL,
): OriginVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const site = request.headers.get('sec-fetch-site');
  // 'none' is a user typing or bookmarking: not something another site can cause.
  if (site && site !== 'same-origin' && site !== 'none') {
    return { ok: false, reason: `sec-fetch-site: ${site}` };
  }
  const origin = request.headers.get('origin');
  if (origin === null) return { ok: true };
  // Sandboxed frames and privacy-sensitive redirects send the literal "null".
  if (origin === 'null') return { ok: false, reason: 'origin: null' };
  const expected = expectedOrigins(request.headers, request.url, env, publicUrl);
  const actual = originOf(origin);
  if (actual && expected.has(actual)) return { ok: true };
  return { ok: false, reason: `origin: ${origin}` };
}
