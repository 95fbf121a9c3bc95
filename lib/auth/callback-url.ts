// Where a visitor may be sent after signing in: a path on this site, never another site. The
// one rule for the sign-in page and NextAuth's redirect callback (lib/auth/options.ts).
//
// Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` or
// `/\evil.example` arrive as `//evil.example`, another host. Rather than guess how each
// browser cleans a URL, anything such cleaning could change is refused: control characters,
// spaces, backslashes, and the same hidden behind percent-encoding.

/** A placeholder origin: a path resolved against it must stay on it. */
const HERE = 'https://ackademy.invalid';

const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\\\u2028\u2029\ufeff]/u;

/** The value after undoing percent-encoding as often as it changes (a few rounds at most). */
function decoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/** `value` as a same-site path (with query and fragment), or null when it is not one. */
export function sameSitePath(value: string): string | null {
  if (!value.startsWith('/') || value.length > 2048 || FORBIDDEN.test(value)) return null;
  // The path once decoded (the query may hold encoded spaces: it names no host).
  const plain = decoded(value.split(/[?#]/, 1)[0] ?? '');
  if (plain === null || FORBIDDEN.test(plain) || /^\/[/\\]/.test(plain)) return null;
  if (value.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return null;
  }
  if (url.origin !== HERE) return null;
  // Re-serialised by the same parser the browser uses: what we return is what it will see.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? null : path;
}

/** A safe post-sign-in destination: the given path when it is same-site, else `/`. */
export function safeCallbackUrl(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return (raw ? sameSitePath(raw) : null) ?? '/';
}

/**
 * NextAuth's redirect callback: `url` may be absolute (NextAuth prefixes the base URL) or a
 * path; either way only a same-site path survives, joined to `baseUrl`.
 */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let candidate = url;
  if (!url.startsWith('/')) {
    try {
      const absolute = new URL(url);
      if (absolute.origin !== new URL(baseUrl).origin) return baseUrl;
      candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
    } catch {
      return baseUrl;
    }
  }
  const path = sameSitePath(candidate);
  return path ? `${baseUrl.replace(/\/$/, '')}${path}` : baseUrl;
}
