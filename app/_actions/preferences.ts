'use server';
// Server actions for the interface language and theme, remembered in cookies (and, for
// the language, in the signed-in user's profile so it follows them to other devices).
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { setUserLocale } from '@/lib/db';
import { LOCALE_COOKIE } from '@/lib/i18n';
import { THEME_COOKIE } from '../_components/theme';

const ONE_YEAR = 60 * 60 * 24 * 365;
const localeSchema = z.enum(['zh', 'en']);
const themeSchema = z.enum(['system', 'light', 'dark']);

export async function setLocaleAction(value: unknown): Promise<{ ok: boolean }> {
  const parsed = localeSchema.safeParse(value);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, {
    path: '/',
    maxAge: ONE_YEAR,
    sameSite: 'lax',
  });
  const user = await getCurrentUser();
  if (user) await setUserLocale(user.id, parsed.data);
  revalidatePath('/', 'layout');
  return { ok: true };
}

export async function setThemeAction(value: unknown): Promise<{ ok: boolean }> {
  const parsed = themeSchema.safeParse(value);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(THEME_COOKIE, parsed.data, {
    path: '/',
    maxAge: ONE_YEAR,
    sameSite: 'lax',
  });
  revalidatePath('/', 'layout');
  return { ok: true };
}
