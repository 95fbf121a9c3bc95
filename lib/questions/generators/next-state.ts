// Family "next-state": from a trace prefix, which state an endpoint is in once a segment it
// receives (or a socket call it makes) has been processed — the state `ss` would show.

import type { TcpState, Trace } from '@/lib/engine';
import { buildChoice, pick, prefixTrace, runSim, sourceOf, type Distractor } from '../build';
import { steps } from '../explain';
import { describeSegment, endpointName, endpointTitle, tr, type Text } from '../locales/common';
import type { Answer, Question, QuestionBody } from '../schema';
import type { Difficulty, GenContext, SimSpec, TemplateDef, Topic } from '../types';
import { observedStates } from './observed';

/**
 * What each difficulty asks about: a scenario and one observed transition "FROM>TO" in it,
 * drawn uniformly, so no key dominates a difficulty. d1: the handshake (and a refused
 * connect); d2: the four-segment close from either side; d3: what each special scenario is
 * about (its ordinary transitions are d1/d2 material).
 */
const PLANS: Record<Difficulty, readonly (readonly [string, string])[]> = {
  1: [
    ['handshake-data-close', 'CLOSED>SYN_SENT'],
    ['handshake-data-close', 'LISTEN>SYN_RECV'],
    ['handshake-data-close', 'SYN_SENT>ESTABLISHED'],
    ['handshake-data-close', 'SYN_RECV>ESTABLISHED'],
    // Twice: two of the other four keys are ESTABLISHED, the longest state name, so without
    // it "pick the longest option" would be right in 40 % of d1 questions.
    ['refused', 'SYN_SENT>CLOSED'],
    ['refused', 'SYN_SENT>CLOSED'],
  ],
  2: ['handshake-data-close', 'server-active-close'].flatMap((scenario) =>
    [
      'ESTABLISHED>FIN_WAIT1',
      'FIN_WAIT1>FIN_WAIT2',
      'FIN_WAIT2>TIME_WAIT',
      'ESTABLISHED>CLOSE_WAIT',
      'CLOSE_WAIT>LAST_ACK',
      'LAST_ACK>CLOSED',
    ].map((pair) => [scenario, pair] as const),
  ),
  3: [
    ['simultaneous-open', 'SYN_SENT>SYN_RECV'],
    ['simultaneous-open', 'SYN_RECV>ESTABLISHED'],
    ['simultaneous-close', 'FIN_WAIT1>CLOSING'],
    ['simultaneous-close', 'CLOSING>TIME_WAIT'],
    ['close-merged', 'FIN_WAIT1>TIME_WAIT'],
    // Twice: it is the only d3 plan on the handshake-loss topic.
    ['third-ack-dropped-data', 'SYN_RECV>ESTABLISHED'],
    ['third-ack-dropped-data', 'SYN_RECV>ESTABLISHED'],
    ['half-close', 'ESTABLISHED>FIN_WAIT1'],
    ['half-close', 'FIN_WAIT1>FIN_WAIT2'],
    ['half-close', 'FIN_WAIT2>TIME_WAIT'],
    ['half-close', 'CLOSE_WAIT>LAST_ACK'],
  ],
};

const HANDSHAKE: readonly TcpState[] = ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED'];

