// NextAuth (v4) configuration: email + password always, OAuth/OIDC providers when their
// environment variables are set. Sessions are signed JWT cookies carrying only the user id
// and the session version; roles are read from the database on every check.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { createUser, db, findUserByEmail, normalizeEmail } from '@/lib/db';
import { oauthProviders, parseEnv } from '@/lib/env';
import { authorizeCredentials } from './authorize';
import { secureCookiesWanted, sessionCookies } from './cookies';
import { SESSION_MAX_AGE_SEC } from './session-token';

type OidcProfile = { sub: string; email?: string; name?: string; email_verified?: boolean };

function oauthList() {
  const configured = oauthProviders(parseEnv());
  const list: NextAuthOptions['providers'] = [];
  if (configured.github) {
    list.push(
      GitHubProvider({ clientId: configured.github.id, clientSecret: configured.github.secret }),
    );
  }
  if (configured.google) {
    list.push(
      GoogleProvider({ clientId: configured.google.id, clientSecret: configured.google.secret }),
    );
  }
  if (configured.oidc) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: 'oidc',
      name: configured.oidc.name,
      type: 'oauth',
      wellKnown: `${configured.oidc.issuer}/.well-known/openid-configuration`,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: configured.oidc.id,
      clientSecret: configured.oidc.secret,
      profile: (profile) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? null,
      }),
    };
    list.push(oidc);
  }
  return list;
}

/** Links an OAuth identity to the account with the same email, creating one if needed. */
async function linkOAuthAccount(
  provider: string,
  providerAccountId: string,
  email: string,
  name: string | null,
) {
  const client = await db();
  const linked = await client.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  if (linked) return linked.userId;
  const user =
    (await findUserByEmail(email)) ?? (await createUser({ email, name, passwordHash: null }));
  await client.account.create({ data: { userId: user.id, provider, providerAccountId } });
  return user.id;
}

export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SEC },
    useSecureCookies: secureCookiesWanted(),
    cookies: sessionCookies(),
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        // Rate limits and growing delays live in authorize.ts; `req.headers` carries the
        // proxy's X-Forwarded-For for the per-address limit.
        authorize: (raw, req) => authorizeCredentials(raw, req.headers ?? {}),
      }),
      ...oauthList(),
    ],
    callbacks: {
      async signIn({ account, user }) {
        if (!account || account.type === 'credentials') return true;
        // OAuth: only providers that return an email can be linked to an account.
        return typeof user.email === 'string' && user.email.includes('@');
      },
      async jwt({ token, user, account }) {
        if (account && user) {
          if (account.type === 'credentials') {
            token.uid = user.id;
            token.sv = (user as { sv?: number }).sv ?? 0;
          } else if (user.email) {
            const uid = await linkOAuthAccount(
              account.provider,
              account.providerAccountId,
              normalizeEmail(user.email),
              user.name ?? null,
            );
            const linked = await (
              await db()
            ).user.findUnique({ where: { id: uid }, select: { sessionVersion: true } });
            token.uid = uid;
            token.sv = linked?.sessionVersion ?? 0;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === 'string') {
          session.user = {
            ...session.user,
            id: token.uid,
            sv: typeof token.sv === 'number' ? token.sv : 0,
          };
        }
        return session;
      },
    },
  };
}

/** Which sign-in buttons the sign-in page shows. */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  const configured = oauthProviders(parseEnv());
  const list: { id: string; name: string }[] = [];
  if (configured.github) list.push({ id: 'github', name: 'GitHub' });
  if (configured.google) list.push({ id: 'google', name: 'Google' });
  if (configured.oidc) list.push({ id: 'oidc', name: configured.oidc.name });
  return list;
}
