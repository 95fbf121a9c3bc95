// The security headers of every page: a Content-Security-Policy built around a per-request
// nonce, and HSTS when (and only when) the request arrived over HTTPS.
import type { SecurityEnv } from './config';

/** 16 random bytes, base64: unguessable, and a valid CSP nonce-source. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(
  nonce: string,
  options: { https: boolean; development: boolean },
): string {
  const directives = [
    "default-src 'self'",
    // Next.js reads the nonce from this header and puts it on its own inline and bundle
    // scripts; 'strict-dynamic' lets those load the route chunks they import. No
    // 'unsafe-inline': an injected <script> without the nonce does not run. React needs
    // eval only in development (error stacks), never in a production build.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    // Styles need 'unsafe-inline': React renders `style` attributes (ladder diagrams, the
    // cwnd chart, progress bars), which a nonce cannot cover, and browsers ignore
    // 'unsafe-inline' once a nonce is listed, so none is. Injected CSS cannot run code; the
    // script policy above is what stops XSS.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  // Over plain HTTP (a local start) upgrading would break every subresource.
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** HSTS for a year; sent only over HTTPS, where a browser honours it anyway. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Whether this request reached us over HTTPS: a public https:// URL is configured, or a
 * trusted proxy says so in X-Forwarded-Proto. The request URL's own scheme is no evidence:
 * `next start` speaks plain HTTP and derives that scheme from X-Forwarded-Proto itself,
 * which any client can send.
 */
export function servedOverHttps(
  forwardedProto: string | null,
  env: Pick<SecurityEnv, 'trustProxy' | 'publicHttps'>,
): boolean {
  if (env.publicHttps) return true;
  return env.trustProxy && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