/** Why a transition happens, keyed "FROM>TO". */
const REASONS: Record<string, Text> = {
  'CLOSED>SYN_SENT': {
    en: 'connect() sends a SYN and waits for the SYN+ACK',
    zh: 'connect() 发送 SYN 并等待 SYN+ACK',
  },
  'LISTEN>SYN_RECV': {
    en: 'a listener that receives a SYN creates a new connection in SYN_RECV and answers SYN+ACK; the listener itself stays in LISTEN',
    zh: '监听套接字收到 SYN 后创建一个处于 SYN_RECV 的新连接并回复 SYN+ACK，监听套接字本身仍处于 LISTEN',
  },
  'SYN_SENT>ESTABLISHED': {
    en: 'a SYN+ACK that acknowledges our SYN completes the handshake for the client',
    zh: '收到确认了自己 SYN 的 SYN+ACK，对客户端而言握手完成',
  },
  'SYN_SENT>CLOSED': {
    en: 'a RST that acknowledges our SYN means nothing listens on that port: connect() fails with ECONNREFUSED and the socket is closed',
    zh: '确认了本端 SYN 的 RST 表示该端口没有监听者：connect() 以 ECONNREFUSED 失败，套接字关闭',
  },
  'SYN_SENT>SYN_RECV': {
    en: 'a SYN without ACK while in SYN_SENT is a simultaneous open: answer SYN+ACK and wait',
    zh: '在 SYN_SENT 状态收到不带 ACK 的 SYN，属于同时打开：回复 SYN+ACK 并等待确认',
  },
  'SYN_RECV>ESTABLISHED': {
    en: 'the ACK of our SYN+ACK (a pure ACK or a data segment) completes the handshake',
    zh: '收到对 SYN+ACK 的确认（纯 ACK 或携带数据的报文段）后握手完成',
  },
  'ESTABLISHED>FIN_WAIT1': {
    en: 'the application closed its direction (close() or shutdown(SHUT_WR)), so this side sends FIN and waits for its ACK',
    zh: '应用关闭了本端的发送方向（close() 或 shutdown(SHUT_WR)），本端发送 FIN 并等待对方确认',
  },
  'ESTABLISHED>CLOSE_WAIT': {
    en: 'a FIN from the peer means it will send no more; we ACK it and wait for our application to close',
    zh: '收到对方的 FIN，表示对方不再发送数据；本端确认后等待本地应用关闭',
  },
  'FIN_WAIT1>FIN_WAIT2': {
    en: 'the segment acknowledges our FIN but carries no FIN of its own: we wait for the peer’s FIN',
    zh: '该报文段确认了本端的 FIN，但本身不带 FIN：本端等待对方的 FIN',
  },
  'FIN_WAIT1>CLOSING': {
    en: 'the peer’s FIN arrived without acknowledging our FIN: both FINs crossed (simultaneous close)',
    zh: '对方的 FIN 到达，但它没有确认本端的 FIN：双方的 FIN 交叉（同时关闭）',
  },
  'FIN_WAIT1>TIME_WAIT': {
    en: 'one segment both acknowledges our FIN and carries the peer’s FIN; once it is processed we have ACKed that FIN and wait in TIME_WAIT (RFC 9293 §3.10.7.4: FIN_WAIT2 lasts no longer than the processing of this one segment, so `ss` never shows it)',
    zh: '一个报文段既确认了本端的 FIN，又携带对方的 FIN；处理完这个报文段后本端已确认该 FIN，进入 TIME_WAIT（RFC 9293 §3.10.7.4：FIN_WAIT2 只存在于处理这一个报文段的过程中，ss 看不到它）',
  },
  'FIN_WAIT2>TIME_WAIT': {
    en: 'the peer’s FIN arrives; we ACK it and wait in TIME_WAIT in case that ACK is lost',
    zh: '收到对方的 FIN，发送确认后进入 TIME_WAIT 等待，以防这个 ACK 丢失',
  },
  'CLOSING>TIME_WAIT': {
    en: 'the ACK of our FIN arrives after we already received the peer’s FIN',
    zh: '在已收到对方 FIN 的情况下，本端 FIN 的确认也到达了',
  },
  'CLOSE_WAIT>LAST_ACK': {
    en: 'the application closed too, so this side sends its FIN and waits for the last ACK',
    zh: '本地应用也关闭了，本端发送自己的 FIN 并等待最后的 ACK',
  },
  'LAST_ACK>CLOSED': {
    en: 'the ACK of our FIN arrives; the passive closer needs no TIME_WAIT',
    zh: '收到对本端 FIN 的确认；被动关闭方不需要 TIME_WAIT',
  },
};

