// The address a request came from, for per-address rate limits. Next.js gives route
// handlers and server actions no socket address, so the only source is X-Forwarded-For,
// which anyone can forge unless a proxy we trust wrote it: it is read only when TRUST_PROXY
// says how many proxies stand in front, and then from the right, where they appended.
import { isIP } from 'node:net';
import type { SecurityEnv } from './config';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

/** The client's address, or null when no trusted proxy named it. */
export function clientIp(source: HeaderSource, env: Pick<SecurityEnv, 'proxyHops'>): string | null {
  if (env.proxyHops <= 0) return null;
  const chain = (header(source, 'x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  // With N trusted proxies the last N entries were written by them; the N-th from the end
  // is the address the outermost one saw. Anything left of it is the client's own claim.
  const candidate = chain[chain.length - env.proxyHops];
  if (!candidate) return null;
  const bare = candidate.replace(/^\[|\](:\d+)?$/g, '').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  return isIP(bare) ? bare.toLowerCase() : null;
}
