// Rate-limit policies (sign-in, sign-up, answers, joining a class) over the shared database counters, and
// the growing delay after repeated failed sign-ins to one account.
import { createHash } from 'node:crypto';
import { blockRateLimitKey, clearRateLimit, hitRateLimit, readRateLimit } from '@/lib/db';
import { logSecurityEvent } from './security-log';

type Policy = { limit: number; windowSec: number };

/**
 * Per-address policies count only requests whose address is known (the socket's, or a trusted
 * proxy's X-Forwarded-For: lib/security/client-ip.ts). There is no shared bucket for unknown
 * addresses: one client filling it would lock everyone else out.
 * `signin-ip` counts failed sign-ins only, so a class behind one NAT address can sign in.
 */
export const RATE_LIMIT_POLICIES = {
  'signin-ip': { limit: 50, windowSec: 10 * 60 },
  'signin-account': { limit: 20, windowSec: 15 * 60 },
  'signup-ip': { limit: 60, windowSec: 60 * 60 },
  'answer-account': { limit: 120, windowSec: 60 },
  // A visitor's practice answers and next questions, per address (no account to count by).
  'answer-ip': { limit: 120, windowSec: 60 },
  'practice-next-account': { limit: 120, windowSec: 60 },
  'practice-next-ip': { limit: 120, windowSec: 60 },
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
 * Counts one request under `policy` for `subject` (an account id, an email, an address) and
 * says whether it may proceed. A null subject (an address nobody vouches for: `next dev`, or a
 * trusted proxy that named none) is not counted: per-address limits then do not apply, and the
 * per-account ones still do.
 */
export async function checkRateLimit(
  policy: RateLimitPolicy,
  subject: string | null,
  now: Date = new Date(),
): Promise<RateLimitVerdict> {
  if (subject === null) return { ok: true, retryAfterSec: 0 };
  const spec: Policy = RATE_LIMIT_POLICIES[policy];
  const windowMs = spec.windowSec * 1000;
  const row = await hitRateLimit(bucketKey(policy, subject), windowMs, now);
  if (row.count <= spec.limit) return { ok: true, retryAfterSec: 0 };
  // Once per window and subject, so a flood of refusals is one line, not thousands.
  if (row.count === spec.limit + 1)
    logSecurityEvent({ event: 'rate-limit.exceeded', policy }, { now });
  return {
    ok: false,
    retryAfterSec: secondsUntil(new Date(row.windowStart.getTime() + windowMs), now),
  };
}

/**
 * Whether `subject` has used up `policy` already, without counting this request: for limits
 * that count only failures (`signin-ip`), checked before the attempt and hit after a failure.
 */
export async function rateLimitReached(
  policy: RateLimitPolicy,
  subject: string | null,
  now: Date = new Date(),
): Promise<RateLimitVerdict> {
  if (subject === null) return { ok: true, retryAfterSec: 0 };
  const spec: Policy = RATE_LIMIT_POLICIES[policy];
  const windowMs = spec.windowSec * 1000;
  const row = await readRateLimit(bucketKey(policy, subject));
  if (!row || row.count < spec.limit) return { ok: true, retryAfterSec: 0 };
  const windowEnd = row.windowStart.getTime() + windowMs;
  if (windowEnd <= now.getTime()) return { ok: true, retryAfterSec: 0 };
  return { ok: false, retryAfterSec: secondsUntil(new Date(windowEnd), now) };
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
