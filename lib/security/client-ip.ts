// The address a request came from, for per-address rate limits. Next.js gives route handlers
// and server actions no socket, so it comes from a header, and only from one that someone we
// trust wrote:
// - behind TRUST_PROXY=N proxies, X-Forwarded-For, read from the right where they appended;
// - otherwise the socket's own address, which scripts/start.mjs copies into
//   `x-ackademy-socket-address` on every request (overwriting whatever a client sent) and
//   announces with ACKADEMY_SOCKET_ADDRESS_HEADER=1. Without that flag (`next dev`, another
//   server) the header may be the client's own invention and is ignored: no address is known.
import { isIP } from 'node:net';
import type { SecurityEnv } from './config';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export const SOCKET_ADDRESS_HEADER = 'x-ackademy-socket-address';

function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

/** An address as one bucket key: ports and brackets dropped, IPv4-mapped IPv6 as IPv4. */
function normalizeAddress(candidate: string): string | null {
  const bare = candidate
    .trim()
    .replace(/^\[|\](:\d+)?$/g, '')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(bare) ? bare.toLowerCase() : null;
}

/** The client's address, or null when nobody we trust named it. */
export function clientIp(
  source: HeaderSource,
  env: Pick<SecurityEnv, 'proxyHops'> & Partial<Pick<SecurityEnv, 'socketAddressHeader'>>,
): string | null {
  if (env.proxyHops <= 0) {
    const socket = env.socketAddressHeader ? header(source, SOCKET_ADDRESS_HEADER) : null;
    return socket ? normalizeAddress(socket) : null;
  }
  const chain = (header(source, 'x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  // With N trusted proxies the last N entries were written by them; the N-th from the end
  // is the address the outermost one saw. Anything left of it is the client's own claim.
  const candidate = chain[chain.length - env.proxyHops];
  return candidate ? normalizeAddress(candidate) : null;
}
