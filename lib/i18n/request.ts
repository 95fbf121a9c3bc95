// next-intl's per-request configuration: the locale comes from the remembered cookie,
// then the signed-in user's saved preference, then the browser's Accept-Language.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { loadMessages } from './messages';
import { isUiLocale, LOCALE_COOKIE, negotiateLocale, type UiLocale } from './negotiate';

export async function resolveLocale(): Promise<UiLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isUiLocale(fromCookie)) return fromCookie;
  const user = await getCurrentUser().catch(() => null);
  if (user?.locale) return user.locale;
  return negotiateLocale((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});
