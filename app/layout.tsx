// Root layout: language, theme and the site header shared by every page.
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from './_components/client-messages';
import { SiteHeader } from './_components/site-header';
import { parseTheme, THEME_COOKIE } from './_components/theme';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return {
    title: { default: t('title'), template: '%s · Ackademy' },
    description: t('description'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html
      lang={locale === 'zh' ? 'zh-CN' : 'en'}
      className={theme === 'system' ? undefined : theme}
      data-theme={theme}
    >
      <body className="min-h-screen font-sans">
        <ClientMessages>
          <SiteHeader theme={theme} />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8">
            {children}
          </main>
        </ClientMessages>
      </body>
    </html>
  );
}
