// Family "close-outcome": who ends in TIME_WAIT, how long TIME_WAIT lasts, what close() sends
// when the data was or was not read, and which states one side passes through while closing.

import type { TcpState, Trace } from '@/lib/engine';
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
import { describeSegment, endpointName, flagWords, tr, type Text } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody, ShownTrace } from '../schema';
import type { GenContext, Locale, SimSpec, TemplateDef, Topic } from '../types';
import { otherProfile, defaultVariations } from '../validity';
import { observedStates } from './observed';

const SIDES = {
  client: { en: 'The client', zh: '客户端' },
  server: { en: 'The server', zh: '服务器' },
  both: { en: 'Both sides', zh: '双方都会' },
  none: { en: 'Neither side', zh: '双方都不会' },
} satisfies Record<string, Text>;

const SENDS = {
  fin: { en: 'A FIN (an orderly close)', zh: 'FIN 报文段（正常关闭）' },
  rst: { en: 'A RST: the unread data is discarded', zh: 'RST 报文段：未读数据被丢弃' },
  nothing: { en: 'Nothing until the client sends more', zh: '什么都不发送，直到客户端再发数据' },
  finThenRst: { en: 'A FIN, then a RST', zh: '先发 FIN，再发 RST' },
} satisfies Record<string, Text>;

const TEXT = {
  stemWho: {
    en: 'The trace below stops when the first FIN reaches the other side. Once the connection has closed, which side will have passed through TIME_WAIT?',
    zh: '下图的时序在第一个 FIN 到达对方时停止。连接关闭的过程中，哪一方会进入 TIME_WAIT 状态？',
  },
  stemLinux: {
    en: (f: number) =>
      `On Linux (the linux profile), with net.ipv4.tcp_fin_timeout = ${f} s, how long does the active closer stay in TIME_WAIT?`,
    zh: (f: number) =>
      `在 Linux（linux 配置）上，net.ipv4.tcp_fin_timeout = ${f} 秒，主动关闭方在 TIME_WAIT 状态停留多长时间？`,
  },
  stemTextbook: {
    en: (m: number) =>
      `In the textbook model (the rfc profile, RFC 9293), taking MSL = ${m} s (RFC 9293's nominal MSL is 2 min; this question uses ${m} s), how long does the active closer stay in TIME_WAIT?`,
    zh: (m: number) =>
      `在教材模型（rfc 配置，RFC 9293）中，取 MSL = ${m} 秒（RFC 9293 建议的 MSL 为 2 分钟，本题取 ${m} 秒），主动关闭方在 TIME_WAIT 状态停留多长时间？`,
  },
  stemUnread: {
    en: (l: number, read: boolean) =>
      read
        ? `The client sends ${l} bytes. The server application reads all of them and later calls close(). What does the server send?`
        : `The client sends ${l} bytes. The server application never reads them and later calls close(). What does the server send?`,
    zh: (l: number, read: boolean) =>
      read
        ? `客户端发送了 ${l} 字节数据。服务器应用读完了这些数据，之后调用 close()。服务器发出什么报文段？`
        : `客户端发送了 ${l} 字节数据。服务器应用一直没有读取这些数据，之后调用 close()。服务器发出什么报文段？`,
  },
  firstFin: {
    en: (d: string) => `The first FIN: ${d}. Its sender is an active closer.`,
    zh: (d: string) => `第一个 FIN：${d}。发送它的一方是主动关闭方。`,
  },
  crossed: {
    en: (d: string) =>
      `The other side's FIN, ${d}, was sent before the first FIN reached it: the FINs cross, so both sides are active closers.`,
    zh: (d: string) =>
      `对方的 FIN（${d}）在第一个 FIN 到达之前就已发出：两个 FIN 交叉，双方都是主动关闭方。`,
  },
  notCrossed: {
    en: 'The other side had sent no FIN when the first FIN reached it, so it closes passively: CLOSE_WAIT, LAST_ACK, CLOSED, without TIME_WAIT.',
    zh: '第一个 FIN 到达时对方还没有发出 FIN，所以对方是被动关闭：CLOSE_WAIT、LAST_ACK、CLOSED，不经过 TIME_WAIT。',
  },
  twStates: {
    en: (who: string) => `In the full trace, TIME_WAIT appears for: ${who}.`,
    zh: (who: string) => `完整时序中进入 TIME_WAIT 的是：${who}。`,
  },
  twTimes: {
    en: (a: string, b: string) =>
      `In the simulation TIME_WAIT lasts from t = ${a} s to t = ${b} s.`,
    zh: (a: string, b: string) => `模拟中 TIME_WAIT 从 t = ${a} 秒持续到 t = ${b} 秒。`,
  },
  linuxTw: {
    en: 'Linux uses the constant TCP_TIMEWAIT_LEN = 60 s (timer-wheel rounding adds up to a second or so); tcp_fin_timeout only bounds orphaned FIN_WAIT2 sockets.',
    zh: 'Linux 使用常量 TCP_TIMEWAIT_LEN = 60 秒（定时器轮的取整会多出一秒左右）；tcp_fin_timeout 只限制孤儿 FIN_WAIT2 套接字。',
  },
  rfcTw: {
    en: (m: number) => `The textbook waits 2 × MSL = 2 × ${m} s = ${2 * m} s.`,
    zh: (m: number) => `教材规定等待 2MSL = 2 × ${m} 秒 = ${2 * m} 秒。`,
  },
  closeSends: {
    en: (d: string) => `At close() the server sends ${d}.`,
    zh: (d: string) => `调用 close() 时服务器发送：${d}。`,
  },
  unreadWhy: {
    en: (u: boolean) =>
      u
        ? 'The received data was never read, so close() aborts with RST instead of FIN (RFC 1122 §4.2.2.13, RFC 2525 §2.17; Linux does this).'
        : 'The application read all the data first, so close() sends an orderly FIN.',
    zh: (u: boolean) =>
      u
        ? '收到的数据一直没有被读取，因此 close() 用 RST 中止连接，而不是发送 FIN（RFC 1122 §4.2.2.13，RFC 2525 §2.17；Linux 就是这样做的）。'
        : '应用先读完了全部数据，因此 close() 发送正常的 FIN。',
  },
  stemPath: {
    en: (who: string) =>
      `The trace below shows every segment of the connection; states are shown only until the first FIN. Which states does ${who} pass through from then until its socket is gone (as \`ss\` would show them)? Select all that apply.`,
    zh: (who: string) =>
      `下图给出了连接的全部报文段，状态只标到第一个 FIN 之前。从此刻起直到连接彻底关闭，${who}会经过哪些状态（按 ss 能观察到的状态）？（多选）`,
  },
  pathStates: {
    en: (who: string, path: string) => `From the segments, ${who} goes ${path} (then CLOSED).`,
    zh: (who: string, path: string) => `根据这些报文段，${who}依次经过 ${path}（最后 CLOSED）。`,
  },
  merged: {
    en: 'The segment that acknowledges its FIN also carries the peer’s FIN, so FIN_WAIT2 lasts only while that one segment is processed: it is never observed.',
    zh: '确认它的 FIN 的报文段同时携带了对方的 FIN，所以 FIN_WAIT2 只存在于处理这一个报文段的过程中，观察不到。',
  },
  key: { en: (a: string) => `Answer: ${a}.`, zh: (a: string) => `答案：${a}。` },
};

