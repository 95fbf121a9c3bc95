// Family "handshake-loss": what a lost handshake segment changes (who retransmits, the states,
// when the first retransmission leaves, data completing the handshake) and when connect()
// gives up, under the linux or textbook profile with tcp_syn_retries varied.

import type { Profile, TcpState, Trace } from '@/lib/engine';
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
import { describeSegment, tr, type Text } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody, ShownTrace } from '../schema';
import type { GenContext, Locale, SimSpec, TemplateDef, Topic } from '../types';
import { defaultVariations, otherProfile } from '../validity';
import { observedStates } from './observed';

const WHO = {
  client: { en: 'The client retransmits its SYN.', zh: '客户端重传 SYN。' },
  server: { en: 'The server retransmits its SYN+ACK.', zh: '服务器重传 SYN+ACK。' },
  both: {
    en: 'Both: the client its SYN, the server its SYN+ACK.',
    zh: '双方都重传：客户端重传 SYN，服务器重传 SYN+ACK。',
  },
  serverSyn: { en: 'The server retransmits the client’s SYN.', zh: '服务器重传客户端的 SYN。' },
  clientAck: { en: 'The client retransmits its ACK.', zh: '客户端重传它的 ACK。' },
  none: {
    en: 'Nobody retransmits anything; the handshake just stalls.',
    zh: '双方都不重传任何报文段，握手就此停住。',
  },
} satisfies Record<string, Text>;

type WhoKey = keyof typeof WHO;

const DATA = {
  established: {
    en: 'It enters ESTABLISHED and keeps the data: #4 acknowledges its SYN+ACK.',
    zh: '进入 ESTABLISHED 并接收数据：第 4 个报文段确认了它的 SYN+ACK。',
  },
  dropRetransmit: {
    en: 'It discards the data and retransmits its SYN+ACK, still waiting for the ACK.',
    zh: '丢弃这些数据并重传 SYN+ACK，继续等待第三次握手的 ACK。',
  },
  rst: {
    en: 'It answers RST: no data may arrive before the handshake has completed.',
    zh: '回复 RST：握手完成之前不允许有数据到达。',
  },
  stays: {
    en: 'It keeps the data but stays in SYN_RECV until a pure ACK arrives.',
    zh: '保留这些数据，但仍停留在 SYN_RECV，直到收到一个纯 ACK 为止。',
  },
} satisfies Record<string, Text>;

