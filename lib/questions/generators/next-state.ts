// Family "next-state": from a trace prefix, which state an endpoint enters next.

import type { TcpState, Trace, TraceState } from '@/lib/engine';
import {
  buildChoice,
  fmtSeconds,
  pick,
  prefixTrace,
  runSim,
  sourceOf,
  type Distractor,
} from '../build';
import { steps } from '../explain';
import { describeSegment, endpointName, endpointTitle, tr, type Text } from '../locales/common';
import type { Answer, Question, QuestionBody } from '../schema';
import type { Difficulty, GenContext, SimSpec, TemplateDef, Topic } from '../types';

const SCENARIOS: Record<Difficulty, readonly string[]> = {
  1: ['handshake-data-close'],
  2: ['handshake-data-close', 'server-active-close'],
  3: [
    'simultaneous-close',
    'close-merged',
    'simultaneous-open',
    'third-ack-dropped-data',
    'half-close',
  ],
};
/** Lesson and topics of each scenario's question. */
const ABOUT: Record<string, { lesson: string; topics: Topic[] }> = {
  'handshake-data-close': { lesson: 'four-way-close', topics: ['states', 'close'] },
  'server-active-close': { lesson: 'four-way-close', topics: ['states', 'close'] },
  'simultaneous-close': {
    lesson: 'simultaneous-open-and-close',
    topics: ['states', 'simultaneous'],
  },
  'simultaneous-open': {
    lesson: 'simultaneous-open-and-close',
    topics: ['states', 'simultaneous'],
  },
  'close-merged': { lesson: 'three-segment-close', topics: ['states', 'close'] },
  'half-close': { lesson: 'half-close-shutdown-vs-close', topics: ['states', 'half-close'] },
  'third-ack-dropped-data': { lesson: 'data-on-the-handshake', topics: ['states', 'handshake'] },
};
const HANDSHAKE: readonly TcpState[] = ['SYN_RECV', 'ESTABLISHED'];
const CLOSING: readonly TcpState[] = [
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
];

/** Why a transition happens, keyed "FROM>TO". */
const REASONS: Record<string, Text> = {
  'LISTEN>SYN_RECV': {
    en: 'a listener that receives a SYN creates a request in SYN_RECV and answers SYN+ACK',
    zh: '监听套接字收到 SYN 后创建一个处于 SYN_RECV 的连接请求，并回复 SYN+ACK',
  },
  'SYN_SENT>ESTABLISHED': {
    en: 'a SYN+ACK that acknowledges our SYN completes the handshake for the client',
    zh: '收到确认了自己 SYN 的 SYN+ACK，对客户端而言握手完成',
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
    en: 'our FIN has been acknowledged, but the peer has not sent its own FIN yet',
    zh: '本端的 FIN 已被确认，但对方还没有发送它的 FIN',
  },
  'FIN_WAIT1>CLOSING': {
    en: 'the peer’s FIN arrived before the ACK of our FIN: both FINs crossed (simultaneous close)',
    zh: '对方的 FIN 先于对本端 FIN 的确认到达：双方的 FIN 交叉（同时关闭）',
  },
  'FIN_WAIT1>TIME_WAIT': {
    en: 'one segment carries both the ACK of our FIN and the peer’s FIN, so FIN_WAIT2 is passed through at once',
    zh: '一个报文段同时确认了本端的 FIN 并携带对方的 FIN，因此 FIN_WAIT2 一闪而过',
  },
  'FIN_WAIT2>TIME_WAIT': {
    en: 'the peer’s FIN arrives; we ACK it and wait 2MSL (60 s on Linux) in case that ACK is lost',
    zh: '收到对方的 FIN，发送确认后等待 2MSL（Linux 为 60 秒），以防这个 ACK 丢失',
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
      `${ep} is in ${prev}. The trace stops when segment #${n} (${seg}) reaches it. Which state does it enter next?`,
    zh: (ep: string, prev: string, n: number, seg: string) =>
      `${ep}当前处于 ${prev} 状态。下图的时序在第 ${n} 个报文段（${seg}）到达${ep}时停止。${ep}接下来进入什么状态？`,
  },
  stemApp: {
    en: (ep: string, prev: string, t: string, call: string) =>
      `${ep} is in ${prev}. At t = ${t} s its application calls ${call}; the trace below stops there. Which state does it enter next?`,
    zh: (ep: string, prev: string, t: string, call: string) =>
      `${ep}当前处于 ${prev} 状态。在 t = ${t} 秒，${ep}的应用程序调用了 ${call}，时序在此停止。${ep}接下来进入什么状态？`,
  },
  stepWas: {
    en: (ep: string, prev: string) => `${ep} was in ${prev}.`,
    zh: (ep: string, prev: string) => `${ep}原来处于 ${prev}。`,
  },
  stepGot: {
    en: (seg: string) => `It receives ${seg}.`,
    zh: (seg: string) => `它收到报文段：${seg}。`,
  },
  stepApp: {
    en: (seg: string) => `Its application acts; it sends ${seg}.`,
    zh: (seg: string) => `它的应用程序执行了操作，并发送报文段：${seg}。`,
  },
  stepWhy: { en: (r: string) => `Why: ${r}.`, zh: (r: string) => `原因：${r}。` },
  stepKey: {
    en: (ep: string, s: string) => `So ${ep} enters ${s}.`,
    zh: (ep: string, s: string) => `所以${ep}进入 ${s} 状态。`,
  },
};

