// Next.js configuration: next-intl's request config, and native packages kept out of the bundle.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const SECURITY_HEADERS = [
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

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project; checking again inside
  // `next build` would double the build time on a 2-core machine for no new information.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['@node-rs/argon2', 'better-sqlite3', 'pg'],
  // Headers that do not depend on the request, on every response (static files included).
  // The per-request CSP nonce and HSTS are set in proxy.ts; docs/SECURITY.md explains each.
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      // JSON and NextAuth's endpoints skip proxy.ts (no page, so no nonce to make): a fixed
      // policy that lets such a response load or run nothing if a browser renders it.
      {
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