type Side = keyof typeof SIDES;

function timeWaitSides(trace: Trace): Side {
  const tw = new Set(trace.states.filter((s) => s.state === 'TIME_WAIT').map((s) => s.endpoint));
  const c = tw.has('client');
  const s = tw.has('server');
  return c && s ? 'both' : c ? 'client' : s ? 'server' : 'none';
}

function timeWaitSpan(trace: Trace): [number, number] {
  const tw = trace.states.find((s) => s.state === 'TIME_WAIT');
  if (tw === undefined) throw new RangeError('no TIME_WAIT');
  const end = trace.states.find(
    (s) => s.endpoint === tw.endpoint && s.socket === 'conn' && s.t > tw.t && s.state === 'CLOSED',
  );
  return [tw.t, end?.t ?? trace.end];
}

/** Linux's TIME_WAIT and the nominal MSL of RFC 9293, in seconds. */
const LINUX_TIME_WAIT = 60;
const RFC_MSL = 120;

/**
 * Nominal durations offered as options, each wrong one with the misconception that produces
 * it; the key is the one nearest the simulated span.
 */
function durationOptions(profile: 'linux' | 'rfc', msl: number, finTimeout: number) {
  return profile === 'linux'
    ? [
        { v: LINUX_TIME_WAIT },
        { v: 2 * RFC_MSL, m: 'time-wait-textbook-on-linux' as const },
        { v: finTimeout, m: 'fin-timeout-is-time-wait' as const },
        { v: 2 * LINUX_TIME_WAIT },
      ]
    : [
        { v: 2 * msl },
        { v: msl, m: 'time-wait-one-msl' as const },
        { v: LINUX_TIME_WAIT, m: 'time-wait-linux-in-textbook' as const },
        { v: 4 * msl },
        // RFC 9293's nominal 2 min instead of the MSL the stem states.
        { v: 2 * RFC_MSL },
      ];
}

