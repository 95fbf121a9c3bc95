// The credentials check behind NextAuth's sign-in, with its rate limits: per address, per
// account, and the growing delay after failed passwords. A refusal is thrown as an error
// whose message NextAuth hands to the sign-in form (`rate-limited:<seconds>`).
import { findCredentials } from '@/lib/db';
import {
  checkRateLimit,
  clearSignInFailures,
  clientIp,
  recordSignInFailure,
  securityEnv,
  signInDelay,
  type RateLimitVerdict,
} from '@/lib/security';
import { signInSchema } from './credentials';
import { verifyPassword } from './password';

export const RATE_LIMITED_PREFIX = 'rate-limited:';

export class SignInRateLimitedError extends Error {
  override name = 'SignInRateLimitedError';
  constructor(readonly retryAfterSec: number) {
    super(`${RATE_LIMITED_PREFIX}${retryAfterSec}`);
  }
}

/** The seconds to wait named by a NextAuth error code, or null for any other error. */
export function parseRateLimitedError(code: string | null | undefined): number | null {
  if (!code?.startsWith(RATE_LIMITED_PREFIX)) return null;
  const seconds = Number.parseInt(code.slice(RATE_LIMITED_PREFIX.length), 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

function refuseUnless(verdict: RateLimitVerdict) {
  if (!verdict.ok) throw new SignInRateLimitedError(verdict.retryAfterSec);
}

export type AuthorizedUser = { id: string; email: string; name: string | null; sv: number };

export async function authorizeCredentials(
  raw: unknown,
  headers: Headers | Record<string, string | string[] | undefined>,
): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  // Cheap refusals first, before argon2's deliberate cost.
  refuseUnless(await checkRateLimit('signin-ip', clientIp(headers, securityEnv())));
  refuseUnless(await signInDelay(email));
  refuseUnless(await checkRateLimit('signin-account', email));

  const found = await findCredentials(email);
  const valid = found?.passwordHash
    ? await verifyPassword(found.passwordHash, parsed.data.password)
    : false;
  if (!found || !valid) {
    // Counted for unknown emails too, so the delay does not tell which accounts exist.
    refuseUnless(await recordSignInFailure(email));
    return null;
  }
  await clearSignInFailures(email);
  return {
    id: found.user.id,
    email: found.user.email,
    name: found.user.name,
    sv: found.user.sessionVersion,
  };
}
