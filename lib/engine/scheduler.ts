// Event queue of the discrete-event simulator: a binary min-heap ordered by (time, insertion
// order), so simultaneous events run in the order they were scheduled (deterministic). Times,
// insertion numbers and events live in parallel arrays: no wrapper object per event.

export class EventQueue<E> {
  private readonly times: number[] = [];
  private readonly orders: number[] = [];
  private readonly events: E[] = [];
  private counter = 0;
  /** Time of the event most recently returned by pop(). */
  lastTime = 0;

  get size(): number {
    return this.events.length;
  }

  push(t: number, ev: E): void {
    const times = this.times;
    const orders = this.orders;
    const events = this.events;
    const order = this.counter++;
    let i = events.length;
    times.push(t);
    orders.push(order);
    events.push(ev);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < t || (pt === t && orders[p]! < order)) break;
      times[i] = pt;
      orders[i] = orders[p]!;
      events[i] = events[p]!;
      i = p;
    }
    times[i] = t;
    orders[i] = order;
    events[i] = ev;
  }

  /** Removes and returns the earliest event (its time is then in `lastTime`). */
  pop(): E | undefined {
    const times = this.times;
    const orders = this.orders;
    const events = this.events;
    const n = events.length;
    if (n === 0) return undefined;
    const top = events[0]!;
    this.lastTime = times[0]!;
    const lastT = times.pop()!;
    const lastO = orders.pop()!;
    const lastE = events.pop()!;
    const m = n - 1;
    if (m > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        let c = l;
        if (r < m && (times[r]! < times[l]! || (times[r] === times[l] && orders[r]! < orders[l]!)))
          c = r;
        const ct = times[c]!;
        if (ct > lastT || (ct === lastT && orders[c]! > lastO)) break;
        times[i] = ct;
        orders[i] = orders[c]!;
        events[i] = events[c]!;
        i = c;
      }
      times[i] = lastT;
      orders[i] = lastO;
      events[i] = lastE;
    }
    return top;
  }
}
