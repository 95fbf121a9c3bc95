// Response headers that do not depend on the request. Plain JavaScript because next.config.js
// reads it as well as the app: Next.js sets these on everything it serves, and the production
// server's quiz API (lib/quiz-api/node.ts) sets the same on the answers it sends itself.
// docs/SECURITY.md explains each.

/** On every response, static files included. */
export const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // For browsers that predate CSP's frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Features the app never uses, refused for it and anything it might embed.
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  },
];

/**
 * On /api/*: JSON and NextAuth's endpoints skip proxy.ts (no page, so no nonce to make), and
 * get a fixed policy that lets such a response load or run nothing if a browser renders it.
 */
export const API_HEADERS = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
];
