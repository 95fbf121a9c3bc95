// What a /teach server action answers, and how the service's ClassroomError becomes a
// message the instructor can act on (in their language); anything else is a real bug.
import 'server-only';
import { getTranslations } from 'next-intl/server';
import { ClassroomError } from '@/lib/classroom';

export type ActionState = { status: 'idle' | 'ok' | 'error'; message?: string };

export async function errorMessage(error: unknown): Promise<string> {
  if (!(error instanceof ClassroomError)) throw error;
  const t = await getTranslations('teach.error');
  // `invalid` carries the schema's own detail (which field), worth showing as is.
  return error.code === 'invalid' ? `${t('invalid')} (${error.message})` : t(error.code);
}

/** Runs a service call; a ClassroomError becomes an error state, success an ok state. */
export async function attempt(
  run: () => Promise<unknown>,
  okMessage?: string,
): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    return { status: 'error', message: await errorMessage(error) };
  }
  return { status: 'ok', message: okMessage };
}

export async function invalidInput(): Promise<ActionState> {
  return { status: 'error', message: (await getTranslations('teach.error'))('input') };
}
