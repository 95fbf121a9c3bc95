// Changing one's own password: the current password is checked (under the same growing
// delay as sign-in, since it is a password oracle too), the new one hashed with argon2id,
// and the session version bumped so every other session ends.
import { z } from 'zod';
import { changeUserPassword, findPasswordHash, type UserDto } from '@/lib/db';
import { recordSignInFailure, signInDelay } from '@/lib/security';
import { logSecurityEvent } from '@/lib/security/security-log';
import { newPasswordProblem, passwordSchema } from './credentials';
import { hashPassword, verifyPassword } from './password';

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, 'current-wrong').max(128, 'current-wrong'),
    next: passwordSchema,
    confirm: z.string().max(128, 'mismatch'),
  })
  .refine((v) => v.next === v.confirm, { message: 'mismatch', path: ['confirm'] });

export type ChangePasswordField = 'current' | 'next' | 'confirm';

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; field: ChangePasswordField; code: string }
  | { ok: false; field: null; code: 'rate-limited'; retryAfterSec: number }
  | { ok: false; field: null; code: 'no-password' };

export async function changePassword(user: UserDto, input: unknown): Promise<ChangePasswordResult> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return {
      ok: false,
      field: field === 'current' || field === 'confirm' ? field : 'next',
      code: issue?.message ?? 'invalid',
    };
  }
  const delay = await signInDelay(user.email);
  if (!delay.ok) {
    return { ok: false, field: null, code: 'rate-limited', retryAfterSec: delay.retryAfterSec };
  }
  const stored = await findPasswordHash(user.id);
  if (!stored) return { ok: false, field: null, code: 'no-password' };
  if (!(await verifyPassword(stored, parsed.data.current))) {
    logSecurityEvent({ event: 'auth.password-change', outcome: 'failure', userId: user.id });
    const after = await recordSignInFailure(user.email);
    if (!after.ok) {
      return { ok: false, field: null, code: 'rate-limited', retryAfterSec: after.retryAfterSec };
    }
    return { ok: false, field: 'current', code: 'current-wrong' };
  }
  if (parsed.data.next === parsed.data.current) return { ok: false, field: 'next', code: 'same' };
  const problem = await newPasswordProblem(parsed.data.next);
  if (problem) return { ok: false, field: 'next', code: problem };
  const sessionVersion = await changeUserPassword({
    userId: user.id,
    passwordHash: await hashPassword(parsed.data.next),
    actorId: user.id,
  });
  logSecurityEvent({ event: 'auth.password-change', outcome: 'success', userId: user.id });
  return { ok: true, sessionVersion };
}
