// NextAuth's cookies, spelled out so their flags are ours to check: httpOnly (no script can
// read a session), SameSite=Lax (not sent on cross-site POSTs), Secure whenever the public
// URL is https:// — with the __Secure-/__Host- prefixes browsers enforce for such cookies.
import type { CookiesOptions } from 'next-auth';
import { securityEnv } from '@/lib/security/config';

export function secureCookiesWanted(env = securityEnv()): boolean {
  return env.publicHttps;
}

function cookie(name: string, secure: boolean) {
  return { name, options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure } };
}

export function sessionCookies(secure = secureCookiesWanted()): Partial<CookiesOptions> {
  const prefix = secure ? '__Secure-' : '';
  return {
    sessionToken: cookie(`${prefix}next-auth.session-token`, secure),
    callbackUrl: cookie(`${prefix}next-auth.callback-url`, secure),
    csrfToken: cookie(`${secure ? '__Host-' : ''}next-auth.csrf-token`, secure),
  };
}
