// The autosave queue of one attempt page, free of React: each question's latest response is
// sent with a revision number that only grows in this tab, so a late reply to an older save
// never counts as the current one (the server keeps the highest revision). Failed sends are
// retried with backoff and stay visible as unsaved until one succeeds.

export type SaveStatus =
  'idle' | 'incomplete' | 'pending' | 'saving' | 'saved' | 'retrying' | 'rejected';

export type SaveOutcome =
  | { kind: 'saved'; secondsLeft: number | null }
  /** The server refused this response (its shape); sending it again would not help. */
  | { kind: 'rejected'; message: string }
  /** The attempt is over (submitted, or time ran out). */
  | { kind: 'closed' }
  | { kind: 'unauthenticated' }
  /** Network failure, overload or rate limit: try again later. */
  | { kind: 'retry'; afterMs: number | null };

export type Send = (position: number, response: unknown, rev: number) => Promise<SaveOutcome>;

export type AutosaveEvents = {
  onChange: () => void;
  onSecondsLeft: (seconds: number | null) => void;
  onClosed: () => void;
  onUnauthenticated: () => void;
};

type Entry = {
  rev: number;
  response: unknown;
  status: SaveStatus;
  message: string | null;
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: Promise<void> | null;
};

export const DEBOUNCE_MS = 500;
const MAX_BACKOFF_MS = 30_000;

let lastRev = 0;

/**
 * A number that grows on every call within this tab and across reloads (a later page load
 * has a later time origin), in milliseconds: performance.now() never goes backwards.
 */
export function nextRev(): number {
  const now = performance.timeOrigin + performance.now();
  lastRev = now > lastRev ? now : lastRev + 0.001;
  return lastRev;
}

export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

export class Autosave {
  private readonly entries = new Map<number, Entry>();
  private stopped = false;

  constructor(
    private readonly send: Send,
    private readonly events: AutosaveEvents,
    saved: readonly number[] = [],
  ) {
    for (const position of saved) this.entry(position).status = 'saved';
  }

  status(position: number): SaveStatus {
    return this.entries.get(position)?.status ?? 'idle';
  }

  message(position: number): string | null {
    return this.entries.get(position)?.message ?? null;
  }

  /** Positions whose latest response is not yet on the server. */
  unsaved(): number[] {
    return [...this.entries]
      .filter(([, e]) => ['pending', 'saving', 'retrying', 'rejected'].includes(e.status))
      .map(([p]) => p);
  }

  /** A new response for a question: sent now, or after a pause in typing. */
  change(position: number, response: unknown, debounce: boolean): void {
    if (this.stopped) return;
    const entry = this.entry(position);
    this.cancelTimer(entry);
    entry.rev = nextRev();
    entry.response = response;
    entry.failures = 0;
    entry.message = null;
    if (debounce) {
      entry.status = 'pending';
      entry.timer = setTimeout(() => this.transmit(position), DEBOUNCE_MS);
      this.events.onChange();
    } else {
      this.transmit(position);
    }
  }

  /** The answer became incomplete: nothing is sent (the last saved answer stays). */
  incomplete(position: number): void {
    const entry = this.entry(position);
    this.cancelTimer(entry);
    entry.rev = nextRev();
    entry.status = 'incomplete';
    entry.message = null;
    this.events.onChange();
  }

  /** Sends everything waiting now and waits (at most `timeoutMs`); true if all is saved. */
  async flush(timeoutMs: number): Promise<boolean> {
    for (const [position, entry] of this.entries) {
      if (entry.status === 'pending' || entry.status === 'retrying') {
        this.cancelTimer(entry);
        this.transmit(position);
      }
    }
    const inFlight = [...this.entries.values()].flatMap((e) => (e.inFlight ? [e.inFlight] : []));
    await Promise.race([
      Promise.all(inFlight),
      new Promise((resolve) => setTimeout(resolve, timeoutMs)),
    ]);
    return this.unsaved().length === 0;
  }

  /** No more sends (the attempt is over or the page is leaving). */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) this.cancelTimer(entry);
  }

  private entry(position: number): Entry {
    let entry = this.entries.get(position);
    if (!entry) {
      entry = {
        rev: 0,
        response: null,
        status: 'idle',
        message: null,
        failures: 0,
        timer: null,
        inFlight: null,
      };
      this.entries.set(position, entry);
    }
    return entry;
  }

  private cancelTimer(entry: Entry): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
  }

  private transmit(position: number): void {
    if (this.stopped) return;
    const entry = this.entry(position);
    entry.timer = null;
    const { rev, response } = entry;
    entry.status = 'saving';
    this.events.onChange();
    const sending = this.send(position, response, rev)
      .catch((): SaveOutcome => ({ kind: 'retry', afterMs: null }))
      .then((outcome) => this.settle(position, rev, outcome));
    entry.inFlight = sending;
    void sending.finally(() => {
      if (entry.inFlight === sending) entry.inFlight = null;
    });
  }

  private settle(position: number, rev: number, outcome: SaveOutcome): void {
    const entry = this.entry(position);
    if (outcome.kind === 'saved') this.events.onSecondsLeft(outcome.secondsLeft);
    if (outcome.kind === 'closed') {
      this.stop();
      this.events.onClosed();
      return;
    }
    if (outcome.kind === 'unauthenticated') {
      this.events.onUnauthenticated();
    }
    // A newer response was entered meanwhile: its own send decides the status.
    if (this.stopped || entry.rev !== rev) return;
    switch (outcome.kind) {
      case 'saved':
        entry.status = 'saved';
        entry.failures = 0;
        break;
      case 'rejected':
        entry.status = 'rejected';
        entry.message = outcome.message;
        break;
      case 'unauthenticated':
      case 'retry': {
        entry.failures += 1;
        entry.status = 'retrying';
        const wait =
          outcome.kind === 'retry' && outcome.afterMs !== null
            ? outcome.afterMs
            : backoffMs(entry.failures);
        entry.timer = setTimeout(() => this.transmit(position), wait);
        break;
      }
    }
    this.events.onChange();
  }
}