const TEXT = {
  stemSegment: {
    en: (ep: string, prev: string, n: number, seg: string) =>
      `${ep} is in ${prev}. The trace stops when segment #${n} (${seg}) reaches it. Which state is it in once that segment has been processed?`,
    zh: (ep: string, prev: string, n: number, seg: string) =>
      `${ep}当前处于 ${prev} 状态。下图的时序在第 ${n} 个报文段（${seg}）到达${ep}时停止。处理完这个报文段后，${ep}处于什么状态？`,
  },
  stemListener: {
    en: (n: number, seg: string) =>
      `The server’s listening socket is in LISTEN. The trace stops when segment #${n} (${seg}) reaches it. Once that segment has been processed, which state is the new connection in?`,
    zh: (n: number, seg: string) =>
      `服务器的监听套接字处于 LISTEN 状态。下图的时序在第 ${n} 个报文段（${seg}）到达服务器时停止。处理完这个报文段后，新建的连接处于什么状态？`,
  },
  stemApp: {
    en: (ep: string, prev: string, call: string) =>
      `${ep} is in ${prev}. After the last segment below, its application calls ${call} (the trace stops just before that call). Which state is it in once the call has returned?`,
    zh: (ep: string, prev: string, call: string) =>
      `${ep}当前处于 ${prev} 状态。在下图最后一个报文段之后，${ep}的应用程序调用 ${call}（时序停在这次调用之前）。调用返回后，${ep}处于什么状态？`,
  },
  stemConnect: {
    en: 'The client’s socket has not connected yet (CLOSED). At t = 0 s its application calls connect(). Which state is the socket in once connect() has sent its first segment?',
    zh: '客户端的套接字尚未连接（CLOSED）。在 t = 0 秒，客户端应用调用 connect()。connect() 发出第一个报文段后，该套接字处于什么状态？',
  },
  stepWas: {
    en: (ep: string, prev: string) => `${ep} was in ${prev}.`,
    zh: (ep: string, prev: string) => `${ep}原来处于 ${prev}。`,
  },
  stepGot: {
    en: (seg: string) => `It receives ${seg}.`,
    zh: (seg: string) => `它收到报文段：${seg}。`,
  },
  stepCall: {
    en: (call: string, seg: string | null) =>
      seg === null
        ? `Its application calls ${call}.`
        : `Its application calls ${call}; it sends ${seg}.`,
    zh: (call: string, seg: string | null) =>
      seg === null
        ? `它的应用程序调用 ${call}。`
        : `它的应用程序调用 ${call}，并发送报文段：${seg}。`,
  },
  stepWhy: { en: (r: string) => `Why: ${r}.`, zh: (r: string) => `原因：${r}。` },
  stepKey: {
    en: (ep: string, s: string) => `So ${ep} enters ${s}.`,
    zh: (ep: string, s: string) => `所以${ep}进入 ${s} 状态。`,
  },
};

type Call = 'connect()' | 'close()' | 'shutdown(SHUT_WR)';

/** One observed change of a connection's state and what caused it. */
export interface Transition {
  endpoint: string;
  prev: TcpState;
  next: TcpState;
  t: number;
  /** Index of the entered state in `trace.states`. */
  index: number;
  /** Position of the entered state among the endpoint's observed connection states. */
  nth: number;
  /** The segment whose arrival caused it, or the socket call. */
  cause: { segment: number } | { call: Call };
}

const SAME_INSTANT = 1e-9;

/** The socket call behind a state change at `t`, if the application made one. */
function callAt(trace: Trace, endpoint: string, t: number): Call | null {
  const e = trace.events.find(
    (x) =>
      x.endpoint === endpoint &&
      Math.abs(x.t - t) < SAME_INSTANT &&
      (x.event === 'close' || x.event === 'shutdown') &&
      x.socket !== 'listener',
  );
  if (e === undefined) return null;
  return e.event === 'shutdown' ? 'shutdown(SHUT_WR)' : 'close()';
}

/** The segment that reaches `endpoint` at `t` (sent one link delay earlier), if any. */
function arrivalAt(trace: Trace, endpoint: string, t: number): number | null {
  const delay = Number(trace.params['link.delay'] ?? 0);
  const i = trace.segments.findIndex(
    (g) => g.to === endpoint && !g.dropped && Math.abs(g.t + delay - t) < SAME_INSTANT,
  );
  return i === -1 ? null : i;
}

/**
 * Every observed state change of a connection socket worth asking about: a segment arrival
 * or a socket call (timer expiries such as TIME_WAIT → CLOSED are left out), plus the two
 * births: connect() (CLOSED → SYN_SENT) and a SYN reaching a listener (LISTEN → SYN_RECV).
 */
export function transitions(trace: Trace): Transition[] {
  const observed = observedStates(trace.states);
  const out: Transition[] = [];
  const seen = new Set<string>();
  observed.forEach((s) => {
    if (s.socket !== 'conn') return;
    const key = `${s.endpoint}|${s.cport}`;
    const own = observed.filter(
      (o) => o.endpoint === s.endpoint && o.socket === 'conn' && o.cport === s.cport,
    );
    const k = own.indexOf(s);
    const index = trace.states.indexOf(s);
    if (k === 0) {
      if (seen.has(key)) return;
      seen.add(key);
      const listening = trace.states.some(
        (l) => l.endpoint === s.endpoint && l.socket === 'listener' && l.state === 'LISTEN',
      );
      const seg = arrivalAt(trace, s.endpoint, s.t);
      if (s.state === 'SYN_SENT')
        out.push({
          endpoint: s.endpoint,
          prev: 'CLOSED',
          next: s.state,
          t: s.t,
          index,
          nth: 0,
          cause: { call: 'connect()' },
        });
      else if (s.state === 'SYN_RECV' && listening && seg !== null)
        out.push({
          endpoint: s.endpoint,
          prev: 'LISTEN',
          next: s.state,
          t: s.t,
          index,
          nth: 0,
          cause: { segment: seg },
        });
      return;
    }
    const prev = own[k - 1]!;
    if (prev.t >= s.t) return;
    if (s.state === 'CLOSED' && prev.state !== 'LAST_ACK' && prev.state !== 'SYN_SENT') return;
    const seg = arrivalAt(trace, s.endpoint, s.t);
    const call = callAt(trace, s.endpoint, s.t);
    const cause = seg !== null ? { segment: seg } : call !== null ? { call } : null;
    if (cause === null) return;
    out.push({
      endpoint: s.endpoint,
      prev: prev.state,
      next: s.state,
      t: s.t,
      index,
      nth: k,
      cause,
    });
  });
  return out;
}