function serverCloseFlags(trace: Trace): string {
  const close = trace.events.find(
    (e) => e.endpoint === 'server' && e.event === 'close' && e.socket !== 'listener',
  );
  const seg = trace.segments.find(
    (s) => s.from === 'server' && close !== undefined && s.t >= close.t - 1e-9,
  );
  return seg?.flags ?? '';
}

function sendsText(flags: string, locale: Locale): string {
  return tr(
    locale,
    flags.startsWith('R') ? SENDS.rst : flags.includes('F') ? SENDS.fin : SENDS.nothing,
  );
}

function secondsText(v: number, locale: Locale): string {
  return locale === 'zh' ? `${v} 秒` : `${v} s`;
}

function correctText(
  trace: Trace,
  q: { variant: string; locale: Locale; options: string[] },
): string {
  switch (q.variant) {
    case 'who':
      return tr(q.locale, SIDES[timeWaitSides(trace)]);
    case 'unread':
      return sendsText(serverCloseFlags(trace), q.locale);
    default: {
      const [a, b] = timeWaitSpan(trace);
      const d = b - a;
      const values = q.options.map((o) => Number.parseFloat(o));
      let best = values[0] ?? 0;
      for (const v of values) if (Math.abs(v - d) < Math.abs(best - d)) best = v;
      return secondsText(best, q.locale);
    }
  }
}

const SAME_INSTANT = 1e-9;

/** When the first FIN reaches the other side (its send time plus the link delay). */
function firstFinArrival(trace: Trace): { index: number; t: number } {
  const index = trace.segments.findIndex((s) => s.flags.includes('F'));
  if (index === -1) throw new RangeError('no FIN in the trace');
  const delay = Number(trace.params['link.delay'] ?? 0);
  return { index, t: trace.segments[index]!.t + delay };
}

/** The prefix up to `until` (exclusive) with `count` segments, momentary states left out. */
function shown(trace: Trace, count: number, until: number): ShownTrace {
  const p = prefixTrace(trace, count, until);
  return { ...p, states: observedStates(p.states) };
}

/**
 * d1: who passes through TIME_WAIT. The trace runs until the first FIN arrives, so whether
 * the other side's FIN crossed it (simultaneous close: both) is shown, not hidden.
 * Scenarios are weighted so the client, the server and both are each a third of the keys.
 */
const WHO_SCENARIOS = [
  'handshake-data-close',
  'close-merged',
  'half-close',
  'server-active-close',
  'server-active-close',
  'server-active-close',
  'simultaneous-close',
  'simultaneous-close',
  'simultaneous-close',
] as const;

function generateWho(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec: SimSpec = { scenario: pick(rng, WHO_SCENARIOS), seed: rng.uint32(), set: {} };
  const trace = runSim(spec);
  const arrival = firstFinArrival(trace);
  const finSeg = trace.segments[arrival.index]!;
  const count = trace.segments.filter((s) => s.t < arrival.t - SAME_INSTANT).length;
  const otherFin = trace.segments
    .slice(0, count)
    .find((s) => s.flags.includes('F') && s.from !== finSeg.from);
  const side = timeWaitSides(trace);
  const passive = finSeg.from === 'client' ? 'server' : 'client';
  const distractors: Distractor[] =
    side === 'both'
      ? [
          { text: tr(locale, SIDES.client), misconception: 'simultaneous-close-one-time-wait' },
          { text: tr(locale, SIDES.server), misconception: 'simultaneous-close-one-time-wait' },
          { text: tr(locale, SIDES.none), misconception: 'closed-without-time-wait' },
        ]
      : [
          { text: tr(locale, SIDES[passive]), misconception: 'time-wait-on-passive-closer' },
          { text: tr(locale, SIDES.both), misconception: 'time-wait-on-both-sides' },
          { text: tr(locale, SIDES.none), misconception: 'closed-without-time-wait' },
        ];
  const correct = tr(locale, SIDES[side]);
  const choice = buildChoice(rng, correct, distractors);
  const topics: Topic[] = ['close', 'time-wait'];
  if (otherFin !== undefined) topics.push('simultaneous');
  if (spec.scenario === 'half-close') topics.push('half-close');
  return {
    kind: 'choice',
    topics,
    lesson: otherFin !== undefined ? 'simultaneous-open-and-close' : 'time-wait-and-2msl',
    stem: TEXT.stemWho[locale],
    trace: shown(trace, count, arrival.t),
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      TEXT.firstFin[locale](describeSegment(finSeg, locale)),
      otherFin !== undefined
        ? TEXT.crossed[locale](describeSegment(otherFin, locale))
        : tr(locale, TEXT.notCrossed),
      TEXT.twStates[locale](correct),
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant: 'who' }),
  };
}

