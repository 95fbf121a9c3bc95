// Family "listen-queues": how many connections the accept queue holds (backlog, somaxconn),
// what an overflow does, and what syncookies change, all counted in a simulated trace.

import type { Trace } from '@/lib/engine';
import { buildChoice, fmtSeconds, pick, prefixTrace, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import { endpointName, tr, type Text } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, Locale, SimSpec, TemplateDef } from '../types';

const FATE = {
  ignored: {
    en: 'Its SYN is dropped silently; it keeps retransmitting the SYN and finally fails.',
    zh: '它的 SYN 被静默丢弃；客户端不断重传 SYN，最终连接失败。',
  },
  refused: {
    en: 'The server answers its SYN with RST at once: connect() fails with ECONNREFUSED.',
    zh: '服务器立即用 RST 回应它的 SYN：connect() 以 ECONNREFUSED 失败。',
  },
  connects: {
    en: 'It connects normally and waits in the accept queue.',
    zh: '它正常建立连接，并在全连接队列中等待。',
  },
  synRecv: {
    en: 'Its handshake completes on the client, but the server keeps it in SYN_RECV.',
    zh: '对客户端而言握手完成，但服务器端一直停留在 SYN_RECV。',
  },
} satisfies Record<string, Text>;

const FLOOD = {
  immediate: {
    en: 'It connects at once: the server answers with a SYN cookie and keeps no queue entry.',
    zh: '立即建立连接：服务器回复带 SYN Cookie 的 SYN+ACK，不占用队列。',
  },
  late: {
    en: 'Its SYNs are dropped until half-open requests expire; it connects only after retransmitting.',
    zh: '它的 SYN 被丢弃，直到半连接请求超时被清除；重传若干次后才建立连接。',
  },
  never: {
    en: 'It never connects: connect() fails.',
    zh: '始终无法建立连接：connect() 失败。',
  },
  rst: {
    en: 'The server resets it because the SYN queue is full.',
    zh: '由于半连接队列已满，服务器向它发送 RST。',
  },
} satisfies Record<string, Text>;

const TEXT = {
  stemCount: {
    en: (b: number, s: number) =>
      `A server calls listen() with backlog = ${b}; net.core.somaxconn = ${s}. Its application never calls accept(). Four clients connect one after another. How many of them complete the handshake at the server (reach ESTABLISHED there)?`,
    zh: (b: number, s: number) =>
      `服务器调用 listen() 时 backlog = ${b}，net.core.somaxconn = ${s}。服务器应用从不调用 accept()。四个客户端先后发起连接。其中有几个在服务器端完成握手（进入 ESTABLISHED）？`,
  },
  stemFate: {
    en: (a: number) =>
      `backlog = 1 and the application never calls accept(); tcp_abort_on_overflow = ${a}. Two clients have connected (trace below). What happens to the third client?`,
    zh: (a: number) =>
      `backlog = 1，且应用从不调用 accept()；tcp_abort_on_overflow = ${a}。已有两个客户端连接成功（见下图）。第三个客户端会怎样？`,
  },
  stemFlood: {
    en: (c: number) =>
      `tcp_syncookies = ${c}. A flood of spoofed SYNs fills the listener's SYN queue (trace below), then a legitimate client connects. What happens to it?`,
    zh: (c: number) =>
      `tcp_syncookies = ${c}。大量伪造源地址的 SYN 填满了监听套接字的半连接队列（见下图），随后一个正常客户端发起连接。它会怎样？`,
  },
  effective: {
    en: (b: number, s: number, e: number) => `The effective backlog is min(${b}, ${s}) = ${e}.`,
    zh: (b: number, s: number, e: number) => `实际生效的 backlog 为 min(${b}, ${s}) = ${e}。`,
  },
  full: {
    en: (e: number, n: number) =>
      `Linux calls the accept queue full only when it holds more than ${e}, so ${e} + 1 = ${n} connections fit.`,
    zh: (e: number, n: number) =>
      `Linux 在全连接队列长度超过 ${e} 时才认为队列已满，所以能容纳 ${e} + 1 = ${n} 个连接。`,
  },
  counted: {
    en: (n: number) =>
      `In the trace, ${n} server connections reach ESTABLISHED; later SYNs are dropped.`,
    zh: (n: number) => `时序中有 ${n} 个服务器端连接进入 ESTABLISHED，之后的 SYN 都被丢弃。`,
  },
  fate: {
    en: (ep: string, what: string) => `In the trace, ${ep}: ${what}`,
    zh: (ep: string, what: string) => `时序中，${ep}：${what}`,
  },
  overflowWhy: {
    en: 'With the accept queue full Linux drops the SYN itself (whatever tcp_abort_on_overflow says); that sysctl only matters for a third ACK that arrives while the queue is full.',
    zh: '全连接队列已满时，Linux 直接丢弃 SYN（与 tcp_abort_on_overflow 无关）；该参数只影响队列满时到达的第三次握手 ACK。',
  },
  cookieWhy: {
    en: (c: number) =>
      c === 1
        ? 'With syncookies on, a full SYN queue is answered with a cookie SYN+ACK: no queue entry is needed.'
        : 'With syncookies off, a full SYN queue drops new SYNs until queued requests time out.',
    zh: (c: number) =>
      c === 1
        ? '开启 syncookies 后，半连接队列满时服务器回复带 Cookie 的 SYN+ACK，无需占用队列。'
        : '关闭 syncookies 时，半连接队列满后新的 SYN 被丢弃，直到队列中的请求超时。',
  },
  connectedAt: {
    en: (t: string) => `The client's connect() succeeds at t = ${t} s.`,
    zh: (t: string) => `客户端的 connect() 在 t = ${t} 秒成功。`,
  },
  key: { en: (a: string) => `Answer: ${a}`, zh: (a: string) => `答案：${a}` },
};

