// Family "handshake-loss": who retransmits what when a handshake segment is lost, and when
// connect() gives up, under the linux or rfc profile with tcp_syn_retries varied.

import type { Profile, Trace } from '@/lib/engine';
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
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, SimSpec, TemplateDef } from '../types';

const WHO = {
  client: { en: 'The client retransmits its SYN.', zh: '客户端重传 SYN。' },
  server: { en: 'The server retransmits its SYN+ACK.', zh: '服务器重传 SYN+ACK。' },
  both: {
    en: 'Both: the client retransmits its SYN and the server its SYN+ACK.',
    zh: '双方都重传：客户端重传 SYN，服务器重传 SYN+ACK。',
  },
  serverSyn: { en: 'The server retransmits the client’s SYN.', zh: '服务器重传客户端的 SYN。' },
  none: {
    en: 'Nobody retransmits; the connection attempt simply fails.',
    zh: '双方都不重传，连接直接失败。',
  },
} satisfies Record<string, Text>;

const TEXT = {
  stemWho: {
    en: (n: number) =>
      `Segment #${n} of the handshake below is lost (marked ✗). Which side retransmits what?`,
    zh: (n: number) => `下图中握手的第 ${n} 个报文段丢失（标记 ✗）。哪一方重传什么报文段？`,
  },
  stemGiveUp: {
    en: (p: string, r: number) =>
      `Under the ${p} profile, with tcp_syn_retries = ${r}, every SYN the client sends is lost. How many seconds after the first SYN does connect() fail with ETIMEDOUT?`,
    zh: (p: string, r: number) =>
      `在 ${p}配置下，tcp_syn_retries = ${r}，客户端发出的每个 SYN 都丢失。从第一个 SYN 算起，多少秒后 connect() 以 ETIMEDOUT 失败？`,
  },
  stemNth: {
    en: (p: string, k: number) =>
      `Under the ${p} profile every SYN the client sends is lost. At what time (seconds after the first SYN) does it send retransmission #${k}?`,
    zh: (p: string, k: number) =>
      `在 ${p}配置下，客户端发出的每个 SYN 都丢失。第 ${k} 次重传的 SYN 在第一个 SYN 之后多少秒发出？`,
  },
  profile: {
    linux: { en: 'linux (Linux 6.x defaults)', zh: 'linux（Linux 6.x 默认行为）' },
    rfc: { en: 'rfc (textbook, RFC 6298)', zh: 'rfc（教材，RFC 6298）' },
  },
  retx: {
    en: (d: string, t: string) => `t = ${t} s: ${d} (retransmission).`,
    zh: (d: string, t: string) => `t = ${t} 秒：${d}（重传）。`,
  },
  synTimes: {
    en: (ts: string) => `The SYNs go out at t = ${ts} s.`,
    zh: (ts: string) => `各个 SYN 的发送时刻：t = ${ts} 秒。`,
  },
  giveUpRule: {
    en: (r: number, n: number) =>
      `connect() gives up at the first timeout after tcp_syn_retries + tcp_syn_linear_timeouts = ${r} + 4 = ${r + 4} retransmissions, or once 2^${r + 1} − 1 = ${2 ** (r + 1) - 1} s have passed since the first SYN, whichever comes first; here ${n} retransmissions were sent.`,
    zh: (r: number, n: number) =>
      `connect() 在满足以下任一条件后的第一次超时时放弃：已重传 tcp_syn_retries + tcp_syn_linear_timeouts = ${r} + 4 = ${r + 4} 次，或距第一个 SYN 已过 2^${r + 1} − 1 = ${2 ** (r + 1) - 1} 秒；本例共重传了 ${n} 次。`,
  },
  giveUp: {
    en: (t: string) => `The last retransmission times out and connect() fails at t = ${t} s.`,
    zh: (t: string) => `最后一次重传也超时后，connect() 在 t = ${t} 秒失败。`,
  },
  linuxRule: {
    en: 'On Linux the first tcp_syn_linear_timeouts (4) retransmissions keep RTO = 1 s, then it doubles.',
    zh: 'Linux 的前 tcp_syn_linear_timeouts（4）次重传 RTO 保持 1 秒，之后才加倍。',
  },
  rfcRule: {
    en: 'In the textbook model the RTO starts at 1 s and doubles after every timeout.',
    zh: '教材模型中 RTO 初值为 1 秒，每次超时后加倍。',
  },
  keySeconds: { en: (t: string) => `The answer is ${t} s.`, zh: (t: string) => `答案是 ${t} 秒。` },
  keyWho: { en: (a: string) => `So: ${a}`, zh: (a: string) => `所以：${a}` },
};

type Who = 'client' | 'server' | 'both' | 'none';

function whoRetransmits(trace: Trace): Who {
  const handshake = (f: string) => f === 'S' || f === 'S.';
  const retx = trace.segments.filter((s) => s.why !== undefined && handshake(s.flags));
  const client = retx.some((s) => s.flags === 'S');
  const server = retx.some((s) => s.flags === 'S.');
  return client && server ? 'both' : client ? 'client' : server ? 'server' : 'none';
}

