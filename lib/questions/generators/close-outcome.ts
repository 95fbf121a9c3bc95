// Family "close-outcome": who ends in TIME_WAIT, how long TIME_WAIT lasts, and what a close
// with unread data sends, each read from the simulated close.

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
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, SimSpec, TemplateDef } from '../types';

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
    en: 'The trace below stops when the first FIN is sent. When the connection has closed, which side is left in TIME_WAIT?',
    zh: '下图的时序在第一个 FIN 发出时停止。连接关闭后，哪一方会进入 TIME_WAIT 状态？',
  },
  stemHowLong: {
    en: (p: string) => `Under the ${p} profile, how long does the active closer stay in TIME_WAIT?`,
    zh: (p: string) => `在 ${p}配置下，主动关闭方在 TIME_WAIT 状态停留多长时间？`,
  },
  stemUnread: {
    en: (l: number) =>
      `The client sends ${l} bytes. Later the server application calls close(). What does the server send?`,
    zh: (l: number) =>
      `客户端发送了 ${l} 字节数据。之后服务器应用调用 close()。服务器发出什么报文段？`,
  },
  profile: {
    linux: { en: 'linux', zh: 'linux（Linux 内核）' },
    rfcMsl: {
      en: (m: number) => `rfc (textbook, MSL = ${m} s)`,
      zh: (m: number) => `rfc（教材模型，MSL = ${m} 秒）`,
    },
  },
  firstFin: {
    en: (d: string) => `The first FIN: ${d}. Its sender is the active closer.`,
    zh: (d: string) => `第一个 FIN：${d}。发送它的一方是主动关闭方。`,
  },
  twStates: {
    en: (who: string) => `In the full trace, TIME_WAIT appears for: ${who}.`,
    zh: (who: string) => `完整时序中进入 TIME_WAIT 的是：${who}。`,
  },
  twTimes: {
    en: (a: string, b: string) => `TIME_WAIT from t = ${a} s to t = ${b} s.`,
    zh: (a: string, b: string) => `TIME_WAIT 从 t = ${a} 秒持续到 t = ${b} 秒。`,
  },
  linuxTw: {
    en: 'Linux uses the constant TCP_TIMEWAIT_LEN = 60 s (timer-wheel rounding adds up to a second or so).',
    zh: 'Linux 使用常量 TCP_TIMEWAIT_LEN = 60 秒（定时器轮的取整会多出一秒左右）。',
  },
  rfcTw: {
    en: (m: number) => `The textbook waits 2 × MSL = 2 × ${m} s.`,
    zh: (m: number) => `教材规定等待 2MSL = 2 × ${m} 秒。`,
  },
  closeSends: {
    en: (d: string) => `At close() the server sends ${d}.`,
    zh: (d: string) => `调用 close() 时服务器发送：${d}。`,
  },
  unreadWhy: {
    en: (u: boolean) =>
      u
        ? 'The received data was never read, so Linux aborts with RST (RFC 2525) instead of FIN.'
        : 'The application read all the data first, so close() sends an orderly FIN.',
    zh: (u: boolean) =>
      u
        ? '收到的数据一直没有被读取，因此 Linux 用 RST 中止连接（RFC 2525），而不是发送 FIN。'
        : '应用先读完了全部数据，因此 close() 发送正常的 FIN。',
  },
  stemPath: {
    en: (who: string) =>
      `The trace below stops when the first FIN is sent. Which states does ${who} pass through until its socket is gone? Select all that apply.`,
    zh: (who: string) =>
      `下图的时序在第一个 FIN 发出时停止。从此刻起直到连接彻底关闭，${who}会经过哪些状态？（多选）`,
  },
  pathStates: {
    en: (who: string, path: string) => `In the full trace ${who} goes ${path} (then CLOSED).`,
    zh: (who: string, path: string) => `完整时序中${who}依次经过 ${path}（最后 CLOSED）。`,
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

/** Nominal durations offered as options; the key is the one nearest the measured span. */
function durationOptions(profile: 'linux' | 'rfc', msl: number, finTimeout: number) {
  return profile === 'linux'
    ? [
        { v: 60 },
        { v: 240, m: 'time-wait-textbook-on-linux' as const },
        { v: 120, m: 'time-wait-one-msl' as const },
        { v: finTimeout, m: 'fin-timeout-is-time-wait' as const },
        { v: 30 },
      ]
    : [
        { v: 2 * msl },
        { v: msl, m: 'time-wait-one-msl' as const },
        { v: 60, m: 'time-wait-textbook-on-linux' as const },
        { v: 4 * msl },
      ];
}

function serverCloseFlags(trace: Trace): string {
  const close = trace.events.find((e) => e.endpoint === 'server' && e.event === 'close');
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

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  if (ctx.difficulty === 1) {
    const spec: SimSpec = {
      scenario: pick(rng, ['handshake-data-close', 'server-active-close', 'simultaneous-close']),
      seed: rng.uint32(),
      set: {},
    };
    const trace = runSim(spec);
    const fin = trace.segments.findIndex((s) => s.flags.includes('F'));
    const finSeg = trace.segments[fin]!;
    const side = timeWaitSides(trace);
    const passive = finSeg.from === 'client' ? 'server' : 'client';
    const distractors: Distractor[] = [
      { text: tr(locale, SIDES[passive]), misconception: 'time-wait-on-passive-closer' },
      { text: tr(locale, SIDES.both), misconception: 'time-wait-on-both-sides' },
      { text: tr(locale, SIDES.none), misconception: 'time-wait-is-a-bug' },
      { text: tr(locale, SIDES.client) },
      { text: tr(locale, SIDES.server) },
    ];
    const correct = tr(locale, SIDES[side]);
    const choice = buildChoice(rng, correct, distractors);
    return {
      kind: 'choice',
      topics: ['close', 'time-wait'],
      lesson:
        spec.scenario === 'simultaneous-close' ? 'simultaneous-open-and-close' : 'four-way-close',
      stem: TEXT.stemWho[locale],
      trace: prefixTrace(trace, fin + 1, finSeg.t + 1e-6),
      options: choice.options,
      answer: choice.answer,
      explanation: steps([
        TEXT.firstFin[locale](describeSegment(finSeg, locale)),
        TEXT.twStates[locale](correct),
        TEXT.key[locale](correct),
      ]),
      misconceptions: choice.misconceptions,
      source: sourceOf(spec, { variant: 'who' }),
    };
  }
  if (ctx.difficulty === 2) {
    const profile = pick(rng, ['linux', 'rfc'] as const);
    const msl = pick(rng, [15, 30, 45, 60]);
    const finTimeout = pick(rng, [15, 30, 45]);
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
    const p =
      profile === 'linux' ? tr(locale, TEXT.profile.linux) : TEXT.profile.rfcMsl[locale](msl);
    return {
      kind: 'choice',
      topics: ['time-wait', 'close'],
      lesson: 'time-wait-and-2msl',
      stem: TEXT.stemHowLong[locale](p),
      trace: null,
      options: choice.options,
      answer: choice.answer,
      explanation: steps([
        TEXT.twTimes[locale](fmtSeconds(a), fmtSeconds(b)),
        profile === 'linux' ? tr(locale, TEXT.linuxTw) : TEXT.rfcTw[locale](msl),
        TEXT.key[locale](correct),
      ]),
      misconceptions: choice.misconceptions,
      source: sourceOf(spec, { variant: 'duration' }),
    };
  }
  if (rng.next() < 0.5) return generatePath(ctx);
  const spec: SimSpec = {
    scenario: pick(rng, ['close-unread-data', 'handshake-data-close']),
    seed: rng.uint32(),
    set: {},
  };
  const trace = runSim(spec);
  const data = trace.segments.find((s) => s.from === 'client' && s.len > 0);
  const flags = serverCloseFlags(trace);
  const correct = sendsText(flags, locale);
  const choice = buildChoice(rng, correct, [
    { text: tr(locale, SENDS.fin), misconception: 'close-always-sends-fin' },
    { text: tr(locale, SENDS.rst), misconception: 'close-equals-shutdown' },
    { text: tr(locale, SENDS.finThenRst) },
    { text: tr(locale, SENDS.nothing) },
  ]);
  const seg = trace.segments.find((s) => s.from === 'server' && s.flags === flags);
  const unread = !trace.events.some((e) => e.endpoint === 'server' && e.event === 'recv');
  const dataIndex = data === undefined ? 0 : trace.segments.indexOf(data);
  return {
    kind: 'choice',
    topics: ['close', 'rst', 'socket-api'],
    lesson: 'rst-and-abort',
    stem: TEXT.stemUnread[locale](data?.len ?? 0),
    trace: prefixTrace(trace, dataIndex + 1, (data?.t ?? 0) + 1e-6),
    options: choice.options,
    answer: choice.answer,
    explanation: steps([
      TEXT.unreadWhy[locale](unread),
      TEXT.closeSends[locale](seg === undefined ? flagWords(flags) : describeSegment(seg, locale)),
      TEXT.key[locale](correct),
    ]),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant: 'unread' }),
  };
}

