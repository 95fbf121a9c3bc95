// Tailwind classes for the diagram's colours (light and dark), kept apart from the geometry.
import type { TcpState } from '@/lib/engine';

/** Lifeline band colour per state: handshake amber, open green, closing violet, waiting indigo. */
export const STATE_STROKE: Record<TcpState, string> = {
  CLOSED: 'stroke-slate-300 dark:stroke-slate-600',
  LISTEN: 'stroke-sky-500 dark:stroke-sky-400',
  SYN_SENT: 'stroke-amber-500 dark:stroke-amber-400',
  SYN_RECV: 'stroke-amber-500 dark:stroke-amber-400',
  ESTABLISHED: 'stroke-emerald-500 dark:stroke-emerald-400',
  FIN_WAIT1: 'stroke-violet-500 dark:stroke-violet-400',
  FIN_WAIT2: 'stroke-violet-500 dark:stroke-violet-400',
  CLOSING: 'stroke-violet-500 dark:stroke-violet-400',
  CLOSE_WAIT: 'stroke-fuchsia-500 dark:stroke-fuchsia-400',
  LAST_ACK: 'stroke-fuchsia-500 dark:stroke-fuchsia-400',
  TIME_WAIT: 'stroke-indigo-500 dark:stroke-indigo-400',
};

export const STATE_TEXT: Record<TcpState, string> = {
  CLOSED: 'fill-slate-600 dark:fill-slate-300',
  LISTEN: 'fill-sky-700 dark:fill-sky-300',
  SYN_SENT: 'fill-amber-800 dark:fill-amber-300',
  SYN_RECV: 'fill-amber-800 dark:fill-amber-300',
  ESTABLISHED: 'fill-emerald-800 dark:fill-emerald-300',
  FIN_WAIT1: 'fill-violet-800 dark:fill-violet-300',
  FIN_WAIT2: 'fill-violet-800 dark:fill-violet-300',
  CLOSING: 'fill-violet-800 dark:fill-violet-300',
  CLOSE_WAIT: 'fill-fuchsia-800 dark:fill-fuchsia-300',
  LAST_ACK: 'fill-fuchsia-800 dark:fill-fuchsia-300',
  TIME_WAIT: 'fill-indigo-800 dark:fill-indigo-300',
};

/** The same palette for HTML chips (the state timeline). */
export const STATE_CHIP: Record<TcpState, string> = {
  CLOSED: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  LISTEN: 'bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100',
  SYN_SENT: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100',
  SYN_RECV: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100',
  ESTABLISHED: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
  FIN_WAIT1: 'bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100',
  FIN_WAIT2: 'bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100',
  CLOSING: 'bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100',
  CLOSE_WAIT: 'bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-900/50 dark:text-fuchsia-100',
  LAST_ACK: 'bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-900/50 dark:text-fuchsia-100',
  TIME_WAIT: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900/50 dark:text-indigo-100',
};
