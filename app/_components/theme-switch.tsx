'use client';
// Light / dark / system. Applies the class at once and lets the server remember it.
import { useTransition } from 'react';
import { setThemeAction } from '../_actions/preferences';
import type { Theme } from './theme';

type Labels = { theme: string; light: string; dark: string; system: string };

export function ThemeSwitch({ theme, labels }: { theme: Theme; labels: Labels }) {
  const [pending, start] = useTransition();
  return (
    <select
      aria-label={labels.theme}
      data-testid="theme-switch"
      defaultValue={theme}
      disabled={pending}
      onChange={(event) => {
        const next = event.target.value;
        const root = document.documentElement;
        root.classList.remove('light', 'dark');
        if (next === 'light' || next === 'dark') root.classList.add(next);
        start(async () => {
          await setThemeAction(next);
        });
      }}
      className="rounded-md border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
    >
      <option value="system">{labels.system}</option>
      <option value="light">{labels.light}</option>
      <option value="dark">{labels.dark}</option>
    </select>
  );
}
