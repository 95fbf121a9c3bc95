'use server';
// Server action: an instructor creates a class (it gets a fresh join code) and lands on it.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { createOwnClass } from '@/lib/classroom';
import { errorMessage, invalidInput, type ActionState } from './_lib/action-state';

const inputSchema = z.object({ name: z.string().max(200) });

export async function createClassAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = inputSchema.safeParse({ name: form.get('name') });
  if (!parsed.success) return invalidInput();
  let classId: string;
  try {
    classId = (await createOwnClass(await getCurrentUser(), parsed.data.name)).id;
  } catch (error) {
    return { status: 'error', message: await errorMessage(error) };
  }
  revalidatePath('/teach');
  redirect(`/teach/classes/${classId}`);
}
