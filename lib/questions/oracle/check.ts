// The oracle's verdict on a generated question: recompute the key of state and segment
// questions from the RFC 9293 oracle (replay.ts) and compare; say so when a template is not covered.

import type { Trace, TraceSegment } from '@/lib/engine';
import { grade } from '../grade';
import { describeSegment } from '../locales/common';
import type { Question } from '../schema';
import { causalOrder, linearExtensions } from './causality';
import { mod32, replay, toUs, type ConnReplay, type WireSegment } from './replay';
import { synRetransmitTimes, synGiveUpTime, timeWaitSeconds } from './timers';

export type OracleVerdict =
  | { status: 'agree'; detail: string }
  | { status: 'disagree'; expected: string; got: string; detail: string }
  | { status: 'not-covered'; reason: string };

const agree = (detail: string): OracleVerdict => ({ status: 'agree', detail });
const disagree = (expected: string, got: string, detail: string): OracleVerdict => ({
  status: 'disagree',
  expected,
  got,
  detail,
});
const notCovered = (reason: string): OracleVerdict => ({ status: 'not-covered', reason });

/** Templates the oracle has nothing to say about, and why (reported, never silently passed). */
export const NOT_COVERED: Readonly<Partial<Record<Question['template'], string>>> = {
  'listen-queues': 'accept and SYN queue limits are Linux policy, not RFC 9293 state rules',
  why: 'authored reasoning items: no trace, no state or segment key',
  'exam-word-problem': 'exam arithmetic over the round model, not a state or segment key',
  'congestion-window': 'congestion control (RFC 5681) round model, not RFC 9293 states',
  'rounds-to-window': 'congestion control (RFC 5681) round model, not RFC 9293 states',
  'sendable-bytes': 'window arithmetic, not a state or segment key',
  'sendable-range': 'window arithmetic, not a state or segment key',
  'fast-retransmit': 'congestion control (RFC 5681) round model, not RFC 9293 states',
  'connect-to-closed': 'exam timing over the round model (the congestion rounds decide the key)',
};

function keyOption(q: Question): string | null {
  if (q.kind !== 'choice') return null;
  return q.options.find((o) => o.id === q.answer.option)?.text ?? null;
}

