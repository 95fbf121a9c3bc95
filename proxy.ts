// Runs before every page and route handler: a fresh CSP nonce per request (Next.js reads it
// from the request's Content-Security-Policy header and stamps its scripts with it) and HSTS
// over HTTPS. Static headers (nosniff, referrer, permissions) live in next.config.js.
import { NextResponse, type NextRequest } from 'next/server';
import { securityEnv } from '@/lib/security/config';
import {
  contentSecurityPolicy,
  createNonce,
  servedOverHttps,
  STRICT_TRANSPORT_SECURITY,
} from '@/lib/security/headers';

export function proxy(request: NextRequest) {
  const env = securityEnv();
  const https = servedOverHttps(request.headers.get('x-forwarded-proto'), env);
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { https, development: env.development });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    // Hashed static files carry no inline script, and /api answers JSON (its fixed policy is
    // in next.config.js): a nonce would be wasted work on every autosave there. Everything
    // else, /favicon.ico's 404 included, gets the page policy.
    '/((?!_next/static|_next/image|api/).*)',
  ],
};