const TEXT = {
  stemWho: {
    en: (n: number) =>
      `Segment #${n} of the handshake below is lost (marked ✗). Which side retransmits what?`,
    zh: (n: number) => `下图中握手的第 ${n} 个报文段丢失（标记 ✗）。哪一方重传什么报文段？`,
  },
  stemStates: {
    en: (n: number) =>
      `Segment #${n} of the handshake below is lost (marked ✗). Once it has been sent and lost, before any timer fires, which states are the client and the server in?`,
    zh: (n: number) =>
      `下图中握手的第 ${n} 个报文段丢失（标记 ✗）。它发出并丢失之后、任何定时器超时之前，客户端和服务器分别处于什么状态？`,
  },
  stemFirst: {
    en: (n: number) =>
      `Segment #${n} of the handshake below is lost (marked ✗). At what time t (in seconds; the first SYN leaves at t = 0) does the first retransmission of a handshake segment leave?`,
    zh: (n: number) =>
      `下图中握手的第 ${n} 个报文段丢失（标记 ✗）。第一个握手报文段的重传在什么时刻 t 发出（单位秒，第一个 SYN 在 t = 0 发出）？`,
  },
  stemData: {
    en: 'Segment #3 of the handshake below, the client’s ACK, is lost (marked ✗). The client’s application then sends data: segment #4. What does the server do when segment #4 arrives?',
    zh: '下图中握手的第 3 个报文段（客户端的 ACK）丢失（标记 ✗）。随后客户端应用发送数据，即第 4 个报文段。第 4 个报文段到达时，服务器会怎样处理？',
  },
  stemGiveUp: {
    en: (p: string, r: number) =>
      `${p}, with tcp_syn_retries = ${r}, every SYN the client sends is lost. How many seconds after the first SYN does connect() fail with ETIMEDOUT?`,
    zh: (p: string, r: number) =>
      `${p}，tcp_syn_retries = ${r}，客户端发出的每个 SYN 都丢失。从第一个 SYN 算起，多少秒后 connect() 以 ETIMEDOUT 失败？`,
  },
  stemCount: {
    en: (p: string, r: number) =>
      `${p}, with tcp_syn_retries = ${r}, every SYN the client sends is lost. How many SYNs does the client send in all (the first one included) before connect() fails?`,
    zh: (p: string, r: number) =>
      `${p}，tcp_syn_retries = ${r}，客户端发出的每个 SYN 都丢失。在 connect() 失败之前，客户端一共发出多少个 SYN（包括第一个）？`,
  },
  stemNth: {
    en: (p: string, k: number) =>
      `${p}, every SYN the client sends is lost. At what time (seconds after the first SYN) does it send retransmission #${k}?`,
    zh: (p: string, k: number) =>
      `${p}，客户端发出的每个 SYN 都丢失。第 ${k} 次重传的 SYN 在第一个 SYN 之后多少秒发出？`,
  },
  profile: {
    linux: {
      en: 'On Linux 6.5 or later (the linux profile, tcp_syn_linear_timeouts = 4)',
      zh: '在 Linux 6.5 及以后版本上（linux 配置，tcp_syn_linear_timeouts = 4）',
    },
    rfc: {
      en: 'In the textbook model (the rfc profile, RFC 6298)',
      zh: '在教材模型中（rfc 配置，RFC 6298）',
    },
  },
  retx: {
    en: (d: string, t: string) => `t = ${t} s: ${d} (retransmission).`,
    zh: (d: string, t: string) => `t = ${t} 秒：${d}（重传）。`,
  },
  firstRetx: {
    en: (d: string, t: string) =>
      `No handshake segment has an RTT sample yet, so the first timeout is the initial RTO of 1 s (RFC 6298 §2.1; Linux TCP_TIMEOUT_INIT). The first retransmission: t = ${t} s, ${d}.`,
    zh: (d: string, t: string) =>
      `握手报文段还没有 RTT 样本，所以第一次超时取初始 RTO = 1 秒（RFC 6298 §2.1；Linux 的 TCP_TIMEOUT_INIT）。第一次重传：t = ${t} 秒，${d}。`,
  },
  statesAfter: {
    en: (c: string, s: string) => `After the loss the client is in ${c}; the server: ${s}.`,
    zh: (c: string, s: string) => `丢失之后客户端处于 ${c}；服务器：${s}。`,
  },
  statesWhy: {
    en: 'The sender changed state when it sent the segment; the receiver never got it, so its state did not change.',
    zh: '发送方在发出报文段时就改变了状态；接收方根本没有收到它，所以状态不变。',
  },
  dataWhy: {
    en: (d: string) =>
      `Segment #4 (${d}) carries ACK = the server's ISN + 1: it acknowledges the SYN+ACK just as the lost third ACK would have, so the server enters ESTABLISHED and keeps the data.`,
    zh: (d: string) =>
      `第 4 个报文段（${d}）的确认号 = 服务器 ISN + 1：它和丢失的第三次握手 ACK 一样确认了 SYN+ACK，因此服务器进入 ESTABLISHED 并接收数据。`,
  },
  dataState: {
    en: (s: string) => `Once segment #4 has been processed the server is in ${s}.`,
    zh: (s: string) => `处理完第 4 个报文段后，服务器处于 ${s}。`,
  },
  synTimes: {
    en: (ts: string) => `The SYNs go out at t = ${ts} s.`,
    zh: (ts: string) => `各个 SYN 的发送时刻：t = ${ts} 秒。`,
  },
  gaps: {
    en: (gs: string) => `The gaps between them: ${gs} s.`,
    zh: (gs: string) => `相邻两次之间的间隔：${gs} 秒。`,
  },
  giveUpRule: {
    en: (r: number, n: number) =>
      `connect() gives up at the first timeout by which either tcp_syn_retries + tcp_syn_linear_timeouts = ${r} + 4 = ${r + 4} retransmissions have been sent or 2^${r + 1} − 1 = ${2 ** (r + 1) - 1} s have passed since the first SYN; here that is after ${n} retransmissions (${n + 1} SYNs in all).`,
    zh: (r: number, n: number) =>
      `connect() 在以下任一条件先满足时的那次超时放弃：已重传 tcp_syn_retries + tcp_syn_linear_timeouts = ${r} + 4 = ${r + 4} 次，或距第一个 SYN 已过 2^${r + 1} − 1 = ${2 ** (r + 1) - 1} 秒；本例共重传 ${n} 次（一共 ${n + 1} 个 SYN）。`,
  },
  giveUp: {
    en: (t: string) => `The last retransmission times out and connect() fails at t = ${t} s.`,
    zh: (t: string) => `最后一次重传也超时后，connect() 在 t = ${t} 秒失败。`,
  },
  linuxRule: {
    en: 'On Linux the first SYN waits the initial RTO of 1 s, and the next tcp_syn_linear_timeouts = 4 timeouts keep RTO = 1 s instead of doubling: retransmissions #1 to #5 each come 1 s after the previous SYN (five 1-second gaps; the timer wheel adds about 24 ms to each). After that the RTO doubles: 2, 4, 8 s …',
    zh: 'Linux 中第一个 SYN 等待初始 RTO = 1 秒，之后的 tcp_syn_linear_timeouts = 4 次超时 RTO 仍保持 1 秒而不加倍：第 1 到第 5 次重传各在前一个 SYN 之后 1 秒发出（共 5 个 1 秒的间隔；定时器轮每次约多出 24 毫秒）。此后 RTO 才加倍：2、4、8 秒……',
  },
  rfcRule: {
    en: 'In the textbook model the RTO starts at 1 s and doubles after every timeout: retransmission #k leaves at 1 + 2 + … + 2^(k−1) = 2^k − 1 s.',
    zh: '教材模型中 RTO 初值为 1 秒，每次超时后加倍：第 k 次重传在 1 + 2 + … + 2^(k−1) = 2^k − 1 秒发出。',
  },
  keySeconds: { en: (t: string) => `The answer is ${t} s.`, zh: (t: string) => `答案是 ${t} 秒。` },
  keyCount: { en: (n: number) => `The answer is ${n}.`, zh: (n: number) => `答案是 ${n}。` },
  keyWho: { en: (a: string) => `So: ${a}`, zh: (a: string) => `所以：${a}` },
};