function synTimes(trace: Trace): number[] {
  return trace.segments.filter((s) => s.from === 'client' && s.flags === 'S').map((s) => s.t);
}

function giveUpTime(trace: Trace): number {
  const e = trace.events.find((x) => x.event === 'connect_error');
  if (e === undefined) throw new RangeError('connect() did not fail');
  return e.t;
}

/** Textbook give-up time: 1 + 2 + … + 2^r = 2^(r+1) − 1 seconds. */
function textbookGiveUp(r: number): number {
  return 2 ** (r + 1) - 1;
}

function nthTextbook(k: number): number {
  return 2 ** k - 1;
}

const tolerance = (v: number) => Math.max(0.3, Math.round(v * 0.05 * 100) / 100);

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

type Variant = 'who' | 'give-up' | 'nth';

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  if (ctx.difficulty === 1) {
    const spec: SimSpec = {
      scenario: pick(rng, ['syn-dropped-linear', 'synack-dropped', 'third-ack-dropped']),
      seed: rng.uint32(),
      set: {},
    };
    const trace = runSim(spec);
    const lost = trace.segments.findIndex((s) => s.dropped);
    const who = whoRetransmits(trace);
    const distractors: Distractor[] = [
      { text: tr(locale, WHO.serverSyn), misconception: 'server-retransmits-syn' },
      ...(who === 'client'
        ? []
        : [{ text: tr(locale, WHO.client), misconception: 'synack-not-retransmitted' as const }]),
      { text: tr(locale, WHO.both) },
      { text: tr(locale, WHO.server) },
      { text: tr(locale, WHO.none) },
    ];
    const correct = tr(locale, WHO[who]);
    const choice = buildChoice(rng, correct, distractors);
    const retx = trace.segments
      .filter((s) => s.why !== undefined && (s.flags === 'S' || s.flags === 'S.'))
      .slice(0, 3);
    return {
      kind: 'choice',
      topics: ['handshake-loss', 'retransmission'],
      lesson: 'handshake-loss-and-retransmission',
      stem: TEXT.stemWho[locale](lost + 1),
      trace: prefixTrace(trace, lost + 1, trace.segments[lost]!.t + 1e-6),
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
  const profile: Profile = ctx.difficulty === 2 ? 'linux' : pick(rng, ['linux', 'rfc'] as const);
  const variant: Variant = ctx.difficulty === 2 ? 'give-up' : 'nth';
  const r = ctx.difficulty === 2 ? rng.int(1, 6) : 6;
  const k = rng.int(2, 6);
  const spec: SimSpec = {
    scenario: 'syn-dropped-default',
    seed: rng.uint32(),
    profile,
    set: { 'client.tcp_syn_retries': r },
  };
  const trace = runSim(spec);
  const times = synTimes(trace);
  const key = variant === 'give-up' ? giveUpTime(trace) : (times[k] ?? 0);
  const wrongs: [number, MisconceptionId][] =
    variant === 'give-up'
      ? [
          [textbookGiveUp(r), 'textbook-exponential-syn-backoff'],
          [textbookGiveUp(r - 1), 'syn-retries-counts-all-syns'],
        ]
      : profile === 'linux'
        ? [[nthTextbook(k), 'textbook-exponential-syn-backoff']]
        : [[k, 'linear-syn-backoff-in-textbook']];
  const misconceptions: Record<string, MisconceptionId> = {};
  for (const [v, m] of wrongs)
    if (Math.abs(v - key) > tolerance(key)) misconceptions[String(v)] = m;
  const lines = [
    tr(locale, profile === 'linux' ? TEXT.linuxRule : TEXT.rfcRule),
    TEXT.synTimes[locale](times.map(fmtSeconds).join(', ')),
  ];
  if (variant === 'give-up') {
    lines.push(TEXT.giveUpRule[locale](r, times.length - 1));
    lines.push(TEXT.giveUp[locale](fmtSeconds(key)));
  }
  lines.push(TEXT.keySeconds[locale](fmtSeconds(round3(key))));
  const p = tr(locale, TEXT.profile[profile]);
  return {
    kind: 'numeric',
    topics: ['handshake-loss', 'retransmission'],
    lesson: 'handshake-loss-and-retransmission',
    stem: variant === 'give-up' ? TEXT.stemGiveUp[locale](p, r) : TEXT.stemNth[locale](p, k),
    trace: null,
    unit: locale === 'zh' ? '秒' : 's',
    answer: { value: round3(key), tolerance: tolerance(key) },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { variant, k }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('handshake-loss needs a trace');
  const variant = q.source.focus['variant'];
  if (variant === 'who') {
    if (q.kind !== 'choice') throw new TypeError('who-question must be a choice');
    const text = tr(q.locale, WHO[whoRetransmits(trace)]);
    return { option: q.options.find((o) => o.text === text)?.id ?? '' };
  }
  const key =
    variant === 'give-up' ? giveUpTime(trace) : (synTimes(trace)[Number(q.source.focus['k'])] ?? 0);
  return { value: round3(key), tolerance: tolerance(key) };
}

export const handshakeLoss: TemplateDef = {
  id: 'handshake-loss',
  topics: ['handshake-loss', 'retransmission'],
  kinds: ['choice', 'numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