/** States `endpoint` passes through from the first FIN on (ESTABLISHED and CLOSED left out). */
function closePath(trace: Trace, endpoint: string): TcpState[] {
  const fin = trace.segments.find((s) => s.flags.includes('F'));
  const out: TcpState[] = [];
  for (const s of trace.states) {
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

/** Multi-select: every state one endpoint passes through while the connection closes. */
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
  const active = finSeg.from === endpoint;
  const options = PATH_STATES.map((state, i) => ({ id: String.fromCharCode(97 + i), text: state }));
  const misconceptions: Record<string, MisconceptionId> = {};
  for (const o of options) {
    if (path.some((s) => s === o.text)) continue;
    if (o.text === 'TIME_WAIT' && !active) misconceptions[o.id] = 'time-wait-on-passive-closer';
    else if (o.text === 'CLOSE_WAIT' && active) misconceptions[o.id] = 'close-wait-vs-fin-wait-2';
    else if (o.text === 'FIN_WAIT2' && !active) misconceptions[o.id] = 'close-wait-vs-fin-wait-2';
  }
  const answer = options.filter((o) => path.some((s) => s === o.text)).map((o) => o.id);
  const who = endpointName(endpoint, locale);
  return {
    kind: 'multi',
    topics: ['close', 'states'],
    lesson:
      spec.scenario === 'simultaneous-close'
        ? 'simultaneous-open-and-close'
        : spec.scenario === 'close-merged'
          ? 'three-segment-close'
          : 'four-way-close',
    stem: TEXT.stemPath[locale](who),
    trace: prefixTrace(trace, fin + 1, finSeg.t + 1e-6),
    options,
    answer: { options: answer },
    explanation: steps([
      TEXT.firstFin[locale](describeSegment(finSeg, locale)),
      TEXT.pathStates[locale](who, path.join(' → ')),
      TEXT.key[locale](path.join(', ')),
    ]),
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
  topics: ['close', 'time-wait', 'rst'],
  kinds: ['choice', 'multi'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
