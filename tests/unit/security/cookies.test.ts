// NextAuth's cookie flags: httpOnly and SameSite=Lax always, Secure (and prefixed) on HTTPS.
import { describe, expect, test } from 'vitest';
import { secureCookiesWanted, sessionCookies } from '@/lib/auth/cookies';
import { securityEnv } from '@/lib/security/config';

describe('session cookies', () => {
  test('over plain HTTP: httpOnly, Lax, not Secure, no prefix', () => {
    const cookies = sessionCookies(false);
    for (const cookie of Object.values(cookies)) {
      expect(cookie?.options).toMatchObject({
        httpOnly: true,
        sameSite: 'lax',
        secure: false,
        path: '/',
      });
    }
    expect(cookies.sessionToken?.name).toBe('next-auth.session-token');
  });

  test('over HTTPS: Secure with the prefixes browsers enforce', () => {
    const cookies = sessionCookies(true);
    for (const cookie of Object.values(cookies)) {
      expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true });
    }
    expect(cookies.sessionToken?.name).toBe('__Secure-next-auth.session-token');
    expect(cookies.csrfToken?.name).toBe('__Host-next-auth.csrf-token');
  });

  test('HTTPS is decided by the public URL', () => {
    expect(secureCookiesWanted(securityEnv({ NEXTAUTH_URL: 'https://a.example' }))).toBe(true);
    expect(secureCookiesWanted(securityEnv({ NEXTAUTH_URL: 'http://localhost:3000' }))).toBe(false);
    expect(secureCookiesWanted(securityEnv({}))).toBe(false);
  });
});