/** d2: how long TIME_WAIT lasts; the stem states the model and its MSL or tcp_fin_timeout. */
function generateDuration(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const profile = pick(rng, ['linux', 'rfc'] as const);
  // MSL values whose 2MSL, MSL and 4MSL never equal Linux's 60 s except as a distractor.
  const msl = pick(rng, [15, 20, 40, 45, RFC_MSL]);
  // tcp_fin_timeout values other than the 60 s of TIME_WAIT (its own default is 60 too).
  const finTimeout = pick(rng, [15, 30, 45, 90]);
  const spec: SimSpec = {
    scenario: 'time-wait-duration',
    seed: rng.uint32(),
    profile,
    set: profile === 'rfc' ? { 'client.msl': msl } : { 'client.tcp_fin_timeout': finTimeout },
  };
  const trace = runSim(spec);
  const opts = durationOptions(profile, msl, finTimeout);
  const texts = opts.map((o) => secondsText(o.v, locale));
  const correct = correctText(trace, { variant: 'duration', locale, options: texts });
  const choice = buildChoice(
    rng,
    correct,
    opts.map((o) => ({
      text: secondsText(o.v, locale),
      ...(o.m === undefined ? {} : { misconception: o.m }),
    })),
  );
  const [a, b] = timeWaitSpan(trace);
  return {
    kind: 'choice',
    topics: ['time-wait'],
    lesson: 'time-wait-and-2msl',
    stem: profile === 'linux' ? TEXT.stemLinux[locale](finTimeout) : TEXT.stemTextbook[locale](msl),
    trace: null,
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      profile === 'linux' ? tr(locale, TEXT.linuxTw) : TEXT.rfcTw[locale](msl),
      TEXT.twTimes[locale](fmtSeconds(a), fmtSeconds(b)),
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant: 'duration', profileStated: true }),
  };
}

