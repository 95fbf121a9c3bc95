'use client';
// Ends the session and returns to the landing page.
import { signOut } from 'next-auth/react';

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={() => void signOut({ callbackUrl: '/' })}
      className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {label}
    </button>
  );
}
