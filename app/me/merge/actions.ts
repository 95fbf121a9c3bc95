'use server';
// Server action: a browser that has just signed in hands over its visitor progress, in
// chunks; rate-limited per account, since each chunk re-grades up to 250 answers.
import { getCurrentUser } from '@/lib/auth';
import { checkRateLimit, rateLimitedMessage } from '@/lib/security';
import { mergeVisitorProgress, type MergeResult } from './merge';

export async function mergeVisitorProgressAction(
  raw: unknown,
): Promise<MergeResult | { ok: false; error: 'signed-out' }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: 'signed-out' };
  const limit = await checkRateLimit('merge-account', user.id);
  if (!limit.ok) {
    return { ok: false, error: 'limited', message: await rateLimitedMessage(limit.retryAfterSec) };
  }
  return mergeVisitorProgress(user.id, raw, new Date());
}
