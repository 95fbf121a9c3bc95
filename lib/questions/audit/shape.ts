// The learner's view up to ISNs and payload sizes (the shape fingerprint) and the key written in
// the same terms: ISNs are random, so exact views rarely repeat; shapes do, and must agree too.

import { MARGIN } from '../numbering';
import type { PublicTrace } from '../public';
import type { Question } from '../schema';
import { keyText, shownParts, type KeyRep } from './fingerprint';

/** A number at most this far past a revealed ISN is counted from it (the nearest below). */
const WINDOW = 2 ** 20;
/**
 * Large numbers the diagram does not place are grouped while each is within this of the
 * previous: far above any payload a question uses, far below the usual distance of two ISNs.
 */
const GAP = 2 ** 16;
const mod32 = (n: number): number => ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;

/**
 * Whole numbers in text, not parts of words (FIN_WAIT2), decimals (1.024) or section numbers:
 * a decimal matches whole and is kept as written.
 */
const NUMBER = /(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_])/g;

/** What the shown diagram lets a number be written as. */
interface Vocabulary {
  /** A relative sequence number or a size → its label (`client#0.2`, `L0`, joined by `=`). */
  labels: Map<number, string>;
  /** A payload size → its label (`L0`, by first appearance), for a distance past a point. */
  sizes: Map<number, string>;
  /** Sequence spaces whose ISN the diagram reveals (absolute − relative), by name. */
  isns: { space: string; isn: number; points: Map<number, number> }[];
}

/**
 * One sequence space per sender and connection. Its points are every seq, every ack into it
 * and every segment's end (seq + length, + 1 for SYN and for FIN), numbered in order: an ack
 * that covers a FIN and one that does not stay apart, while the sizes behind them do not show.
 */
function vocabulary(trace: PublicTrace | null): Vocabulary {
  const segments = trace?.segments ?? [];
  const conns = new Map<number, number>();
  const space = (endpoint: string, cport: number) => {
    if (!conns.has(cport)) conns.set(cport, conns.size);
    return `${endpoint}#${conns.get(cport)}`;
  };
  const points = new Map<string, Set<number>>();
  const isns = new Map<string, number>();
  const add = (name: string, v: number) => {
    const set = points.get(name) ?? new Set<number>();
    set.add(v);
    points.set(name, set);
  };
  const sizes: number[] = [];
  const size = (n: number | undefined) => {
    if (n !== undefined && n > 0 && !sizes.includes(n)) sizes.push(n);
  };
  for (const s of segments) {
    const own = space(s.from, s.cport);
    const peer = space(s.to, s.cport);
    if (s.seq !== null) {
      const end = s.seq + s.len + (s.flags.includes('S') ? 1 : 0) + (s.flags.includes('F') ? 1 : 0);
      add(own, s.seq);
      add(own, end);
      if (!isns.has(own)) isns.set(own, mod32(s.abs_seq - s.seq));
    }
    if (s.ack !== null) {
      add(peer, s.ack);
      if (s.abs_ack !== null && !isns.has(peer)) isns.set(peer, mod32(s.abs_ack - s.ack));
    }
    size(s.len);
  }
  for (const e of trace?.events ?? []) size(e.bytes);

  const member = new Map<number, string[]>();
  const join = (v: number, label: string) => member.set(v, [...(member.get(v) ?? []), label]);
  const indexed = [...points.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, set]) => {
      const sorted = [...set].sort((a, b) => a - b);
      sorted.forEach((v, i) => join(v, `${name}.${i}`));
      return { name, index: new Map(sorted.map((v, i) => [v, i])) };
    });
  sizes.forEach((v, i) => join(v, `L${i}`));
  return {
    labels: new Map([...member].map(([v, ls]) => [v, ls.join('=')])),
    sizes: new Map(sizes.map((v, i) => [v, `L${i}`])),
    isns: indexed
      .filter(({ name }) => isns.has(name) && isns.get(name)! >= MARGIN)
      .map(({ name, index }) => ({ space: name, isn: isns.get(name)!, points: index })),
  };
}

/**
 * An absolute number in a revealed space, by the point at or below it: `client#0@2` (a point),
 * `client#0@2+1` (one past it: the FIN after the shown data), `client#0@2+L0` (a shown size
 * past it); below every point, from the ISN: `client#0@+7`.
 */
function absolute(v: Vocabulary, n: number): string | null {
  // The nearest ISN below n: two ISNs may lie within a window of each other.
  let nearest: (Vocabulary['isns'][number] & { r: number }) | null = null;
  for (const s of v.isns) {
    const r = mod32(n - s.isn);
    if (r < WINDOW && (nearest === null || r < nearest.r)) nearest = { ...s, r };
  }
  if (nearest !== null) {
    const { space, points, r } = nearest;
    let below: [number, number] | null = null;
    for (const [p, i] of points) if (p <= r && (below === null || p > below[0])) below = [p, i];
    if (below === null) return `${space}@+${r}`;
    const d = r - below[0];
    return d === 0 ? `${space}@${below[1]}` : `${space}@${below[1]}+${v.sizes.get(d) ?? d}`;
  }
  return null;
}

/** A group of large numbers the diagram does not place: the smallest and the largest. */
interface Cluster {
  min: number;
  max: number;
}

