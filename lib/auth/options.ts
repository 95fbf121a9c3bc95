// NextAuth (v4) configuration: email + password always, OAuth/OIDC providers when their
// environment variables are set. Sessions are encrypted JWT cookies carrying the user id, the
// session version and the session id; a token is honoured only while its server-side session
// lives (lib/auth/session-token.ts), so signing out ends it. Roles are read on every check.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { deleteUserSession, findUserById, linkOAuthIdentity, oauthIdentityLinked } from '@/lib/db';
import { oauthProviders, parseEnv } from '@/lib/env';
import { logSecurityEvent } from '@/lib/security/security-log';
import { authorizeCredentials } from './authorize';
import { safeRedirect } from './callback-url';
import { secureCookiesWanted, sessionCookies } from './cookies';
import { acceptableName } from './credentials';
import { githubEmailSchema, oauthLinkDecision } from './oauth-linking';
import { liveSessionUser, SESSION_MAX_AGE_SEC, startSession } from './session-token';

type OidcProfile = { sub: string; email?: string; name?: string; email_verified?: boolean };

function oauthList() {
  const configured = oauthProviders(parseEnv());
  const list: NextAuthOptions['providers'] = [];
  if (configured.github) {
    const github = GitHubProvider({
      clientId: configured.github.id,
      clientSecret: configured.github.secret,
    });
    list.push({
      ...github,
      // GitHub's profile email is whatever the user typed as public; which addresses GitHub
      // verified is only in GET /user/emails (scope user:email, which the provider asks for).
      // The list goes into the profile for the linking decision (./oauth-linking.ts).
      userinfo: {
        url: 'https://api.github.com/user',
        async request({ client, tokens }) {
          const profile = await client.userinfo(tokens.access_token ?? '');
          const response = await fetch('https://api.github.com/user/emails', {
            headers: {
              Authorization: `Bearer ${tokens.access_token ?? ''}`,
              Accept: 'application/vnd.github+json',
            },
          });
          const emails = z
            .array(githubEmailSchema)
            .safeParse(response.ok ? await response.json() : []);
          return { ...profile, emails: emails.success ? emails.data : [] };
        },
      },
    });
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
        name: acceptableName(profile.name),
      }),
    };
    list.push(oidc);
  }
  return list;
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
      async signIn({ account, profile }) {
        if (!account || account.type === 'credentials') return true;
        // An identity seen before is its account's, whatever its email says now; a new one is
        // linked by email only when the provider vouches for that email. `false` shows the
        // sign-in page with error=AccessDenied, which says so.
        if (await oauthIdentityLinked(account.provider, account.providerAccountId)) return true;
        return oauthLinkDecision(account.provider, profile).ok;
      },
      async jwt({ token, user, account, profile }) {
        if (account && user) {
          // Signing in: a new server-side session, named in the token.
          let uid = user.id;
          if (account.type !== 'credentials') {
            const decision = oauthLinkDecision(account.provider, profile);
            uid = await linkOAuthIdentity({
              provider: account.provider,
              providerAccountId: account.providerAccountId,
              // A returning identity is linked already and needs no email.
              email: decision.ok ? decision.email : null,
              name: acceptableName(user.name),
            });
          }
          const current = await findUserById(uid);
          if (!current) throw new Error('the signed-in user does not exist');
          return {
            ...token,
            sub: uid,
            uid,
            sv: current.sessionVersion,
            sid: await startSession(uid),
          };
        }
        // Every later use (`/api/auth/session`): the session must still be live. Throwing makes
        // NextAuth answer with no session and clear the cookie.
        if (!(await liveSessionUser(token))) throw new Error('the session has ended');
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
      redirect: safeRedirect,
    },
    events: {
      // Signing out ends this session on the server too: a copy of the cookie stops working.
      async signOut({ token }) {
        const { sid, uid } = (token ?? {}) as { sid?: unknown; uid?: unknown };
        if (typeof sid === 'string') await deleteUserSession(sid);
        if (typeof uid === 'string') logSecurityEvent({ event: 'auth.signout', userId: uid });
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
