// The language questions are generated in: the interface's own.
import 'server-only';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/lib/questions';

export async function questionLocale(): Promise<Locale> {
  return (await getLocale()) === 'en' ? 'en' : 'zh';
}
