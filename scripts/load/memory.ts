// Resident memory of the app while the load runs: the sum over its process group (the
// server, and scripts/prepare.ts while it still runs), sampled from /proc.
import { readFileSync, readdirSync } from 'node:fs';

function rssOfGroup(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

/**
 * Samples every `everyMs` until stopped. `peak()` is the highest sum over all groups;
 * `peaks()` each group's own highest (one per instance, for a per-instance budget).
 */
export function sampleMemory(
  pgids: readonly number[],
  everyMs = 500,
): { stop: () => number; peak: () => number; peaks: () => number[] } {
  let peak = 0;
  const peaks = pgids.map(() => 0);
  const take = () => {
    const now = pgids.map(rssOfGroup);
    now.forEach((bytes, i) => (peaks[i] = Math.max(peaks[i]!, bytes)));
    peak = Math.max(
      peak,
      now.reduce((s, bytes) => s + bytes, 0),
    );
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    peak: () => peak,
    peaks: () => [...peaks],
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