/** What the question is about: the states it names and the scenario's point. */
export function topicsOf(scenario: string, tr: Transition): Topic[] {
  const out = new Set<Topic>(['states']);
  const pair = [tr.prev, tr.next];
  if (HANDSHAKE.includes(tr.next)) out.add('handshake');
  else if (tr.prev === 'SYN_SENT' && tr.next === 'CLOSED') out.add('handshake').add('rst');
  else out.add('close');
  if (pair.includes('CLOSE_WAIT')) out.add('close-wait');
  if (pair.includes('TIME_WAIT')) out.add('time-wait');
  if (pair.includes('FIN_WAIT2')) out.add('fin-wait-2');
  if (pair.includes('CLOSING') || (scenario === 'simultaneous-open' && HANDSHAKE.includes(tr.next)))
    out.add('simultaneous');
  if (scenario === 'half-close' && out.has('close')) out.add('half-close');
  if (scenario === 'third-ack-dropped-data' && tr.next === 'ESTABLISHED') out.add('handshake-loss');
  return [...out];
}

function lessonOf(scenario: string, topics: readonly Topic[]): string {
  if (topics.includes('simultaneous')) return 'simultaneous-open-and-close';
  if (topics.includes('rst')) return 'rst-and-abort';
  if (topics.includes('handshake-loss')) return 'data-on-the-handshake';
  if (topics.includes('handshake')) return 'three-way-handshake';
  if (scenario === 'half-close') return 'half-close-shutdown-vs-close';
  if (scenario === 'close-merged') return 'three-segment-close';
  return 'four-way-close';
}

/** The peer's observed state just before `t` (null before it has a connection). */
function peerBefore(trace: Trace, endpoint: string, t: number): TcpState | null {
  const peer = observedStates(trace.states).filter(
    (s) => s.endpoint !== endpoint && s.socket === 'conn' && s.t < t,
  );
  return peer.at(-1)?.state ?? null;
}

/** The state the endpoint observably enters after the key, if any. */
function stateAfter(trace: Trace, tr: Transition): TcpState | null {
  const s = trace.states[tr.index]!;
  const later = observedStates(trace.states).filter(
    (o) => o.endpoint === s.endpoint && o.socket === 'conn' && o.cport === s.cport && o.t > s.t,
  );
  return later[0]?.state ?? null;
}

function distractors(trace: Trace, tr: Transition): Distractor[] {
  const out: Distractor[] = [];
  const state = tr.next;
  if (state === 'CLOSE_WAIT')
    out.push({ text: 'FIN_WAIT2', misconception: 'close-wait-vs-fin-wait-2' });
  if (state === 'FIN_WAIT2')
    out.push({ text: 'CLOSE_WAIT', misconception: 'close-wait-vs-fin-wait-2' });
  if (state === 'LAST_ACK' || (state === 'CLOSED' && tr.prev === 'LAST_ACK'))
    out.push({ text: 'TIME_WAIT', misconception: 'time-wait-on-passive-closer' });
  if (state === 'TIME_WAIT' && tr.prev === 'FIN_WAIT1')
    out.push({ text: 'FIN_WAIT2', misconception: 'momentary-state-as-answer' });
  out.push({
    text: tr.prev,
    misconception: 'segment' in tr.cause ? 'no-state-change' : 'no-state-change-on-call',
  });
  const peer = peerBefore(trace, tr.endpoint, tr.t);
  if (peer !== null) out.push({ text: peer, misconception: 'peer-state' });
  const after = stateAfter(trace, tr);
  if (after !== null) out.push({ text: after, misconception: 'skips-a-state' });
  // Fillers, long names included so the key is not the longest option by construction.
  const fillers: TcpState[] =
    HANDSHAKE.includes(state) || state === 'CLOSED'
      ? ['ESTABLISHED', 'SYN_RECV', 'SYN_SENT', 'LISTEN', 'FIN_WAIT1', 'CLOSE_WAIT']
      : ['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT2', 'TIME_WAIT', 'LAST_ACK', 'CLOSING'];
  for (const filler of fillers) out.push({ text: filler });
  return out;
}

