// Latency and error counts per step of the load test, with exact percentiles (every sample is
// kept: a run has tens of thousands, which sort in milliseconds).

export class StepStats {
  private readonly samples: number[] = [];
  private readonly starts: number[] = [];
  errors = 0;
  readonly statuses = new Map<string, number>();
  first = Infinity;
  last = -Infinity;

  record(ms: number, ok: boolean, status: string, startedAt: number): void {
    this.samples.push(ms);
    this.starts.push(startedAt);
    if (!ok) this.errors++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.first = Math.min(this.first, startedAt);
    this.last = Math.max(this.last, startedAt + ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  /** Requests per second between the first start and the last finish. */
  throughput(): number {
    const span = (this.last - this.first) / 1000;
    return span > 0 ? this.count / span : NaN;
  }

  /** Seconds between the first start and the last finish. */
  span(): number {
    return (this.last - this.first) / 1000;
  }

  /** Count and p99 of the requests started in each window of `windowMs`, first to last. */
  timeline(windowMs: number): { count: number; p99: number }[] {
    const windows: number[][] = [];
    this.samples.forEach((ms, i) => {
      const w = Math.floor((this.starts[i]! - this.first) / windowMs);
      (windows[w] ??= []).push(ms);
    });
    return Array.from(windows, (w = []) => {
      const sorted = [...w].sort((a, b) => a - b);
      return {
        count: w.length,
        p99: sorted.length ? sorted[Math.ceil(0.99 * sorted.length) - 1]! : NaN,
      };
    });
  }

  /**
   * The `n` slowest requests: when each started (ms after the first, and wall-clock ms since
   * the epoch, to line up with other processes' logs) and how long it took.
   */
  slowest(n: number): { at: number; wallMs: number; ms: number }[] {
    return this.samples
      .map((ms, i) => ({
        at: this.starts[i]! - this.first,
        wallMs: performance.timeOrigin + this.starts[i]!,
        ms,
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, n);
  }

  errorSummary(): string {
    return [...this.statuses.entries()]
      .filter(([s]) => !s.startsWith('2') && !s.startsWith('3'))
      .map(([s, n]) => `${s}×${n}`)
      .join(', ');
  }
}
