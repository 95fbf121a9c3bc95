'use server';
// Server action: an administrator sets a user's role (recorded in the audit log).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AuthorizationError, requireRole } from '@/lib/auth';
import { roleSchema, setUserRole } from '@/lib/db';

const inputSchema = z.object({ userId: z.string().min(1).max(64), role: roleSchema });

export type SetRoleState = { status: 'idle' | 'ok' | 'error'; message?: string };

export async function setRoleAction(_prev: SetRoleState, form: FormData): Promise<SetRoleState> {
  let actorId: string;
  try {
    actorId = (await requireRole('admin')).id;
  } catch (error) {
    if (error instanceof AuthorizationError) return { status: 'error', message: error.code };
    throw error;
  }
  const parsed = inputSchema.safeParse({ userId: form.get('userId'), role: form.get('role') });
  if (!parsed.success) return { status: 'error', message: 'invalid' };
  try {
    await setUserRole({ userId: parsed.data.userId, role: parsed.data.role, actorId });
  } catch {
    return { status: 'error', message: 'not-found' };
  }
  revalidatePath('/admin/users');
  return { status: 'ok' };
}