interface Plan {
  spec: SimSpec;
  trace: Trace;
  target: Transition;
}

function plan(ctx: GenContext): Plan {
  // A run without the drawn transition (none is known today) draws again.
  for (let attempt = 0; attempt < 8; attempt++) {
    const [scenario, pair] = pick(ctx.rng, PLANS[ctx.difficulty]);
    const spec: SimSpec = { scenario, seed: ctx.rng.uint32(), set: {} };
    const trace = runSim(spec);
    const candidates = transitions(trace).filter((t) => `${t.prev}>${t.next}` === pair);
    if (candidates.length > 0) return { spec, trace, target: pick(ctx.rng, candidates) };
  }
  throw new RangeError(`next-state d${ctx.difficulty}: no transition to ask about`);
}

/**
 * The trace shown before the transition, its momentary states left out. A segment's effect is
 * asked once it arrives (that segment was sent earlier and is shown); a call's before it is
 * made (the FIN it sends is not shown: that would give the answer away).
 */
function shownBefore(trace: Trace, target: Transition) {
  const count = trace.segments.filter((g) => g.t < target.t - SAME_INSTANT).length;
  const shown = prefixTrace(trace, count, target.t);
  return { ...shown, states: observedStates(shown.states) };
}

/** The transition into the endpoint's `nth` observed connection state. */
function transitionAt(trace: Trace, endpoint: string, nth: number): Transition | undefined {
  return transitions(trace).find((t) => t.endpoint === endpoint && t.nth === nth);
}

function generate(ctx: GenContext): QuestionBody {
  const { spec, trace, target } = plan(ctx);
  const { locale } = ctx;
  const ep = target.endpoint;
  const state = target.next;
  const choice = buildChoice(ctx.rng, state, distractors(trace, target));
  const cause = 'segment' in target.cause ? trace.segments[target.cause.segment]! : undefined;
  const call = 'call' in target.cause ? target.cause.call : null;
  let stem: string;
  if (cause !== undefined && target.prev === 'LISTEN')
    stem = TEXT.stemListener[locale](
      trace.segments.indexOf(cause) + 1,
      describeSegment(cause, locale),
    );
  else if (cause !== undefined)
    stem = TEXT.stemSegment[locale](
      endpointTitle(ep, locale),
      target.prev,
      trace.segments.indexOf(cause) + 1,
      describeSegment(cause, locale),
    );
  else if (call === 'connect()') stem = TEXT.stemConnect[locale];
  else stem = TEXT.stemApp[locale](endpointTitle(ep, locale), target.prev, call ?? 'close()');
  const sent = trace.segments.find((g) => g.from === ep && Math.abs(g.t - target.t) < SAME_INSTANT);
  const reason = REASONS[`${target.prev}>${state}`];
  const lines = [TEXT.stepWas[locale](endpointTitle(ep, locale), target.prev)];
  if (cause !== undefined) lines.push(TEXT.stepGot[locale](describeSegment(cause, locale)));
  else
    lines.push(
      TEXT.stepCall[locale](
        call ?? 'close()',
        sent === undefined ? null : describeSegment(sent, locale),
      ),
    );
  if (reason !== undefined) lines.push(TEXT.stepWhy[locale](tr(locale, reason)));
  lines.push(TEXT.stepKey[locale](endpointName(ep, locale), state));
  const topics = topicsOf(spec.scenario, target);
  return {
    kind: 'choice',
    topics,
    lesson: lessonOf(spec.scenario, topics),
    stem,
    // connect() is the first thing that happens: there is nothing to show yet.
    trace: call === 'connect()' ? null : shownBefore(trace, target),
    options: choice.options,
    answer: choice.answer,
    explanation: steps(lines),
    misconceptions: choice.misconceptions,
    // `t` is not used by solve(): it lets an independent checker find the moment asked about.
    source: sourceOf(spec, { endpoint: ep, nth: target.nth, t: target.t }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'choice') throw new TypeError('next-state needs a trace');
  const target = transitionAt(
    trace,
    String(q.source.focus['endpoint']),
    Number(q.source.focus['nth']),
  );
  // A state that is no longer an observed transition has no key.
  const option = target && q.options.find((o) => o.text === target.next);
  return { option: option?.id ?? '' };
}

export const nextState: TemplateDef = {
  id: 'next-state',
  topics: [
    'states',
    'handshake',
    'close',
    'simultaneous',
    'half-close',
    'close-wait',
    'time-wait',
    'fin-wait-2',
    'rst',
    'handshake-loss',
  ],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
