// The server's timer as the page shows it: seconds left, re-synced from each save reply, and
// the sparse announcements a screen reader hears (each new minute, then a final warning).

/** A deadline on the page's monotonic clock, from the server's seconds left. */
export function deadlineFrom(secondsLeft: number, nowMs: number): number {
  return nowMs + secondsLeft * 1000;
}

export function remainingSec(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const FINAL_WARNING_SEC = 15;

/**
 * What the live region says for `seconds` left: whole minutes (changing at most once a
 * minute), then one final warning. Equal keys mean nothing new to announce.
 */
export function announcement(seconds: number): { key: string; minutes: number } {
  if (seconds <= FINAL_WARNING_SEC) return { key: 'final', minutes: 0 };
  return { key: 'minutes', minutes: Math.ceil(seconds / 60) };
}