/** The three handshake losses d1 draws from: which segment the scenario loses. */
type Lost = 'syn' | 'synack' | 'ack';
const LOSS_SCENARIO: Record<Lost, string> = {
  syn: 'syn-dropped-linear',
  synack: 'synack-dropped',
  ack: 'third-ack-dropped',
};

function whoRetransmits(trace: Trace): 'client' | 'server' | 'both' | 'none' {
  const handshake = (f: string) => f === 'S' || f === 'S.';
  const retx = trace.segments.filter((s) => s.why !== undefined && handshake(s.flags));
  const client = retx.some((s) => s.flags === 'S');
  const server = retx.some((s) => s.flags === 'S.');
  return client && server ? 'both' : client ? 'client' : server ? 'server' : 'none';
}

/**
 * Wrong answers to "who retransmits what", per loss, each with the misconception that
 * produces exactly it (an option no single mistake produces carries none).
 */
const WHO_WRONG: Record<Lost, readonly { who: WhoKey; m?: MisconceptionId }[]> = {
  syn: [
    { who: 'serverSyn', m: 'server-retransmits-syn' },
    { who: 'server', m: 'receiver-sees-lost-segment' },
    { who: 'none' },
  ],
  synack: [
    { who: 'client', m: 'synack-not-retransmitted' },
    { who: 'serverSyn', m: 'server-retransmits-syn' },
    { who: 'none' },
  ],
  ack: [
    { who: 'clientAck', m: 'pure-ack-retransmitted' },
    { who: 'none', m: 'lost-ack-unnoticed' },
    { who: 'both' },
  ],
};

