// The environment the security layer reads (proxy trust, HTTPS), validated with zod once per
// call so tests can pass their own environment.
import { z } from 'zod';
import { proxyHops } from './proxy-hops.mjs';

/** Unset/0/false: no proxy. 1/true/yes: one proxy. N: N proxies in a chain. */
const hops = z.string().optional().transform(proxyHops);

const securityEnvSchema = z.object({
  /** The app runs behind that many reverse proxies that set X-Forwarded-For/-Proto/-Host. */
  TRUST_PROXY: hops,
  /** The public URL; an https:// URL means the app is served over HTTPS (HSTS, secure cookies). */
  NEXTAUTH_URL: z.string().optional(),
  /** '1' when the server in front of Next.js (scripts/start.mjs) puts the socket's address in a header. */
  ACKADEMY_SOCKET_ADDRESS_HEADER: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export type SecurityEnv = {
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For (0 when none is trusted). */
  proxyHops: number;
  /** The `x-ackademy-socket-address` header was written by our own server and may be read. */
  socketAddressHeader: boolean;
  publicHttps: boolean;
  development: boolean;
};

export function securityEnv(source: Record<string, string | undefined> = process.env): SecurityEnv {
  const parsed = securityEnvSchema.parse({
    TRUST_PROXY: source.TRUST_PROXY,
    NEXTAUTH_URL: source.NEXTAUTH_URL,
    ACKADEMY_SOCKET_ADDRESS_HEADER: source.ACKADEMY_SOCKET_ADDRESS_HEADER,
    NODE_ENV: source.NODE_ENV,
  });
  return {
    trustProxy: parsed.TRUST_PROXY > 0,
    proxyHops: parsed.TRUST_PROXY,
    socketAddressHeader: parsed.ACKADEMY_SOCKET_ADDRESS_HEADER === '1',
    publicHttps: (parsed.NEXTAUTH_URL ?? '').trim().toLowerCase().startsWith('https://'),
    development: parsed.NODE_ENV === 'development',
  };
}