interface Target {
  index: number;
  prev: TraceState;
  cause: number | null;
}

function connStates(trace: Trace, endpoint: string): TraceState[] {
  return trace.states.filter((s) => s.endpoint === endpoint && s.socket === 'conn');
}

/** State changes worth asking about: a defined previous state, caused by a segment or the app. */
function targets(trace: Trace, allowed: readonly TcpState[] | null): Target[] {
  const delay = Number(trace.params['link.delay'] ?? 0);
  const out: Target[] = [];
  trace.states.forEach((s, index) => {
    if (s.socket !== 'conn') return;
    if (allowed !== null && !allowed.includes(s.state)) return;
    const own = connStates(trace, s.endpoint);
    const k = own.indexOf(s);
    const prev = own[k - 1];
    // A previous state at the same instant would make "next" ambiguous.
    if (prev === undefined || prev.t >= s.t) return;
    if (s.state === 'CLOSED' && prev.state !== 'LAST_ACK') return;
    const cause = trace.segments.findIndex(
      (g) => g.to === s.endpoint && !g.dropped && Math.abs(g.t + delay - s.t) < 1e-9,
    );
    out.push({ index, prev, cause: cause === -1 ? null : cause });
  });
  return out;
}

/** The socket call behind a state change no segment caused (close, shutdown or connect). */
function appCall(trace: Trace, endpoint: string, t: number): string {
  const e = trace.events.find(
    (x) => x.endpoint === endpoint && Math.abs(x.t - t) < 1e-9 && x.event !== 'send',
  );
  switch (e?.event) {
    case 'shutdown':
      return 'shutdown(SHUT_WR)';
    case 'connect_ok':
    case 'connect_error':
      return 'connect()';
    default:
      return 'close()';
  }
}

function peerOf(trace: Trace, endpoint: string, t: number): TcpState | null {
  const peer = trace.states.filter(
    (s) => s.endpoint !== endpoint && s.socket === 'conn' && s.t < t,
  );
  return peer.at(-1)?.state ?? null;
}

function correctState(trace: Trace, index: number): TcpState {
  const s = trace.states[index];
  if (s === undefined) throw new RangeError(`no state #${index}`);
  return s.state;
}