/** Observed states of both sides once segment `lost` is sent and lost ("LISTEN": no connection). */
function statesAfterLoss(trace: Trace, lost: number): [TcpState, TcpState] {
  const seg = trace.segments[lost];
  if (seg === undefined) throw new RangeError(`no segment #${lost + 1}`);
  const delay = Number(trace.params['link.delay'] ?? 0);
  // Until the lost segment would have arrived: no timer fires that early.
  const until = seg.t + delay;
  const last = (ep: string) =>
    observedStates(trace.states)
      .filter((s) => s.endpoint === ep && s.socket === 'conn' && s.t <= until + 1e-9)
      .at(-1)?.state;
  return [last('client') ?? 'CLOSED', last('server') ?? 'LISTEN'];
}

/** The server's side of a state pair ("LISTEN": only its listener, no connection yet). */
function serverText(state: TcpState, locale: Locale): string {
  if (state !== 'LISTEN') return state;
  return locale === 'zh' ? 'LISTEN（还没有连接）' : 'LISTEN (no connection yet)';
}

function pairText(pair: readonly [TcpState, TcpState], locale: Locale): string {
  const [c, s] = pair;
  return locale === 'zh'
    ? `客户端 ${c}，服务器 ${serverText(s, locale)}`
    : `client ${c}, server ${serverText(s, locale)}`;
}

/** Wrong state pairs per loss: the receiver acting on it, the sender waiting for delivery. */
const STATES_WRONG: Record<
  Lost,
  readonly { pair: readonly [TcpState, TcpState]; m?: MisconceptionId }[]
> = {
  syn: [
    { pair: ['SYN_SENT', 'SYN_RECV'], m: 'receiver-sees-lost-segment' },
    { pair: ['CLOSED', 'LISTEN'], m: 'sender-waits-for-delivery' },
    { pair: ['ESTABLISHED', 'SYN_RECV'] },
  ],
  synack: [
    { pair: ['ESTABLISHED', 'SYN_RECV'], m: 'receiver-sees-lost-segment' },
    { pair: ['SYN_SENT', 'LISTEN'], m: 'sender-waits-for-delivery' },
    { pair: ['ESTABLISHED', 'ESTABLISHED'] },
  ],
  ack: [
    { pair: ['ESTABLISHED', 'ESTABLISHED'], m: 'receiver-sees-lost-segment' },
    { pair: ['SYN_SENT', 'SYN_RECV'], m: 'sender-waits-for-delivery' },
    { pair: ['SYN_SENT', 'LISTEN'] },
  ],
};

/** The first retransmitted handshake segment (by a timer, not an answer to another copy). */
function firstRetransmission(trace: Trace) {
  const seg = trace.segments.find(
    (s) => (s.flags === 'S' || s.flags === 'S.') && (s.why === 'rto' || s.why === 'synack_timer'),
  );
  if (seg === undefined) throw new RangeError('no handshake retransmission');
  return seg;
}

/** The server's observed state once segment #4 (the data) has been processed. */
function serverAfterData(trace: Trace): TcpState {
  const data = trace.segments[3];
  if (data === undefined || data.len === 0) throw new RangeError('segment #4 is not data');
  const delay = Number(trace.params['link.delay'] ?? 0);
  const s = observedStates(trace.states)
    .filter((x) => x.endpoint === 'server' && x.socket === 'conn' && x.t <= data.t + delay + 1e-9)
    .at(-1);
  return s?.state ?? 'LISTEN';
}

function dataText(state: TcpState, locale: Locale): string {
  return tr(
    locale,
    state === 'ESTABLISHED' ? DATA.established : state === 'CLOSED' ? DATA.rst : DATA.stays,
  );
}