/**
 * Large numbers the diagram does not place (a stem that states an ISN or a first seq without
 * a diagram), grouped so each group is written from its smallest: `N0+500`.
 */
function clustersOf(v: Vocabulary, texts: readonly string[]): Cluster[] {
  const free = new Set<number>();
  for (const t of texts)
    for (const m of t.match(NUMBER) ?? []) {
      const n = Number(m);
      if (Number.isInteger(n) && n >= MARGIN && absolute(v, n) === null) free.add(n);
    }
  const clusters: Cluster[] = [];
  for (const n of [...free].sort((a, b) => a - b)) {
    const last = clusters.at(-1);
    if (last !== undefined && n - last.max < GAP) last.max = n;
    else clusters.push({ min: n, max: n });
  }
  return clusters;
}

/** Every order of `n` labels (n ≤ 4; beyond, the one given: 24 renderings are enough). */
function orders(n: number): number[][] {
  if (n <= 1 || n > 4) return [Array.from({ length: n }, (_, i) => i)];
  const out: number[][] = [];
  const walk = (prefix: number[]) => {
    if (prefix.length === n) out.push(prefix);
    for (let i = 0; i < n; i++) if (!prefix.includes(i)) walk([...prefix, i]);
  };
  walk([]);
  return out;
}

/** How a number is written in the shape; `small` says whether small numbers are relabelled. */
type Writer = (n: number, small: boolean) => string;

function writer(v: Vocabulary, clusters: readonly Cluster[], names: readonly number[]): Writer {
  return (n, small) => {
    if (!Number.isInteger(n)) return String(n);
    if (n >= MARGIN) {
      const abs = absolute(v, n);
      if (abs !== null) return abs;
      // A key may lie a little past the numbers the stem states (the first seq + its bytes).
      const i = clusters.findIndex((c) => n > c.min - GAP && n < c.max + GAP);
      if (i < 0) return String(n);
      const d = n - clusters[i]!.min;
      return `N${names[i]}${d < 0 ? '' : '+'}${d}`;
    }
    return small ? (v.labels.get(n) ?? String(n)) : String(n);
  };
}

const rewrite = (text: string, write: Writer) =>
  text.replace(NUMBER, (m) => (m.includes('.') ? m : write(Number(m), true)));

/** The diagram without times (each list keeps its order), numbers as labels. */
function diagram(trace: PublicTrace, write: Writer): unknown {
  const seq = (n: number | null) => (n === null ? null : write(n, true));
  const size = (n: number | undefined) => (n === undefined || n === 0 ? n : write(n, true));
  return {
    segments: trace.segments.map((s) => [
      s.from,
      s.to,
      s.flags,
      seq(s.seq),
      seq(s.ack),
      size(s.len),
      s.dropped,
    ]),
    states: trace.states.map((s) => [s.endpoint, s.socket, s.state]),
    events: trace.events.map((e) => [e.endpoint, e.event, e.errno ?? null, size(e.bytes)]),
  };
}

export interface Shape {
  /** The shape fingerprint: one string per shape. */
  view: string;
  /** The key in the shape's terms, for `keysDiffer`. */
  key: KeyRep;
}

/**
 * The learner's view with what varies between otherwise identical questions written away:
 * - numbers counted from an ISN the diagram reveals are written from it, and a sequence number
 *   the diagram holds by its place in its space (`client#0@2`), in the stem, options and key;
 * - the diagram's sequence numbers and payload sizes (and a stem number equal to one) become
 *   labels that keep which are equal and their order in each space, not their size;
 * - a stem or option number past 2^17 the diagram does not place (a stated ISN or first seq)
 *   is written from the smallest such number near it (`N0+500`), under the naming of those
 *   groups that gives the smallest view, so shuffled options name them alike;
 * - times are dropped (segments, states and events each keep their order), as the tests this
 *   replaced did: a key that hangs on a shown time alone would be flagged, and none does.
 * The key is written with the same numbers: a fields key's seq and ack and a large numeric key
 * as above, option texts as in the view; an order key is the set of pairs it decides. A small
 * numeric key (a count, a time) stays a number: it is not a sequence number, and a label for it
 * would make two questions with one answer differ by a coincidence of sizes.
 */
export function shapeOf(q: Question): Shape {
  const { trace, rest } = shownParts(q);
  const v = vocabulary(trace);
  const options = 'options' in rest ? rest.options.map((o) => o.text) : [];
  const { options: _o, ...others } = rest as typeof rest & { options?: unknown };
  const text = JSON.stringify(others);
  const clusters = clustersOf(v, [text, ...options]);

  let best: { view: string; write: Writer } | null = null;
  for (const names of orders(clusters.length)) {
    const write = writer(v, clusters, names);
    const view = JSON.stringify({
      view: rewrite(text, write),
      options: options.map((o) => rewrite(o, write)).sort(),
      trace: trace === null ? null : diagram(trace, write),
    });
    if (best === null || view < best.view) best = { view, write };
  }
  const { view, write } = best!;
  const option = (t: string) => rewrite(t, write);
  if (q.kind === 'numeric') {
    const written = write(q.answer.value, false);
    return written === String(q.answer.value)
      ? { view, key: { text: written, value: q.answer.value, tolerance: q.answer.tolerance } }
      : { view, key: { text: written } };
  }
  return { view, key: { text: keyText(q, option, (n) => write(n, true)) } };
}