function distractors(trace: Trace, target: Target, state: TcpState): Distractor[] {
  const out: Distractor[] = [];
  const ep = target.prev.endpoint;
  if (state === 'CLOSE_WAIT')
    out.push({ text: 'FIN_WAIT2', misconception: 'close-wait-vs-fin-wait-2' });
  if (state === 'FIN_WAIT2')
    out.push({ text: 'CLOSE_WAIT', misconception: 'close-wait-vs-fin-wait-2' });
  if (state === 'LAST_ACK' || (state === 'CLOSED' && target.prev.state === 'LAST_ACK'))
    out.push({ text: 'TIME_WAIT', misconception: 'time-wait-on-passive-closer' });
  out.push({ text: target.prev.state, misconception: 'no-state-change' });
  const peer = peerOf(trace, ep, trace.states[target.index]?.t ?? 0);
  if (peer !== null) out.push({ text: peer, misconception: 'peer-state' });
  const own = connStates(trace, ep);
  const after = own[own.indexOf(trace.states[target.index]!) + 1];
  if (after !== undefined) out.push({ text: after.state, misconception: 'skips-a-state' });
  for (const filler of [
    'ESTABLISHED',
    'FIN_WAIT2',
    'CLOSE_WAIT',
    'TIME_WAIT',
    'LAST_ACK',
    'CLOSING',
  ])
    out.push({ text: filler });
  return out;
}

function planSpec(ctx: GenContext): SimSpec {
  return { scenario: pick(ctx.rng, SCENARIOS[ctx.difficulty]), seed: ctx.rng.uint32(), set: {} };
}

function generate(ctx: GenContext): QuestionBody {
  const spec = planSpec(ctx);
  const trace = runSim(spec);
  const allowed = ctx.difficulty === 1 ? HANDSHAKE : ctx.difficulty === 2 ? CLOSING : null;
  const candidates = targets(trace, allowed);
  const target = pick(ctx.rng, candidates);
  const state = correctState(trace, target.index);
  const { locale } = ctx;
  const target_t = trace.states[target.index]!.t;
  const ep = target.prev.endpoint;
  const cutoff =
    target.cause === null
      ? trace.segments.filter((g) => g.t <= target_t).length
      : trace.segments.filter((g) => g.t < target_t).length;
  const shown = prefixTrace(trace, cutoff, target_t);
  const choice = buildChoice(ctx.rng, state, distractors(trace, target, state));
  const cause = target.cause === null ? undefined : trace.segments[target.cause];
  const ownLast = shown.segments.filter((g) => g.from === ep).at(-1);
  const stem =
    cause !== undefined
      ? TEXT.stemSegment[locale](
          endpointTitle(ep, locale),
          target.prev.state,
          (target.cause ?? 0) + 1,
          describeSegment(cause, locale),
        )
      : TEXT.stemApp[locale](
          endpointTitle(ep, locale),
          target.prev.state,
          fmtSeconds(target_t),
          appCall(trace, ep, target_t),
        );
  const reason = REASONS[`${target.prev.state}>${state}`];
  const lines = [TEXT.stepWas[locale](endpointTitle(ep, locale), target.prev.state)];
  if (cause !== undefined) lines.push(TEXT.stepGot[locale](describeSegment(cause, locale)));
  else if (ownLast !== undefined)
    lines.push(TEXT.stepApp[locale](describeSegment(ownLast, locale)));
  if (reason !== undefined) lines.push(TEXT.stepWhy[locale](tr(locale, reason)));
  lines.push(TEXT.stepKey[locale](endpointName(ep, locale), state));
  return {
    kind: 'choice',
    topics:
      ctx.difficulty === 1 ? ['states', 'handshake'] : (ABOUT[spec.scenario]?.topics ?? ['states']),
    lesson:
      ctx.difficulty === 1
        ? 'three-way-handshake'
        : (ABOUT[spec.scenario]?.lesson ?? 'four-way-close'),
    stem,
    trace: shown,
    options: choice.options,
    answer: choice.answer,
    explanation: steps(lines),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { state: target.index }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null || q.kind !== 'choice') throw new TypeError('next-state needs a trace');
  const state = correctState(trace, Number(q.source.focus['state']));
  const option = q.options.find((o) => o.text === state);
  return { option: option?.id ?? '' };
}

export const nextState: TemplateDef = {
  id: 'next-state',
  topics: ['states', 'handshake', 'close', 'simultaneous'],
  kinds: ['choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
