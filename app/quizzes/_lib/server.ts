// What the quiz pages need from the request besides the user: the language questions are
// generated in, classroom errors as values, and the sign-in detour back to a page.
import 'server-only';
import { getLocale } from 'next-intl/server';
import { ClassroomError, type ClassroomErrorCode } from '@/lib/classroom';
import type { Locale } from '@/lib/questions';

export async function questionLocale(): Promise<Locale> {
  return (await getLocale()) === 'zh' ? 'zh' : 'en';
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; code: ClassroomErrorCode; message: string; retryAfterSec: number | null };

/**
 * Runs a service call; a ClassroomError becomes its code so the page can explain it, while
 * anything else (a bug, the database down) still reaches the error page.
 */
export async function tryClassroom<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof ClassroomError)
      return {
        ok: false,
        code: error.code,
        message: error.message,
        retryAfterSec: error.retryAfterSec,
      };
    throw error;
  }
}

export function signInPath(callbackUrl: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}