const tolerance = (v: number) => Math.max(0.3, Math.round(v * 0.05 * 100) / 100);

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function lostPrefix(trace: Trace, lost: number): ShownTrace {
  const seg = trace.segments[lost]!;
  const p = prefixTrace(trace, lost + 1, seg.t + 1e-6);
  return { ...p, states: observedStates(p.states) };
}

type D1 = 'who' | 'states' | 'first' | 'data';
/** d1 plans: four question structures, the first three on each of the three losses. */
const D1_PLANS: readonly (readonly [D1, Lost])[] = [
  ...(['who', 'states', 'first'] as const).flatMap((v) =>
    (['syn', 'synack', 'ack'] as const).map((l) => [v, l] as const),
  ),
  ['data', 'ack'],
];

function generateD1(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const [variant, loss] = pick(rng, D1_PLANS);
  const spec: SimSpec = {
    scenario: variant === 'data' ? 'third-ack-dropped-data' : LOSS_SCENARIO[loss],
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const lost = trace.segments.findIndex((s) => s.dropped);
  const base = {
    topics: ['handshake-loss', 'retransmission'] as Topic[],
    lesson: 'handshake-loss-and-retransmission',
  };
  if (variant === 'first') {
    const first = firstRetransmission(trace);
    const key = round3(first.t);
    const tol = tolerance(key);
    const misconceptions: Record<string, MisconceptionId> = {};
    for (const [v, m] of [
      [3, 'initial-rto-three-seconds'],
      [0.2, 'rto-min-for-syn'],
    ] as const)
      if (Math.abs(v - key) > tol) misconceptions[String(v)] = m;
    return {
      kind: 'numeric',
      ...base,
      stem: TEXT.stemFirst[locale](lost + 1),
      trace: lostPrefix(trace, lost),
      unit: locale === 'zh' ? '秒' : 's',
      answer: { value: key, tolerance: tol },
      explanation: steps([
        TEXT.firstRetx[locale](describeSegment(first, locale), fmtSeconds(first.t)),
        TEXT.keySeconds[locale](fmtSeconds(key)),
      ]),
      misconceptions,
      source: sourceOf(spec, { variant, loss }),
    };
  }
  if (variant === 'data') {
    const state = serverAfterData(trace);
    const correct = dataText(state, locale);
    const choice = buildChoice(rng, correct, [
      { text: tr(locale, DATA.dropRetransmit), misconception: 'data-cannot-complete-handshake' },
      { text: tr(locale, DATA.stays) },
      { text: tr(locale, DATA.rst) },
      { text: tr(locale, DATA.established) },
    ]);
    const data = trace.segments[3]!;
    const delay = Number(trace.params['link.delay'] ?? 0);
    const p = prefixTrace(trace, 4, data.t + delay);
    return {
      kind: 'choice',
      topics: ['handshake-loss', 'handshake', 'states'],
      lesson: 'data-on-the-handshake',
      stem: TEXT.stemData[locale],
      trace: { ...p, states: observedStates(p.states) },
      options: choice.options,
      answer: choice.answer,
      explanation: steps([
        TEXT.dataWhy[locale](describeSegment(data, locale)),
        TEXT.dataState[locale](state),
        TEXT.keyWho[locale](correct),
      ]),
      misconceptions: choice.misconceptions,
      source: sourceOf(spec, { variant }),
    };
  }
  if (variant === 'states') {
    const pair = statesAfterLoss(trace, lost);
    const correct = pairText(pair, locale);
    const choice = buildChoice(
      rng,
      correct,
      STATES_WRONG[loss].map((w) => ({
        text: pairText(w.pair, locale),
        ...(w.m === undefined ? {} : { misconception: w.m }),
      })),
    );
    return {
      kind: 'choice',
      topics: ['handshake-loss', 'handshake', 'states'],
      lesson: 'handshake-loss-and-retransmission',
      stem: TEXT.stemStates[locale](lost + 1),
      trace: lostPrefix(trace, lost),
      options: choice.options,
      answer: choice.answer,
      explanation: steps([
        tr(locale, TEXT.statesWhy),
        TEXT.statesAfter[locale](pair[0], serverText(pair[1], locale)),
        TEXT.keyWho[locale](correct),
      ]),
      misconceptions: choice.misconceptions,
      source: sourceOf(spec, { variant, lost }),
    };
  }
  const who = whoRetransmits(trace);
  const distractors: Distractor[] = WHO_WRONG[loss].map((w) => ({
    text: tr(locale, WHO[w.who]),
    ...(w.m === undefined ? {} : { misconception: w.m }),
  }));
  const correct = tr(locale, WHO[who]);
  const choice = buildChoice(rng, correct, distractors);
  const retx = trace.segments
    .filter((s) => s.why !== undefined && (s.flags === 'S' || s.flags === 'S.'))
    .slice(0, 3);
  return {
    kind: 'choice',
    ...base,
    stem: TEXT.stemWho[locale](lost + 1),
    trace: lostPrefix(trace, lost),
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      ...retx.map((s) => TEXT.retx[locale](describeSegment(s, locale), fmtSeconds(s.t))),
      TEXT.keyWho[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant: 'who' }),
  };
}

