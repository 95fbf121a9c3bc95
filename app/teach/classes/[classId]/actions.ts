'use server';
// Server actions on one class: a new join code, and taking a student off the roster.
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { removeFromRoster, rotateJoinCode } from '@/lib/classroom';
import { attempt, invalidInput, type ActionState } from '../../_lib/action-state';

const id = z.string().min(1).max(64);

export async function rotateCodeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = z.object({ classId: id }).safeParse({ classId: form.get('classId') });
  if (!parsed.success) return invalidInput();
  const t = await getTranslations('teach.class');
  const state = await attempt(
    async () => rotateJoinCode(await getCurrentUser(), parsed.data.classId),
    t('rotated'),
  );
  revalidatePath(`/teach/classes/${parsed.data.classId}`);
  return state;
}

export async function removeMemberAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = z
    .object({ classId: id, userId: id })
    .safeParse({ classId: form.get('classId'), userId: form.get('userId') });
  if (!parsed.success) return invalidInput();
  const t = await getTranslations('teach.class');
  const state = await attempt(
    async () => removeFromRoster(await getCurrentUser(), parsed.data.classId, parsed.data.userId),
    t('removed'),
  );
  revalidatePath(`/teach/classes/${parsed.data.classId}`);
  return state;
}
