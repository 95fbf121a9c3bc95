// Event queue of the discrete-event simulator: a binary min-heap ordered by (time, insertion
// order), so simultaneous events run in the order they were scheduled (deterministic).

export interface Scheduled<E> {
  t: number;
  order: number;
  ev: E;
}

export class EventQueue<E> {
  private heap: Scheduled<E>[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(t: number, ev: E): void {
    const item: Scheduled<E> = { t, order: this.counter++, ev };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Scheduled<E>;
      if (!before(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
  }

  pop(): Scheduled<E> | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop() as Scheduled<E>;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(h[r] as Scheduled<E>, h[l] as Scheduled<E>)) c = r;
        const child = h[c] as Scheduled<E>;
        if (!before(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before<E>(x: Scheduled<E>, y: Scheduled<E>): boolean {
  return x.t < y.t || (x.t === y.t && x.order < y.order);
}