/** d3: what close() sends; the stem states whether the server read the data. */
function generateUnread(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec: SimSpec = {
    scenario: pick(rng, ['close-unread-data', 'handshake-data-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const data = trace.segments.find((s) => s.from === 'client' && s.len > 0);
  if (data === undefined) throw new RangeError('the client sent no data');
  const flags = serverCloseFlags(trace);
  const read = trace.events.some((e) => e.endpoint === 'server' && e.event === 'recv');
  const correct = sendsText(flags, locale);
  const choice = buildChoice(rng, correct, [
    read
      ? { text: tr(locale, SENDS.rst), misconception: 'close-always-sends-rst' }
      : { text: tr(locale, SENDS.fin), misconception: 'close-always-sends-fin' },
    { text: tr(locale, SENDS.fin) },
    { text: tr(locale, SENDS.rst) },
    { text: tr(locale, SENDS.finThenRst) },
    { text: tr(locale, SENDS.nothing) },
  ]);
  const seg = trace.segments.find((s) => s.from === 'server' && s.flags === flags);
  const dataIndex = trace.segments.indexOf(data);
  return {
    kind: 'choice',
    topics: ['close', 'rst', 'socket-api'],
    lesson: 'rst-and-abort',
    stem: TEXT.stemUnread[locale](data.len, read),
    trace: shown(trace, dataIndex + 1, data.t + 1e-6),
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      TEXT.unreadWhy[locale](!read),
      TEXT.closeSends[locale](seg === undefined ? flagWords(flags) : describeSegment(seg, locale)),
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant: 'unread', read }),
  };
}

function generate(ctx: GenContext): QuestionBody {
  if (ctx.difficulty === 1) return generateWho(ctx);
  if (ctx.difficulty === 2) return generateDuration(ctx);
  return ctx.rng.next() < 0.5 ? generatePath(ctx) : generateUnread(ctx);
}

/** Observed states `endpoint` passes through from the first FIN on (ESTABLISHED and CLOSED left out). */
export function closePath(trace: Trace, endpoint: string): TcpState[] {
  const fin = trace.segments.find((s) => s.flags.includes('F'));
  const out: TcpState[] = [];
  for (const s of observedStates(trace.states)) {
    if (s.endpoint !== endpoint || s.socket !== 'conn' || fin === undefined || s.t < fin.t)
      continue;
    if (s.state === 'ESTABLISHED' || s.state === 'CLOSED' || out.includes(s.state)) continue;
    out.push(s.state);
  }
  return out;
}

const PATH_STATES: readonly TcpState[] = [
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSING',
  'TIME_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
];

/** Why one wrongly ticked state is ticked, for the side that closed actively or passively. */
function pathMisconception(
  state: TcpState,
  active: boolean,
  merged: boolean,
): MisconceptionId | undefined {
  if (state === 'TIME_WAIT' && !active) return 'time-wait-on-passive-closer';
  if (state === 'CLOSE_WAIT' && active) return 'close-wait-vs-fin-wait-2';
  if (state === 'FIN_WAIT2' && !active) return 'close-wait-vs-fin-wait-2';
  if (state === 'FIN_WAIT2' && merged) return 'momentary-state-as-answer';
  return undefined;
}

/**
 * d3 multi-select: every state one endpoint passes through while the connection closes. The
 * whole close is shown (segments only), since whether the ACK and FIN merge or the FINs cross
 * decides the path.
 */
function generatePath(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const spec: SimSpec = {
    scenario: pick(rng, [
      'handshake-data-close',
      'server-active-close',
      'simultaneous-close',
      'close-merged',
    ]),
    seed: rng.uint32(),
    set: {},
  };
  const endpoint = pick(rng, ['client', 'server']);
  const trace = runSim(spec);
  const path = closePath(trace, endpoint);
  const fin = trace.segments.findIndex((s) => s.flags.includes('F'));
  const finSeg = trace.segments[fin]!;
  const active = path.includes('FIN_WAIT1');
  // FIN_WAIT2 was passed through inside one segment's processing (kernel) but never observed.
  const merged =
    active &&
    !path.includes('FIN_WAIT2') &&
    trace.states.some((s) => s.endpoint === endpoint && s.state === 'FIN_WAIT2');
  const options = PATH_STATES.map((state, i) => ({ id: String.fromCharCode(97 + i), text: state }));
  const misconceptions: Record<string, MisconceptionId> = {};
  for (const o of options) {
    if (path.some((s) => s === o.text)) continue;
    const m = pathMisconception(o.text as TcpState, active, merged);
    if (m !== undefined) misconceptions[o.id] = m;
  }
  const answer = options.filter((o) => path.some((s) => s === o.text)).map((o) => o.id);
  const who = endpointName(endpoint, locale);
  const topics: Topic[] = ['close', 'states'];
  if (path.includes('CLOSE_WAIT')) topics.push('close-wait');
  if (path.includes('TIME_WAIT')) topics.push('time-wait');
  if (path.includes('FIN_WAIT2')) topics.push('fin-wait-2');
  if (path.includes('CLOSING')) topics.push('simultaneous');
  const lines = [
    TEXT.firstFin[locale](describeSegment(finSeg, locale)),
    TEXT.pathStates[locale](who, path.join(' → ')),
  ];
  if (merged) lines.push(tr(locale, TEXT.merged));
  lines.push(TEXT.key[locale](path.join(', ')));
  return {
    kind: 'multi',
    topics,
    lesson: path.includes('CLOSING')
      ? 'simultaneous-open-and-close'
      : spec.scenario === 'close-merged'
        ? 'three-segment-close'
        : 'four-way-close',
    stem: TEXT.stemPath[locale](who),
    trace: shown(trace, trace.segments.length, finSeg.t),
    options,
    answer: { options: answer },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { variant: 'path', endpoint }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace !== null && q.kind === 'multi') {
    const path = closePath(trace, String(q.source.focus['endpoint']));
    return { options: q.options.filter((o) => path.some((s) => s === o.text)).map((o) => o.id) };
  }
  if (trace === null || q.kind !== 'choice') throw new TypeError('close-outcome needs a trace');
  const text = correctText(trace, {
    variant: String(q.source.focus['variant']),
    locale: q.locale,
    options: q.options.map((o) => o.text),
  });
  return { option: q.options.find((o) => o.text === text)?.id ?? '' };
}

export const closeOutcome: TemplateDef = {
  id: 'close-outcome',
  topics: [
    'close',
    'time-wait',
    'rst',
    'socket-api',
    'states',
    'simultaneous',
    'half-close',
    'close-wait',
    'fin-wait-2',
  ],
  kinds: ['choice', 'multi'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  // A stem that names the model (d2) leaves the other profile out; the rest keep every default.
  hidden: (q, trace) => {
    const flip = otherProfile(trace).id;
    const all = defaultVariations(q, trace);
    return q.source.focus['profileStated'] === true ? all.filter((v) => v.id !== flip) : all;
  },
};