function synTimes(trace: Trace): number[] {
  return trace.segments.filter((s) => s.from === 'client' && s.flags === 'S').map((s) => s.t);
}

function giveUpTime(trace: Trace): number {
  const e = trace.events.find((x) => x.event === 'connect_error');
  if (e === undefined) throw new RangeError('connect() did not fail');
  return e.t;
}

/** Nominal SYN times (s) of the two rules, written out again for distractors. */
function nominalSynTimes(profile: Profile, count: number): number[] {
  const out = [0];
  let rto = 1;
  for (let k = 1; k < count; k++) {
    out.push(out[k - 1]! + rto);
    // Linux: the initial RTO and 4 linear timeouts keep 1 s (five 1-second gaps), then doubling.
    if (profile === 'rfc' || k >= 5) rto *= 2;
  }
  return out;
}

/** Linux's give-up rule applied to the nominal schedule: [retransmissions, give-up time]. */
function nominalGiveUp(r: number, countOnly: boolean): [number, number] {
  const times = nominalSynTimes('linux', 64);
  for (let n = 1; n < times.length; n++) {
    // The n-th timeout fires at times[n]; n − 1 retransmissions have been sent before it.
    const sent = n - 1;
    if (sent >= r + 4 || (!countOnly && times[n]! >= 2 ** (r + 1) - 1)) return [sent, times[n]!];
  }
  throw new RangeError('no give-up');
}

type Variant = 'give-up' | 'count' | 'nth';

