// The OAuth linking decision: a new identity is linked to an account by email only when the
// provider vouches for that email (Google/OIDC `email_verified`, GitHub's verified primary).
import { describe, expect, test } from 'vitest';
import { oauthLinkDecision } from '@/lib/auth/oauth-linking';

const gh = (emails: { email: string; primary: boolean; verified: boolean }[]) => ({
  login: 'octo',
  email: 'public@example.com',
  emails,
});

describe('oauthLinkDecision', () => {
  test.each([
    [
      'google',
      { email: 'A@Example.com', email_verified: true },
      { ok: true, email: 'A@Example.com' },
    ],
    [
      'oidc',
      { email: 'a@example.com', email_verified: 'true' },
      { ok: true, email: 'a@example.com' },
    ],
    [
      'google',
      { email: 'a@example.com', email_verified: false },
      { ok: false, reason: 'email-unverified' },
    ],
    ['google', { email: 'a@example.com' }, { ok: false, reason: 'email-unverified' }],
    [
      'oidc',
      { email: 'a@example.com', email_verified: 'false' },
      { ok: false, reason: 'email-unverified' },
    ],
    [
      'oidc',
      { email: 'a@example.com', email_verified: 1 },
      { ok: false, reason: 'email-unverified' },
    ],
    ['oidc', { email_verified: true }, { ok: false, reason: 'no-email' }],
    ['oidc', { email: 'not an email', email_verified: true }, { ok: false, reason: 'no-email' }],
    ['google', null, { ok: false, reason: 'no-email' }],
    [
      'github',
      gh([
        { email: 'old@example.com', primary: false, verified: true },
        { email: 'main@example.com', primary: true, verified: true },
      ]),
      { ok: true, email: 'main@example.com' },
    ],
    [
      'github',
      gh([
        { email: 'main@example.com', primary: true, verified: false },
        { email: 'other@example.com', primary: false, verified: true },
      ]),
      { ok: false, reason: 'email-unverified' },
    ],
    // The public profile email alone proves nothing.
    ['github', gh([]), { ok: false, reason: 'no-email' }],
    ['github', { email: 'public@example.com' }, { ok: false, reason: 'no-email' }],
    ['github', { emails: 'nonsense' }, { ok: false, reason: 'no-email' }],
    // A provider nobody checked is refused.
    [
      'twitter',
      { email: 'a@example.com', email_verified: true },
      { ok: false, reason: 'email-unverified' },
    ],
  ])('%s %j → %j', (provider, profile, expected) => {
    expect(oauthLinkDecision(provider, profile)).toEqual(expected);
  });
});