function establishedCount(trace: Trace): number {
  return trace.states.filter(
    (s) => s.endpoint === 'server' && s.socket === 'conn' && s.state === 'ESTABLISHED',
  ).length;
}

function fateOf(trace: Trace, client: string): keyof typeof FATE {
  const ok = trace.events.find((e) => e.endpoint === client && e.event === 'connect_ok');
  if (ok !== undefined) return 'connects';
  const syn = trace.segments.find((s) => s.from === client && s.flags === 'S');
  const rst = trace.segments.find((s) => s.to === client && s.flags.startsWith('R'));
  if (syn !== undefined && rst !== undefined && rst.t - syn.t < 0.5) return 'refused';
  return 'ignored';
}

function floodOf(trace: Trace): keyof typeof FLOOD {
  const syn = trace.segments.find((s) => s.from === 'client' && s.flags === 'S');
  const ok = trace.events.find((e) => e.endpoint === 'client' && e.event === 'connect_ok');
  if (syn === undefined || ok === undefined) return 'never';
  return ok.t - syn.t < 0.5 ? 'immediate' : 'late';
}

type Variant = 'count' | 'fate' | 'flood';

function correctText(trace: Trace, variant: Variant, locale: Locale): string {
  switch (variant) {
    case 'count':
      return String(establishedCount(trace));
    case 'fate':
      return tr(locale, FATE[fateOf(trace, 'client3')]);
    case 'flood':
      return tr(locale, FLOOD[floodOf(trace)]);
  }
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  if (ctx.difficulty === 1) {
    const b = rng.int(0, 2);
    const s = rng.int(1, 3);
    const spec: SimSpec = {
      scenario: 'accept-overflow-drop',
      seed: rng.uint32(),
      set: { 'endpoints.server.program[0].listen.backlog': b, 'server.somaxconn': s },
    };
    const trace = runSim(spec);
    const key = establishedCount(trace);
    const e = Math.min(b, s);
    const misconceptions: Record<string, MisconceptionId> = {};
    const wrongs: [number, MisconceptionId][] = [
      [e, 'accept-queue-equals-backlog'],
      [b + 1, 'backlog-ignores-somaxconn'],
      [b, 'backlog-ignores-somaxconn'],
    ];
    for (const [v, m] of wrongs)
      if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
    return {
      kind: 'numeric',
      topics: ['queues', 'socket-api'],
      lesson: 'syn-and-accept-queues',
      stem: TEXT.stemCount[locale](b, s),
      trace: null,
      answer: { value: key, tolerance: 0 },
      explanation: steps([
        TEXT.effective[locale](b, s, e),
        TEXT.full[locale](e, e + 1),
        TEXT.counted[locale](key),
        TEXT.key[locale](String(key)),
      ]),
      misconceptions,
      source: sourceOf(spec, { variant: 'count' }),
    };
  }
  const variant: Variant = ctx.difficulty === 2 ? 'fate' : 'flood';
  const spec: SimSpec =
    variant === 'fate'
      ? {
          scenario: pick(rng, ['accept-overflow-drop', 'accept-overflow-abort']),
          seed: rng.uint32(),
          set: {},
        }
      : { scenario: pick(rng, ['syn-flood', 'syn-flood-syncookies']), seed: rng.uint32(), set: {} };
  const trace = runSim(spec);
  const correct = correctText(trace, variant, locale);
  const choice =
    variant === 'fate'
      ? buildChoice(rng, correct, [
          { text: tr(locale, FATE.refused), misconception: 'overflow-always-rst' },
          { text: tr(locale, FATE.connects), misconception: 'accept-queue-equals-backlog' },
          { text: tr(locale, FATE.synRecv), misconception: 'overflow-refuses-syn' },
          { text: tr(locale, FATE.ignored), misconception: 'overflow-refuses-syn' },
        ])
      : buildChoice(rng, correct, [
          { text: tr(locale, FLOOD.late), misconception: 'flood-blocks-despite-cookies' },
          { text: tr(locale, FLOOD.immediate), misconception: 'syncookies-need-queue' },
          { text: tr(locale, FLOOD.rst) },
          { text: tr(locale, FLOOD.never) },
        ]);
  const abort = Number(trace.params['server.tcp_abort_on_overflow'] ?? 0);
  const cookies = Number(trace.params['server.tcp_syncookies'] ?? 1);
  const cutoffIndex =
    variant === 'fate'
      ? trace.segments.findIndex((s) => s.from === 'client3')
      : trace.segments.findIndex((s) => s.from === 'client');
  const cutoffT = trace.segments[cutoffIndex]?.t ?? 0;
  const ok = trace.events.find(
    (e) => e.endpoint === (variant === 'fate' ? 'client3' : 'client') && e.event === 'connect_ok',
  );
  const lines =
    variant === 'fate'
      ? [tr(locale, TEXT.overflowWhy), TEXT.fate[locale](endpointName('client3', locale), correct)]
      : [
          TEXT.cookieWhy[locale](cookies),
          ...(ok === undefined ? [] : [TEXT.connectedAt[locale](fmtSeconds(ok.t))]),
        ];
  lines.push(TEXT.key[locale](correct));
  return {
    kind: 'choice',
    topics: variant === 'fate' ? ['queues'] : ['syn-flood', 'queues'],
    lesson: variant === 'fate' ? 'syn-and-accept-queues' : 'syn-flood-and-syncookies',
    stem: variant === 'fate' ? TEXT.stemFate[locale](abort) : TEXT.stemFlood[locale](cookies),
    trace: prefixTrace(trace, Math.max(0, cutoffIndex), cutoffT),
    options: choice.options,
    answer: choice.answer,
    explanation: steps(lines),
    misconceptions: choice.misconceptions,
    source: sourceOf(spec, { variant }),
  };
}

function asVariant(v: unknown): Variant {
  if (v === 'count' || v === 'fate' || v === 'flood') return v;
  throw new TypeError(`unknown listen-queues variant ${String(v)}`);
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('listen-queues needs a trace');
  const variant = asVariant(q.source.focus['variant']);
  if (q.kind === 'numeric') return { value: establishedCount(trace), tolerance: 0 };
  if (q.kind !== 'choice') throw new TypeError('unexpected kind');
  const text = correctText(trace, variant, q.locale);
  return { option: q.options.find((o) => o.text === text)?.id ?? '' };
}

export const listenQueues: TemplateDef = {
  id: 'listen-queues',
  topics: ['queues', 'syn-flood', 'socket-api'],
  kinds: ['numeric', 'choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
