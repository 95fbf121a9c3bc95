// Latency and error counts per step of the load test, with exact percentiles (every sample is
// kept: a run has tens of thousands, which sort in milliseconds).

export class StepStats {
  private readonly samples: number[] = [];
  errors = 0;
  readonly statuses = new Map<string, number>();
  first = Infinity;
  last = -Infinity;

  record(ms: number, ok: boolean, status: string, startedAt: number): void {
    this.samples.push(ms);
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

  errorSummary(): string {
    return [...this.statuses.entries()]
      .filter(([s]) => !s.startsWith('2') && !s.startsWith('3'))
      .map(([s, n]) => `${s}×${n}`)
      .join(', ');
  }
}
