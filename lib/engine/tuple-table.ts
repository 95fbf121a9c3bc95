// Sockets by 4-tuple (remote endpoint, local port, remote port): the host's connection table
// and a listener's request queue.

export interface TupleKeyed {
  remote: string;
  lport: number;
  rport: number;
}

/**
 * Sockets by 4-tuple: remote endpoint name, then the port pair as one number. Looking up
 * with the segment's own string and numbers avoids building a key string per segment.
 */
export class TupleTable<T extends TupleKeyed> {
  private readonly byRemote = new Map<string, Map<number, T>>();
  size = 0;

  get(remote: string, lport: number, rport: number): T | undefined {
    return this.byRemote.get(remote)?.get(lport * 65536 + rport);
  }

  set(item: T): void {
    let byPorts = this.byRemote.get(item.remote);
    if (byPorts === undefined) {
      byPorts = new Map();
      this.byRemote.set(item.remote, byPorts);
    }
    const k = item.lport * 65536 + item.rport;
    if (!byPorts.has(k)) this.size++;
    byPorts.set(k, item);
  }

  /** Removes `item` if it is still the one registered for its 4-tuple. */
  delete(item: T): void {
    const byPorts = this.byRemote.get(item.remote);
    const k = item.lport * 65536 + item.rport;
    if (byPorts !== undefined && byPorts.get(k) === item) {
      byPorts.delete(k);
      this.size--;
    }
  }

  has(item: T): boolean {
    return this.get(item.remote, item.lport, item.rport) === item;
  }

  values(): T[] {
    const out: T[] = [];
    for (const byPorts of this.byRemote.values()) for (const v of byPorts.values()) out.push(v);
    return out;
  }

  clear(): void {
    this.byRemote.clear();
    this.size = 0;
  }
}
