// Next.js configuration: next-intl's request config, and native packages kept out of the bundle.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project; checking again inside
  // `next build` would double the build time on a 2-core machine for no new information.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['@node-rs/argon2', 'better-sqlite3', 'pg'],
};

export default withNextIntl(nextConfig);
