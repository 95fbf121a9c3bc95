// The credentials check behind NextAuth's sign-in, with its rate limits: failed sign-ins per
// client address, attempts per account, and the growing delay after failed passwords. A
// refusal is thrown as an error whose message NextAuth hands to the sign-in form
// (`rate-limited:<seconds>`), which says "too many attempts", never "wrong password".
import { findCredentials } from '@/lib/db';
import {
  checkRateLimit,
  clearSignInFailures,
  clientIp,
  rateLimitReached,
  recordSignInFailure,
  securityEnv,
  signInDelay,
  type RateLimitVerdict,
} from '@/lib/security';
import { logSecurityEvent } from '@/lib/security/security-log';
import { signInSchema } from './credentials';
import { dummyPasswordHash, verifyPassword } from './password';

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

function refuseUnless(verdict: RateLimitVerdict, address: string | null) {
  if (verdict.ok) return;
  logSecurityEvent({ event: 'auth.signin', outcome: 'throttled' }, { address });
  throw new SignInRateLimitedError(verdict.retryAfterSec);
}

export type AuthorizedUser = { id: string; email: string; name: string | null; sv: number };

/** What checks a password; tests pass a counting one to see that the work never varies. */
export type VerifyPassword = (passwordHash: string, password: string) => Promise<boolean>;

export async function authorizeCredentials(
  raw: unknown,
  headers: Headers | Record<string, string | string[] | undefined>,
  verify: VerifyPassword = verifyPassword,
): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const address = clientIp(headers, securityEnv());
  // Cheap refusals first, before argon2's deliberate cost. The per-address limit counts
  // failures only: it stops one client guessing across accounts without refusing a
  // classroom behind one address.
  refuseUnless(await rateLimitReached('signin-ip', address), address);
  refuseUnless(await signInDelay(email), address);
  refuseUnless(await checkRateLimit('signin-account', email), address);

  const found = await findCredentials(email);
  // An unknown email, or an account without a password, is checked against a dummy hash:
  // the same argon2 work, so the answer's timing does not tell which accounts exist.
  const stored = found?.passwordHash ?? (await dummyPasswordHash());
  const valid = (await verify(stored, parsed.data.password)) && Boolean(found?.passwordHash);
  if (!found || !valid) {
    await checkRateLimit('signin-ip', address);
    // Counted for unknown emails too, so the delay does not tell which accounts exist.
    logSecurityEvent(
      { event: 'auth.signin', outcome: 'failure', ...(found ? { userId: found.user.id } : {}) },
      { address },
    );
    refuseUnless(await recordSignInFailure(email), address);
    return null;
  }
  await clearSignInFailures(email);
  logSecurityEvent(
    { event: 'auth.signin', outcome: 'success', userId: found.user.id },
    { address },
  );
  return {
    id: found.user.id,
    email: found.user.email,
    name: found.user.name,
    sv: found.user.sessionVersion,
  };
}