function focusNumber(q: Question, name: string): number | null {
  const v = q.source.focus[name];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

// --- next-state -----------------------------------------------------------------------------

function nextState(q: Question, full: Trace): OracleVerdict {
  const index = focusNumber(q, 'state');
  if (index === null) return notCovered('focus names no state index');
  const target = full.states[index];
  if (target === undefined) return notCovered(`focus.state ${index} is not in the trace`);
  if (target.socket !== 'conn') return notCovered('the asked state is a listener’s');
  const key = keyOption(q);
  if (key === null) return notCovered('not a choice question');
  const r = replay(full);
  const seen = r.stateAt(target.endpoint, target.cport ?? 0, toUs(target.t));
  if (seen === undefined) return disagree('(no connection)', key, 'the oracle has no connection');
  const at = `${target.endpoint} at t = ${target.t} s`;
  return seen === key
    ? agree(`${at}: ${seen}`)
    : disagree(seen, key, `${at}: RFC 9293 gives ${seen} once that instant is processed`);
}

// --- close-outcome --------------------------------------------------------------------------

type Side = 'client' | 'server' | 'both' | 'none';

function sideOfText(text: string): Side | null {
  if (/^The client\b/.test(text)) return 'client';
  if (/^The server\b/.test(text)) return 'server';
  if (/^Both\b/.test(text)) return 'both';
  if (/^Neither\b/.test(text)) return 'none';
  return null;
}

function firstNumber(text: string): number | null {
  const m = /(\d+(?:\.\d+)?)/.exec(text);
  return m === null ? null : Number(m[1]);
}

/** Who ends in TIME_WAIT, judged from the shown segments only. */
function seenTimeWait(q: Question): Side | null {
  const shown = q.trace?.segments ?? [];
  const delay = Number(q.trace?.params['link.delay'] ?? 0);
  const first = shown.find((s) => s.flags.includes('F'));
  if (first === undefined) return null;
  const other = shown.find((s) => s.flags.includes('F') && s.from !== first.from);
  const side = (ep: string): Side => (ep === 'client' ? 'client' : 'server');
  // A FIN sent before the first one could arrive crossed it: a simultaneous close.
  if (other !== undefined && other.t < first.t + delay - 1e-9) return 'both';
  return side(first.from);
}

function closeOutcome(q: Question, full: Trace): OracleVerdict {
  const variant = q.source.focus['variant'];
  const r = replay(full);
  if (variant === 'who') {
    const key = keyOption(q);
    const side = key === null ? null : sideOfText(key);
    if (key === null || side === null) return notCovered(`unrecognised key text "${key}"`);
    const tw = (ep: string) =>
      r.conns.some((c) => c.endpoint === ep && c.timeline.some((e) => e.state === 'TIME_WAIT'));
    const c = tw('client');
    const s = tw('server');
    const want: Side = c && s ? 'both' : c ? 'client' : s ? 'server' : 'none';
    if (want !== side) return disagree(want, side, 'sides whose observed states include TIME_WAIT');
    // What the shown trace lets a person say: the side that sends the first FIN waits in
    // TIME_WAIT, and both do only if the shown FINs cross (§3.6, Figure 13).
    const seen = seenTimeWait(q);
    return seen === side
      ? agree(`TIME_WAIT: ${want}`)
      : disagree(
          seen ?? 'no FIN is shown',
          side,
          'the FIN that decides the key is not in the shown trace',
        );
  }
  if (variant === 'path') {
    if (q.kind !== 'multi') return notCovered('path question is not multi');
    const endpoint = String(q.source.focus['endpoint']);
    const fin = full.segments.find((s) => s.flags.includes('F'));
    if (fin === undefined) return notCovered('no FIN in the trace');
    const conn = r.conn(endpoint, fin.cport);
    if (conn === undefined) return notCovered(`no connection for ${endpoint}`);
    const path: string[] = [];
    for (const e of conn.timeline) {
      if (e.us < toUs(fin.t) || e.state === 'ESTABLISHED' || e.state === 'CLOSED') continue;
      if (!path.includes(e.state)) path.push(e.state);
    }
    const key = q.answer.options.map((id) => q.options.find((o) => o.id === id)?.text ?? id);
    const want = [...path].sort().join(', ');
    const got = [...key].sort().join(', ');
    return want === got
      ? agree(`${endpoint} passes ${path.join(' → ')}`)
      : disagree(want, got, `${endpoint}'s observed states from the first FIN on`);
  }
  if (variant === 'unread') {
    const key = keyOption(q);
    if (key === null) return notCovered('not a choice question');
    const got = /^A RST\b/.test(key)
      ? 'RST'
      : /^A FIN, then/.test(key)
        ? 'FIN then RST'
        : /^A FIN\b/.test(key)
          ? 'FIN'
          : /^Nothing\b/.test(key)
            ? 'nothing'
            : null;
    if (got === null) return notCovered(`unrecognised key text "${key}"`);
    const call = r.conns.filter((c) => c.endpoint === 'server').flatMap((c) => c.calls)[0];
    if (call === undefined) return notCovered('the server never calls close()');
    const want = call.reply === 'RST' ? 'RST' : call.reply === 'FIN' ? 'FIN' : 'nothing';
    return want === got
      ? agree(`close() in ${call.before} sends ${want}`)
      : disagree(want, got, `close() in ${call.before}: RFC 9293 §3.10.4 / RFC 1122 §4.2.2.13`);
  }
  if (variant === 'duration') {
    const key = keyOption(q);
    const got = key === null ? null : firstNumber(key);
    if (got === null) return notCovered(`unrecognised key text "${key}"`);
    const profile = q.source.profile ?? full.profile;
    const msl = Number(q.source.set['client.msl'] ?? Number.NaN);
    const want = timeWaitSeconds(profile, Number.isFinite(msl) ? msl : undefined);
    return want === got
      ? agree(`TIME_WAIT lasts ${want} s`)
      : disagree(`${want} s`, `${got} s`, `TIME_WAIT under the ${profile} profile`);
  }
  return notCovered(`close-outcome variant "${String(variant)}" is not covered`);
}

// --- handshake-loss ---------------------------------------------------------------------------

function handshakeLoss(q: Question, full: Trace): OracleVerdict {
  const variant = q.source.focus['variant'];
  const profile = q.source.profile ?? full.profile;
  if (variant === 'who') {
    const key = keyOption(q);
    if (key === null) return notCovered('not a choice question');
    const got = /^The client retransmits its SYN/.test(key)
      ? 'client'
      : /^The server retransmits its SYN\+ACK/.test(key)
        ? 'server'
        : /^The server retransmits the client/.test(key)
          ? 'server retransmits the SYN'
          : /^Both\b/.test(key)
            ? 'both'
            : /^Nobody\b/.test(key)
              ? 'none'
              : null;
    if (got === null) return notCovered(`unrecognised key text "${key}"`);
    const r = replay(full);
    // RFC 6298 §2.1 (and Linux TCP_TIMEOUT_INIT): a SYN or SYN+ACK not acknowledged within the
    // initial RTO of 1 s is sent again; a pure ACK occupies no sequence space and never is.
    const waits = (c: ConnReplay | undefined, flags: string): boolean => {
      if (c === undefined) return false;
      const first = c.sends.find((s) => full.segments[s.index]?.flags === flags);
      if (first === undefined) return false;
      const est = c.timeline.find((e) => e.state === 'ESTABLISHED');
      return est === undefined || est.us > first.us + 1_000_000;
    };
    const syn = full.segments[0];
    if (syn === undefined) return notCovered('empty trace');
    const client = waits(r.conn(syn.from, syn.cport), 'S');
    const server = waits(r.conn(syn.to, syn.cport), 'S.');
    const want = client && server ? 'both' : client ? 'client' : server ? 'server' : 'none';
    return want === got
      ? agree(`retransmits: ${want}`)
      : disagree(want, got, 'whose SYN is still unacknowledged after the initial RTO (1 s)');
  }
  if (variant === 'give-up' || variant === 'nth') {
    if (q.kind !== 'numeric') return notCovered('timing question is not numeric');
    const retries = Number(q.source.set['client.tcp_syn_retries'] ?? 6);
    let want: number | undefined;
    if (variant === 'give-up') want = synGiveUpTime(profile, retries);
    else {
      const k = focusNumber(q, 'k');
      if (k === null) return notCovered('focus names no retransmission number');
      want = synRetransmitTimes(profile, retries)[k - 1];
    }
    if (want === undefined) return notCovered('the schedule has no such retransmission');
    const { value, tolerance } = q.answer;
    return Math.abs(value - want) <= tolerance + 1e-9
      ? agree(`${variant}: ${want} s`)
      : disagree(`${want} s`, `${value} s`, `SYN retransmission schedule under ${profile}`);
  }
  return notCovered(`handshake-loss variant "${String(variant)}" is not covered`);
}

// --- seq-ack-numbers --------------------------------------------------------------------------

function seqAckNumbers(q: Question, full: Trace): OracleVerdict {
  if (q.kind !== 'numeric') return notCovered('not numeric');
  const variant = q.source.focus['variant'];
  const segs = full.segments;
  const clientData = segs.filter((s) => s.from === 'client' && s.len > 0);
  const asked: TraceSegment | undefined =
    variant === 'syn'
      ? segs[0]
      : variant === 'synack'
        ? segs.find((s) => s.flags === 'S.')
        : variant === 'data'
          ? clientData[0]
          : variant === 'fin'
            ? segs.find((s) => s.from === 'client' && s.flags.includes('F'))
            : variant === 'loss'
              ? clientData[2]
              : undefined;
  if (asked === undefined) return notCovered(`seq-ack variant "${String(variant)}" is not covered`);
  const r = replay(full);
  const receiver = r.conn(asked.to, asked.cport);
  const index = segs.indexOf(asked);
  const arrival = receiver?.arrivals.find((a) => a.index === index);
  if (receiver === undefined || arrival?.rcvNxt === undefined)
    return disagree('(the segment never arrives)', String(q.answer.value), 'no arrival');
  const abs = arrival.rcvNxt;
  const rel = receiver.sends[0]?.irs === undefined ? null : mod32(abs - receiver.sends[0].irs!);
  const got = q.answer.value;
  return got === abs || got === rel
    ? agree(`ack after segment #${index + 1}: ${abs}`)
    : disagree(String(abs), String(got), `RCV.NXT of ${asked.to} after segment #${index + 1}`);
}

// --- next-segment -----------------------------------------------------------------------------

function digitsIn(text: string): Set<number> {
  return new Set((text.match(/\d+/g) ?? []).map(Number));
}

function nextSegment(q: Question, full: Trace): OracleVerdict {
  if (q.kind !== 'fields') return notCovered('not a fields question');
  const index = focusNumber(q, 'segment');
  if (index === null) return notCovered('focus names no segment');
  const seg = full.segments[index];
  if (seg === undefined) return notCovered(`no segment #${index}`);
  const r = replay(full);
  const conn = r.conn(seg.from, seg.cport);
  const rec = conn?.sends.find((s) => s.index === index);
  if (conn === undefined || rec === undefined) return notCovered('the sender has no connection');
  const key = q.answer.fields;
  const problems: string[] = [];
  const syn = key.flags.includes('S');
  const shownNumbers = new Set<number>([
    ...digitsIn(q.stem),
    ...(q.trace?.segments ?? []).flatMap((s) => [s.abs_seq, s.abs_ack ?? -1]),
  ]);
  // seq: a new SYN carries a fresh ISN; everything else carries SND.NXT (§3.4, §3.10.7).
  let relative = false;
  if (syn && rec.iss === undefined) {
    if (key.seq === 0) relative = true;
    else if (key.seq === null || !shownNumbers.has(key.seq))
      problems.push(
        `seq ${key.seq} is ${seg.from}'s ISN, which neither the stem nor the shown trace gives`,
      );
  } else if (rec.sndNxt !== undefined && rec.iss !== undefined) {
    const rel = mod32(rec.sndNxt - rec.iss);
    if (key.seq === rel && key.seq !== rec.sndNxt) relative = true;
    else if (key.seq !== rec.sndNxt) problems.push(`seq should be SND.NXT = ${rec.sndNxt}`);
  }
  // ack: RCV.NXT once every arrival up to the sending instant is processed.
  if (key.flags.includes('.')) {
    const rcv = rec.rcvNxt.at(-1);
    if (rcv === undefined) problems.push('an ACK before anything was received');
    else {
      const want = relative && rec.irs !== undefined ? mod32(rcv - rec.irs) : rcv;
      if (key.ack !== want)
        problems.push(`ack should be RCV.NXT = ${want} (every arrival up to the sending instant)`);
    }
  } else if (key.ack !== null) problems.push('ack given although the ACK flag is off');
  // flags: a FIN needs the application to have closed its direction by then.
  if (key.flags.includes('F')) {
    const closed = full.events.some(
      (e) =>
        e.endpoint === seg.from &&
        e.cport === seg.cport &&
        (e.event === 'close' || e.event === 'shutdown') &&
        toUs(e.t) <= rec.us,
    );
    if (!closed) problems.push('a FIN although the application has not closed');
  }
  if (syn && key.flags.includes('.') && rec.irs === undefined)
    problems.push('a SYN+ACK before any SYN arrived');
  const got = `${key.flags} seq=${key.seq} ack=${key.ack}`;
  return problems.length === 0
    ? agree(got)
    : disagree(problems.join('; '), got, `segment #${index + 1} from ${seg.from}`);
}

// --- order-segments ---------------------------------------------------------------------------

/** The trace segment an option describes, by the generator's own wording or its numbers. */
function segmentOfOption(text: string, full: Trace, q: Question): number | null {
  const exact = full.segments.flatMap((s, i) => (describeSegment(s, q.locale) === text ? [i] : []));
  if (exact.length >= 1) return exact[0]!;
  return null;
}

function orderSegments(q: Question, full: Trace): OracleVerdict {
  if (q.kind !== 'order') return notCovered('not an order question');
  const indices: number[] = [];
  for (const o of q.options) {
    const i = segmentOfOption(o.text, full, q);
    if (i === null) return notCovered(`option "${o.text}" matches no segment`);
    indices.push(i);
  }
  const items: WireSegment[] = indices.map((i) => full.segments[i]!);
  const before = causalOrder(items);
  const pos = new Map(q.answer.order.map((id, k) => [id, k]));
  const keyRank = q.options.map((o) => pos.get(o.id) ?? -1);
  for (let a = 0; a < items.length; a++)
    for (let b = 0; b < items.length; b++)
      if (before[a]![b] && keyRank[a]! > keyRank[b]!)
        return disagree(
          `${q.options[a]!.id} before ${q.options[b]!.id}`,
          q.answer.order.join(' '),
          'the key breaks causality (seq/ack)',
        );
  const { orders, complete } = linearExtensions(before, 64);
  for (const order of orders) {
    const response = { order: order.map((k) => q.options[k]!.id) };
    const g = grade(q, response);
    if (g.valid && g.score < 1)
      return disagree(
        `every causally valid order accepted (${complete ? orders.length : `≥ ${orders.length}`} valid)`,
        `${response.order.join(' ')} scores ${g.score.toFixed(2)}`,
        'an order consistent with seq/ack causality is marked wrong',
      );
  }
  return agree(`${orders.length}${complete ? '' : '+'} causally valid orders, all accepted`);
}

// --- spot-the-error ---------------------------------------------------------------------------

interface Flagged {
  index: number;
  why: string;
}

/** Segments of `segs` no correct TCP could send, repairing each so later ones are judged fairly. */
export function impossibleSegments(
  segs: readonly WireSegment[],
  base: Omit<Parameters<typeof replay>[0], 'segments'>,
): Flagged[] {
  const work = segs.map((s) => ({ ...s }));
  const out: Flagged[] = [];
  for (let guard = 0; guard <= work.length; guard++) {
    const r = replay({ ...base, segments: work });
    let found: (Flagged & { fix: Partial<WireSegment> }) | null = null;
    for (let i = 0; i < work.length && found === null; i++) {
      if (out.some((f) => f.index === i)) continue;
      const s = work[i]!;
      if (s.flags.includes('R')) continue;
      const rec = r.conn(s.from, s.cport)?.sends.find((x) => x.index === i);
      const syn = s.flags.includes('S');
      const ack = s.flags.includes('.');
      if (rec === undefined) {
        found = { index: i, why: 'sent by no connection', fix: {} };
        break;
      }
      if (!syn && rec.iss === undefined) {
        found = { index: i, why: 'no SYN was sent before it', fix: { flags: `S${s.flags}` } };
        break;
      }
      if (syn && ack && rec.irs === undefined) {
        found = { index: i, why: 'a SYN+ACK before any SYN arrived', fix: {} };
        break;
      }
      if (rec.sndNxt !== undefined && !syn) {
        // A keepalive probe (RFC 9293 §3.8.4) repeats the last byte: a pure ACK at SND.NXT − 1.
        const keepalive = s.flags === '.' && s.len <= 1 && mod32(rec.sndNxt - 1) === s.abs_seq;
        // A retransmission repeats an earlier segment's sequence number.
        const retransmit = work
          .slice(0, i)
          .some(
            (e) =>
              e.from === s.from &&
              e.cport === s.cport &&
              e.abs_seq === s.abs_seq &&
              e.len + (e.flags.includes('F') ? 1 : 0) > 0,
          );
        if (s.abs_seq !== rec.sndNxt && !keepalive && !retransmit) {
          found = { index: i, why: `seq should be ${rec.sndNxt}`, fix: { abs_seq: rec.sndNxt } };
          break;
        }
      }
      if (ack && s.abs_ack !== null && !rec.rcvNxt.includes(s.abs_ack)) {
        const fix = rec.rcvNxt.at(-1);
        found = {
          index: i,
          why: `ack should be ${rec.rcvNxt.join(' or ')}`,
          fix: fix === undefined ? {} : { abs_ack: fix },
        };
        break;
      }
    }
    if (found === null) break;
    out.push({ index: found.index, why: found.why });
    Object.assign(work[found.index]!, found.fix);
  }
  return out;
}

function spotTheError(q: Question): OracleVerdict {
  const key = keyOption(q);
  if (key === null || q.trace === null) return notCovered('not a choice question with a trace');
  const m = /^#(\d+):/.exec(key);
  if (m === null) return notCovered(`unrecognised key text "${key}"`);
  const n = Number(m[1]);
  const flagged = impossibleSegments(q.trace.segments, {
    events: q.trace.events,
    params: q.trace.params,
  });
  const want = flagged.map((f) => `#${f.index + 1} (${f.why})`).join(', ');
  if (flagged.length === 1 && flagged[0]!.index === n - 1)
    return agree(`#${n}: ${flagged[0]!.why}`);
  return disagree(
    flagged.length === 0 ? 'no segment is impossible for a correct TCP' : want,
    `#${n}`,
    'segments no correct TCP could send (seq = SND.NXT, ack = RCV.NXT)',
  );
}

// --- dispatch ---------------------------------------------------------------------------------

/**
 * The oracle's verdict on `q` (the en question; zh is the same question) given the full trace
 * its source simulates. Templates and variants the oracle does not model are `not-covered`.
 */
export function oracleCheck(q: Question, full: Trace | null): OracleVerdict {
  const skip = NOT_COVERED[q.template];
  if (skip !== undefined) return notCovered(skip);
  if (q.template === 'spot-the-error') return spotTheError(q);
  if (full === null) return notCovered('no simulation behind this question');
  switch (q.template) {
    case 'next-state':
      return nextState(q, full);
    case 'close-outcome':
      return closeOutcome(q, full);
    case 'handshake-loss':
      return handshakeLoss(q, full);
    case 'seq-ack-numbers':
      return seqAckNumbers(q, full);
    case 'next-segment':
      return nextSegment(q, full);
    case 'order-segments':
      return orderSegments(q, full);
    default:
      return notCovered('no oracle rule for this template');
  }
}