function generateTimed(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const profile: Profile = ctx.difficulty === 2 ? 'linux' : pick(rng, ['linux', 'rfc'] as const);
  const variant: Variant = ctx.difficulty === 2 ? pick(rng, ['give-up', 'count'] as const) : 'nth';
  const r = ctx.difficulty === 2 ? rng.int(1, 6) : 6;
  const k = rng.int(2, profile === 'linux' ? 8 : 6);
  const spec: SimSpec = {
    scenario: 'syn-dropped-default',
    seed: rng.uint32(),
    profile,
    set: { 'client.tcp_syn_retries': r },
  };
  const trace = runSim(spec);
  const times = synTimes(trace);
  const p = tr(locale, TEXT.profile[profile]);
  const lines = [
    tr(locale, profile === 'linux' ? TEXT.linuxRule : TEXT.rfcRule),
    TEXT.synTimes[locale](times.map(fmtSeconds).join(', ')),
    TEXT.gaps[locale](
      times
        .slice(1)
        .map((t, i) => fmtSeconds(t - times[i]!))
        .join(', '),
    ),
  ];
  const misconceptions: Record<string, MisconceptionId> = {};
  if (variant === 'count') {
    const key = times.length;
    const wrong = (v: number, m: MisconceptionId) => {
      if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
    };
    // The textbook rule: r retransmissions, r + 1 SYNs.
    wrong(r + 1, 'textbook-exponential-syn-backoff');
    if (r > 1) wrong(nominalGiveUp(r - 1, false)[0] + 1, 'syn-retries-counts-all-syns');
    wrong(nominalGiveUp(r, true)[0] + 1, 'syn-give-up-count-only');
    lines.push(TEXT.giveUpRule[locale](r, times.length - 1), TEXT.keyCount[locale](key));
    return {
      kind: 'numeric',
      topics: ['handshake-loss', 'retransmission'],
      lesson: 'handshake-loss-and-retransmission',
      stem: TEXT.stemCount[locale](p, r),
      trace: null,
      answer: { value: key, tolerance: 0 },
      explanation: steps(lines),
      misconceptions,
      source: sourceOf(spec, { variant, profileStated: true }),
    };
  }
  const key = variant === 'give-up' ? giveUpTime(trace) : (times[k] ?? 0);
  const tol = tolerance(key);
  const wrong = (v: number, m: MisconceptionId) => {
    if (Math.abs(v - key) > tol && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  };
  if (variant === 'give-up') {
    // Pure doubling with r retransmissions: 1 + 2 + … + 2^r = 2^(r+1) − 1 s.
    wrong(2 ** (r + 1) - 1, 'textbook-exponential-syn-backoff');
    if (r > 1) wrong(nominalGiveUp(r - 1, false)[1], 'syn-retries-counts-all-syns');
    wrong(nominalGiveUp(r, true)[1], 'syn-give-up-count-only');
    lines.push(TEXT.giveUpRule[locale](r, times.length - 1));
    lines.push(TEXT.giveUp[locale](fmtSeconds(key)));
  } else if (profile === 'linux') {
    wrong(nominalSynTimes('rfc', k + 1)[k]!, 'textbook-exponential-syn-backoff');
  } else {
    wrong(nominalSynTimes('linux', k + 1)[k]!, 'linear-syn-backoff-in-textbook');
  }
  lines.push(TEXT.keySeconds[locale](fmtSeconds(round3(key))));
  return {
    kind: 'numeric',
    topics: ['handshake-loss', 'retransmission'],
    lesson: 'handshake-loss-and-retransmission',
    stem: variant === 'give-up' ? TEXT.stemGiveUp[locale](p, r) : TEXT.stemNth[locale](p, k),
    trace: null,
    unit: locale === 'zh' ? '秒' : 's',
    answer: { value: round3(key), tolerance: tol },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { variant, k, profileStated: true }),
  };
}

function generate(ctx: GenContext): QuestionBody {
  return ctx.difficulty === 1 ? generateD1(ctx) : generateTimed(ctx);
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('handshake-loss needs a trace');
  const variant = q.source.focus['variant'];
  const option = (text: string): Answer => {
    if (q.kind !== 'choice') throw new TypeError(`${String(variant)} must be a choice`);
    return { option: q.options.find((o) => o.text === text)?.id ?? '' };
  };
  switch (variant) {
    case 'who':
      return option(tr(q.locale, WHO[whoRetransmits(trace)]));
    case 'states':
      return option(pairText(statesAfterLoss(trace, Number(q.source.focus['lost'])), q.locale));
    case 'data':
      return option(dataText(serverAfterData(trace), q.locale));
    case 'first': {
      const key = round3(firstRetransmission(trace).t);
      return { value: key, tolerance: tolerance(key) };
    }
    case 'count':
      return { value: synTimes(trace).length, tolerance: 0 };
    default: {
      const key =
        variant === 'give-up'
          ? giveUpTime(trace)
          : (synTimes(trace)[Number(q.source.focus['k'])] ?? 0);
      return { value: round3(key), tolerance: tolerance(key) };
    }
  }
}

export const handshakeLoss: TemplateDef = {
  id: 'handshake-loss',
  topics: ['handshake-loss', 'retransmission', 'handshake', 'states'],
  kinds: ['choice', 'numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  // d2 and d3 stems name the profile; d1 does not, so its keys must hold under both.
  hidden: (q, trace) => {
    const flip = otherProfile(trace).id;
    const all = defaultVariations(q, trace);
    return q.source.focus['profileStated'] === true ? all.filter((v) => v.id !== flip) : all;
  },
};
