// Next.js configuration: next-intl's request config, and native packages kept out of the bundle.
import createNextIntlPlugin from 'next-intl/plugin';
import { API_HEADERS, SECURITY_HEADERS } from './lib/security/static-headers.mjs';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

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
      { source: '/api/:path*', headers: API_HEADERS },
    ];
  },
};

export default withNextIntl(nextConfig);
