// Class names shared by the /teach pages, so buttons, fields and tables look alike.
export const BUTTON =
  'inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800';
export const PRIMARY =
  'inline-flex items-center rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-50';
export const DANGER =
  'inline-flex items-center rounded-md border border-rose-400 px-3 py-1.5 text-sm text-rose-800 hover:bg-rose-50 disabled:opacity-50 dark:text-rose-200 dark:hover:bg-rose-950/40';
export const FIELD =
  'rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900';
export const LINK = 'text-brand-700 underline dark:text-brand-100';
export const TABLE = 'w-full text-left text-sm';
export const TH = 'py-2 pr-4 font-semibold';
export const ROW = 'border-b border-slate-100 dark:border-slate-900';
export const HEAD_ROW = 'border-b border-slate-200 dark:border-slate-800';
export const TD = 'py-2 pr-4';
