// Groups questions by what the learner sees; a group whose members have different keys is a
// question the learner cannot answer from the page (issue 18, finding 2).

import { hash64, keysDiffer, type KeyRep } from './fingerprint';

export interface Member<E> {
  key: KeyRep;
  example: E;
}

export interface Conflict<E> {
  /** One member per distinct key (the first seen). */
  members: Member<E>[];
  /** How many questions share this view. */
  size: number;
}

/** Questions grouped by fingerprint; keeps one member per distinct key. */
export class LookGroups<E> {
  private readonly groups = new Map<string, { members: Member<E>[]; size: number }>();

  add(fingerprint: string, key: KeyRep, example: E): void {
    const h = hash64(fingerprint);
    let g = this.groups.get(h);
    if (g === undefined) {
      g = { members: [], size: 0 };
      this.groups.set(h, g);
    }
    g.size++;
    if (!g.members.some((m) => !keysDiffer(m.key, key))) g.members.push({ key, example });
  }

  /** Groups with more than one distinct key. */
  conflicts(): Conflict<E>[] {
    return [...this.groups.values()].filter((g) => g.members.length > 1);
  }

  get count(): number {
    return this.groups.size;
  }
}
