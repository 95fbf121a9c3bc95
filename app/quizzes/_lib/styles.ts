// Class names shared by the quiz pages, so buttons and panels look the same on each.
export const BUTTON =
  'bg-brand-700 hover:bg-brand-600 inline-block rounded-md px-4 py-2 font-medium text-white disabled:opacity-50';
export const BUTTON_QUIET =
  'inline-block rounded-md border border-slate-300 px-4 py-2 font-medium dark:border-slate-600';
export const PANEL = 'rounded-md border border-slate-200 p-4 dark:border-slate-700';
export const NOTICE =
  'rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100';
export const ERROR_TEXT = 'text-red-700 dark:text-red-300';
