// Rate-limit policies (sign-in, sign-up, answers, joining a class) over the shared database counters, and
// the growing delay after repeated failed sign-ins to one account.
import { createHash } from 'node:crypto';
import { blockRateLimitKey, clearRateLimit, hitRateLimit, readRateLimit } from '@/lib/db';

type Policy = {
  limit: number;
  windowSec: number;
  /**
   * For per-address policies: when no trusted proxy names the address, every such request
   * shares one bucket with this larger limit, a circuit breaker rather than nothing.
   */
  unknownAddressLimit?: number;
};

export const RATE_LIMIT_POLICIES = {
  'signin-ip': { limit: 30, windowSec: 10 * 60, unknownAddressLimit: 300 },
  'signin-account': { limit: 20, windowSec: 15 * 60 },
  'signup-ip': { limit: 10, windowSec: 60 * 60, unknownAddressLimit: 100 },
  'answer-account': { limit: 120, windowSec: 60 },
  // A visitor's practice answers and next questions, per address (no account to count by).
  'answer-ip': { limit: 120, windowSec: 60, unknownAddressLimit: 1200 },
  'practice-next-account': { limit: 120, windowSec: 60 },
  'practice-next-ip': { limit: 120, windowSec: 60, unknownAddressLimit: 1200 },
  // A merge is sent in chunks of 250 answers or ratings (2,000 of each: 16 requests).
  'merge-account': { limit: 40, windowSec: 10 * 60 },
  // Joining a class, right code or wrong (every try is counted before the code is looked
  // up, so parallel guesses cannot slip past). A student joins a few classes a term; a
  // lecture hall behind one NAT address joins a few hundred times in its first minutes.
  'join-account': { limit: 20, windowSec: 60 * 60 },
  'join-ip': { limit: 600, windowSec: 10 * 60 },
} as const satisfies Record<string, Policy>;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;

export type RateLimitVerdict = { ok: boolean; retryAfterSec: number };

/** Emails and addresses are stored hashed: the table need not hold personal data. */
function bucketKey(policy: string, subject: string): string {
  const digest = createHash('sha256').update(subject).digest('base64url').slice(0, 32);
  return `${policy}:${digest}`;
}

function secondsUntil(when: Date, now: Date): number {
  return Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 1000));
}

/**
 * The counter of `policy` for `subject`, for a caller that counts the hit in its own
 * transaction (the autosave: one commit for the count and the answer).
 */
export function rateLimitCounter(
  policy: RateLimitPolicy,
  subject: string,
): { key: string; windowMs: number; limit: number } {
  const spec: Policy = RATE_LIMIT_POLICIES[policy];
  return { key: bucketKey(policy, subject), windowMs: spec.windowSec * 1000, limit: spec.limit };
}

/**
 * Counts one request under `policy` for `subject` (an account id, an email, an address;
 * null for an address no trusted proxy named) and says whether it may proceed.
 */
export async function checkRateLimit(
  policy: RateLimitPolicy,
  subject: string | null,
  now: Date = new Date(),
): Promise<RateLimitVerdict> {
  const spec: Policy = RATE_LIMIT_POLICIES[policy];
  const limit = subject === null ? (spec.unknownAddressLimit ?? spec.limit) : spec.limit;
  const windowMs = spec.windowSec * 1000;
  const row = await hitRateLimit(bucketKey(policy, subject ?? 'unknown'), windowMs, now);
  if (row.count <= limit) return { ok: true, retryAfterSec: 0 };
  return {
    ok: false,
    retryAfterSec: secondsUntil(new Date(row.windowStart.getTime() + windowMs), now),
  };
}

/** Failed sign-ins to one account before delays start, and the longest delay. */
export const SIGN_IN_FAILURES = { free: 5, maxDelaySec: 15 * 60, forgetAfterSec: 24 * 60 * 60 };

/** 2^n seconds after the n-th consecutive failure (n ≥ 5: 32 s, 64 s, …), at most 15 min. */
export function signInDelaySec(failures: number): number {
  if (failures < SIGN_IN_FAILURES.free) return 0;
  return Math.min(2 ** Math.min(failures, 30), SIGN_IN_FAILURES.maxDelaySec);
}

const failureKey = (email: string) => bucketKey('signin-failures', email.trim().toLowerCase());

/** Whether the account is in a delay after failed sign-ins (checked before the password). */
export async function signInDelay(
  email: string,
  now: Date = new Date(),
): Promise<RateLimitVerdict> {
  const row = await readRateLimit(failureKey(email));
  if (row?.blockedUntil && row.blockedUntil > now) {
    return { ok: false, retryAfterSec: secondsUntil(row.blockedUntil, now) };
  }
  return { ok: true, retryAfterSec: 0 };
}

/**
 * Records a failed sign-in for `email` (whether or not such an account exists, so the
 * delay reveals nothing) and starts the delay it earns. Returns that delay.
 */
export async function recordSignInFailure(
  email: string,
  now: Date = new Date(),
): Promise<RateLimitVerdict> {
  const key = failureKey(email);
  const row = await hitRateLimit(key, SIGN_IN_FAILURES.forgetAfterSec * 1000, now);
  const delay = signInDelaySec(row.count);
  if (delay === 0) return { ok: true, retryAfterSec: 0 };
  await blockRateLimitKey(key, new Date(now.getTime() + delay * 1000));
  return { ok: false, retryAfterSec: delay };
}

/** A successful sign-in forgets the failures before it. */
export async function clearSignInFailures(email: string): Promise<void> {
  await clearRateLimit(failureKey(email));
}
