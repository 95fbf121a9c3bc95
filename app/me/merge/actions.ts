'use server';
// Server action: a browser that has just signed in hands over its visitor progress.
import { getCurrentUser } from '@/lib/auth';
import { mergeVisitorProgress, type MergeResult } from './merge';

export async function mergeVisitorProgressAction(
  raw: unknown,
): Promise<MergeResult | { ok: false; error: 'signed-out' }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: 'signed-out' };
  return mergeVisitorProgress(user.id, raw, new Date());
}
