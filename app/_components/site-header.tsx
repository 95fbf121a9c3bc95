// The header on every page: navigation (Teach for instructors, Admin for admins), the
// signed-in state, the language and theme switches.
import Link from '@/app/_components/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getCurrentUser, roleAtLeast } from '@/lib/auth';
import { LanguageSwitch } from './language-switch';
import { SignOutButton } from './sign-out-button';
import type { Theme } from './theme';
import { ThemeSwitch } from './theme-switch';

export async function SiteHeader({ theme }: { theme: Theme }) {
  const t = await getTranslations('nav');
  const locale = await getLocale();
  const user = await getCurrentUser();
  const links = [
    { href: '/lessons', label: t('lessons') },
    { href: '/practice', label: t('practice') },
    { href: '/flashcards', label: t('flashcards') },
    { href: '/me', label: t('progress') },
    { href: '/simulator', label: t('simulator') },
    { href: '/quizzes', label: t('quizzes') },
    ...(user && roleAtLeast(user.role, 'instructor')
      ? [{ href: '/teach', label: t('teach') }]
      : []),
    ...(user && user.role === 'admin' ? [{ href: '/admin/users', label: t('admin') }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white/90 dark:border-slate-800 dark:bg-slate-950/90">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="text-brand-700 dark:text-brand-100 text-lg font-semibold tracking-tight"
        >
          {t('home')}
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="main-nav">
            {links.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="hover:text-brand-700 dark:hover:text-brand-100 rounded px-1 py-0.5 text-slate-700 dark:text-slate-300"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LanguageSwitch locale={locale === 'zh' ? 'zh' : 'en'} label={t('language')} />
          <ThemeSwitch
            theme={theme}
            labels={{
              theme: t('theme'),
              light: t('themeLight'),
              dark: t('themeDark'),
              system: t('themeSystem'),
            }}
          />
          {user ? (
            <span className="flex items-center gap-2">
              <span
                className="hidden max-w-56 truncate text-slate-600 lg:inline dark:text-slate-400"
                data-testid="signed-in-as"
                title={t('signedInAs', { email: user.email })}
              >
                {user.email} · {t('role', { role: user.role })}
              </span>
              <SignOutButton label={t('signOut')} />
            </span>
          ) : (
            <span className="flex items-center gap-2">
              <Link href="/signin" className="text-slate-700 hover:underline dark:text-slate-300">
                {t('signIn')}
              </Link>
              <Link
                href="/signup"
                className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1.5 font-medium text-white"
              >
                {t('signUp')}
              </Link>
            </span>
          )}
        </div>
      </div>
    </header>
  );
}
