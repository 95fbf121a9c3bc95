'use client';
// Switches the interface language; the server remembers it in a cookie.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '../_actions/preferences';

export function LanguageSwitch({ locale, label }: { locale: 'zh' | 'en'; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        data-testid="language-switch"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          start(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
        className="rounded-md border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
      >
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
