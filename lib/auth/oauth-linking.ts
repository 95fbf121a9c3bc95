// Whether an OAuth/OIDC sign-in may use the email its provider reports: an identity seen for
// the first time is linked to the account with that email (or creates one), so the provider
// must vouch that the email is its user's — or anyone could claim an account by typing its
// address into a provider that does not check. A pure decision, tested as such.
import { z } from 'zod';

/** One entry of GitHub's GET /user/emails (fetched with the user:email scope). */
export const githubEmailSchema = z.object({
  email: z.string(),
  primary: z.boolean(),
  verified: z.boolean(),
});
export type GitHubEmail = z.infer<typeof githubEmailSchema>;

export type LinkDecision =
  { ok: true; email: string } | { ok: false; reason: 'no-email' | 'email-unverified' };

const verifiedFlag = z.union([z.boolean(), z.literal('true').transform(() => true)]);

const oidcProfileSchema = z.object({
  email: z.string().optional(),
  // Some providers send the flag as the string "true" (JSON in a JWT claim set).
  email_verified: z.unknown().optional(),
});

const githubProfileSchema = z.object({
  emails: z.array(githubEmailSchema).optional(),
});

function isEmail(value: string | undefined): value is string {
  return typeof value === 'string' && z.string().email().safeParse(value.trim()).success;
}

/**
 * The email (trimmed; lib/db normalises its case) an OAuth sign-in may be linked by, or why none may be.
 * - Google and OIDC: the ID token's / userinfo's `email`, only with `email_verified` true.
 * - GitHub: the account's primary email, only when GitHub marks it verified; the profile's
 *   public email is ignored (a user can set any address there). The emails list comes from
 *   GET /user/emails, which options.ts fetches into the profile.
 * Any other provider is refused: it has not been checked.
 */
export function oauthLinkDecision(provider: string, profile: unknown): LinkDecision {
  if (provider === 'github') {
    const parsed = githubProfileSchema.safeParse(profile);
    const emails = parsed.success ? (parsed.data.emails ?? []) : [];
    const primary = emails.find((entry) => entry.primary);
    if (!primary || !isEmail(primary.email)) return { ok: false, reason: 'no-email' };
    if (!primary.verified) return { ok: false, reason: 'email-unverified' };
    return { ok: true, email: primary.email.trim() };
  }
  if (provider === 'google' || provider === 'oidc') {
    const parsed = oidcProfileSchema.safeParse(profile);
    if (!parsed.success || !isEmail(parsed.data.email)) return { ok: false, reason: 'no-email' };
    const verified = verifiedFlag.safeParse(parsed.data.email_verified);
    if (!verified.success || verified.data !== true) {
      return { ok: false, reason: 'email-unverified' };
    }
    return { ok: true, email: parsed.data.email.trim() };
  }
  return { ok: false, reason: 'email-unverified' };
}
