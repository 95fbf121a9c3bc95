// Family "listen-queues": how many connections the accept queue holds (backlog, somaxconn),
// what a SYN or a third ACK meets at a full accept queue, and what syncookies change in a flood.

import type { Trace } from '@/lib/engine';
import { buildChoice, fmtSeconds, prefixTrace, runSim, sourceOf } from '../build';
import { steps } from '../explain';
import { endpointName, tr, type Text } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { HiddenVariation } from '../validity';
import { defaultVariations } from '../validity';
import type { GenContext, Locale, SimSpec, TemplateDef, Topic } from '../types';

/**
 * What happens to a client that connects to a listener whose application never accepts. The
 * texts have equal lengths in each locale, so no option stands out by its length.
 */
const FATE = {
  ignored: {
    en: 'Its SYN gets no answer: the server drops it without a word, and the client keeps resending that SYN.',
    zh: '它的 SYN 得不到任何回应：服务器静默丢弃该 SYN，客户端只能不断重传 SYN。',
  },
  refused: {
    en: "The server answers its SYN with RST immediately, and the client's connect() fails with ECONNREFUSED.",
    zh: '服务器立即回复 RST，connect() 随即以 ECONNREFUSED 失败。',
  },
  connects: {
    en: 'It completes the handshake normally, and the connection then waits in the accept queue for accept().',
    zh: '它正常完成三次握手，连接进入全连接队列，等待服务器应用程序来调用 accept()。',
  },
  synRecv: {
    en: 'The server drops its third ACK and keeps the request in SYN_RECV, re-sending its SYN+ACK on a timer.',
    zh: '服务器丢弃第三次握手的 ACK，连接停在 SYN_RECV 并重传 SYN+ACK。',
  },
  resetAck: {
    en: 'The server answers its third ACK with RST, and the connection the client believed was open is reset.',
    zh: '服务器用 RST 回应它的第三次握手 ACK，客户端以为已经建立好的那个连接被重置。',
  },
} satisfies Record<string, Text>;
type Fate = keyof typeof FATE;

/** What happens to a legitimate client that connects during a SYN flood. */
const FLOOD = {
  immediate: {
    en: 'It connects at once: the server answers with a cookie SYN+ACK and keeps no queue entry for it.',
    zh: '立即建立连接：服务器回复带 Cookie 的 SYN+ACK，不为它占用队列。',
  },
  late: {
    en: 'Its SYNs are dropped until half-open requests expire; it connects only after retransmitting.',
    zh: '它的 SYN 被丢弃，直到半连接请求超时被清除；重传若干次后才建立连接。',
  },
  never: {
    en: 'It never connects: the half-open requests keep every place in the SYN queue, and connect() fails.',
    zh: '始终无法建立连接：半连接请求一直占着队列的所有位置，connect() 最终失败。',
  },
  rst: {
    en: 'The server answers it with RST, since its SYN queue is full and cannot take another request.',
    zh: '服务器向它发送 RST，因为半连接队列已满，无法再接纳新的请求。',
  },
} satisfies Record<string, Text>;
type Flood = keyof typeof FLOOD;

const SOMAXCONN_DEFAULT = 4096;

const TEXT = {
  stemCount: {
    en: (b: number, s: number) =>
      `On Linux, a server calls listen() with backlog = ${b}; net.core.somaxconn = ${s}. Its application never calls accept(). Four clients connect one after another. How many of them complete the handshake at the server (reach ESTABLISHED there)?`,
    zh: (b: number, s: number) =>
      `在 Linux 上，服务器调用 listen() 时 backlog = ${b}，net.core.somaxconn = ${s}。服务器应用从不调用 accept()。四个客户端先后发起连接。其中有几个在服务器端完成握手（进入 ESTABLISHED）？`,
  },
  setup: {
    en: (b: number, s: number, a: number) =>
      `On Linux, a server calls listen() with backlog = ${b} (net.core.somaxconn = ${s}) and its application never calls accept(); tcp_abort_on_overflow = ${a}.`,
    zh: (b: number, s: number, a: number) =>
      `在 Linux 上，服务器调用 listen() 时 backlog = ${b}（net.core.somaxconn = ${s}），且应用从不调用 accept()；tcp_abort_on_overflow = ${a}。`,
  },
  askSequential: {
    en: (k: number) =>
      ` Clients connect one at a time, each after the previous handshake has finished; the trace shows ${k === 2 ? 'client 1' : `clients 1 to ${k - 1}`}. What happens to client ${k}?`,
    zh: (k: number) =>
      `客户端逐个连接，每个都在前一个握手完成之后才发起；下图是客户端 ${k === 2 ? '1' : `1～${k - 1}`}。第 ${k} 个客户端会怎样？`,
  },
  askOverlap: {
    en: (k: number) =>
      ` The trace shows client ${k} completing the handshake on its side; client ${k - 1}'s third ACK reaches the server just before client ${k}'s. What happens when client ${k}'s third ACK reaches the server?`,
    zh: (k: number) =>
      `下图中客户端 ${k} 在自己一侧完成了握手；客户端 ${k - 1} 的第三次握手 ACK 恰好先于客户端 ${k} 的到达服务器。客户端 ${k} 的第三次握手 ACK 到达服务器时会怎样？`,
  },
  stemFloodFate: {
    en: (c: number) =>
      `On Linux, tcp_syncookies = ${c}. A flood of spoofed SYNs fills the listener's SYN queue (trace below), then a legitimate client connects. What happens to it?`,
    zh: (c: number) =>
      `在 Linux 上，tcp_syncookies = ${c}。大量伪造源地址的 SYN 填满了监听套接字的半连接队列（见下图），随后一个正常客户端发起连接。它会怎样？`,
  },
  stemFloodCount: {
    en: (b: number, s: number, c: number, n: number) =>
      `On Linux, a server calls listen() with backlog = ${b} (net.core.somaxconn = ${s}); tcp_syncookies = ${c}. An attacker sends ${n} SYNs from spoofed addresses, 2 ms apart, and never answers. How many of these ${n} SYNs does the server answer with a SYN+ACK?`,
    zh: (b: number, s: number, c: number, n: number) =>
      `在 Linux 上，服务器调用 listen() 时 backlog = ${b}（net.core.somaxconn = ${s}），tcp_syncookies = ${c}。攻击者从伪造的源地址每隔 2 ms 发送一个 SYN，共 ${n} 个，且从不回应。服务器对这 ${n} 个 SYN 中的多少个回复了 SYN+ACK？`,
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
  synFull: {
    en: (e: number, n: number) =>
      `Linux calls the SYN queue full only when it holds more than ${e} requests, so ${e} + 1 = ${n} half-open requests fit.`,
    zh: (e: number, n: number) =>
      `Linux 在半连接队列中的请求超过 ${e} 个时才认为队列已满，所以能容纳 ${e} + 1 = ${n} 个半连接请求。`,
  },
  counted: {
    en: (n: number) =>
      `In the trace, ${n} server connections reach ESTABLISHED; later SYNs are dropped.`,
    zh: (n: number) => `时序中有 ${n} 个服务器端连接进入 ESTABLISHED，之后的 SYN 都被丢弃。`,
  },
  queued: {
    en: (k: number, n: number) =>
      `Before client ${k} connects, the accept queue already holds ${k - 1} connection(s), out of ${n}.`,
    zh: (k: number, n: number) =>
      `第 ${k} 个客户端连接之前，全连接队列中已有 ${k - 1} 个连接（最多 ${n} 个）。`,
  },
  room: {
    en: 'There is still room, so the SYN is answered and the third ACK moves the connection into the accept queue.',
    zh: '队列还有空位，所以 SYN 得到回应，第三次握手的 ACK 到达后连接进入全连接队列。',
  },
  overflowSyn: {
    en: (a: number) =>
      `The queue is full, so Linux drops the SYN itself without any answer; tcp_abort_on_overflow (here ${a}) only decides what happens to a third ACK that finds the queue full.`,
    zh: (a: number) =>
      `队列已满，Linux 直接丢弃 SYN，不作任何回应；tcp_abort_on_overflow（此处为 ${a}）只决定队列满时到达的第三次握手 ACK 如何处理。`,
  },
  overlapWhy: {
    en: (k: number, n: number) =>
      `Client ${k}'s SYN arrived while the queue had room, so it was answered; but client ${k - 1}'s ACK then filled the queue (${n} connections), and Linux checks the queue again when the third ACK arrives.`,
    zh: (k: number, n: number) =>
      `客户端 ${k} 的 SYN 到达时队列还有空位，所以得到了 SYN+ACK；但随后客户端 ${k - 1} 的 ACK 把队列填满（${n} 个连接），而 Linux 在第三次握手的 ACK 到达时会再次检查队列。`,
  },
  abort: {
    en: (a: number) =>
      a === 1
        ? 'With tcp_abort_on_overflow = 1 the listener answers that ACK with RST and forgets the request.'
        : 'With tcp_abort_on_overflow = 0 the listener drops that ACK and keeps the request in SYN_RECV; its SYN+ACK timer retransmits, hoping the queue drains.',
    zh: (a: number) =>
      a === 1
        ? 'tcp_abort_on_overflow = 1 时，监听套接字用 RST 回应该 ACK，并丢弃这个请求。'
        : 'tcp_abort_on_overflow = 0 时，监听套接字丢弃该 ACK，请求留在 SYN_RECV，由 SYN+ACK 定时器重传，等待队列腾出空位。',
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
  cookieCount: {
    en: (c: number, n: number, q: number) =>
      c === 1
        ? `The first ${q} SYNs get request entries and SYN+ACKs; the other ${n - q} get cookie SYN+ACKs: all ${n} are answered.`
        : `The first ${q} SYNs get request entries and SYN+ACKs; with syncookies off the other ${n - q} are dropped silently.`,
    zh: (c: number, n: number, q: number) =>
      c === 1
        ? `前 ${q} 个 SYN 进入半连接队列并得到 SYN+ACK；其余 ${n - q} 个得到带 Cookie 的 SYN+ACK：${n} 个全部得到回应。`
        : `前 ${q} 个 SYN 进入半连接队列并得到 SYN+ACK；关闭 syncookies 时其余 ${n - q} 个被静默丢弃。`,
  },
  answeredCount: {
    en: (n: number) => `In the trace the server sends SYN+ACKs for ${n} different SYNs.`,
    zh: (n: number) => `时序中服务器对 ${n} 个不同的 SYN 发送了 SYN+ACK。`,
  },
  fate: {
    en: (ep: string, what: string) => `In the trace, ${ep}: ${what}`,
    zh: (ep: string, what: string) => `时序中，${ep}：${what}`,
  },
  connectedAt: {
    en: (t: string) => `The client's connect() succeeds at t = ${t} s.`,
    zh: (t: string) => `客户端的 connect() 在 t = ${t} 秒成功。`,
  },
  key: { en: (a: string) => `Answer: ${a}`, zh: (a: string) => `答案：${a}` },
};

/**
 * The question variants: `count` (accept queue size), `sequential` (a client after earlier
 * ones finished), `overlap` (a handshake that began with room, third ACK at a full queue),
 * `flood-fate` (a legitimate client in a SYN flood) and `flood-count` (SYNs answered).
 */
type Variant = 'count' | 'sequential' | 'overlap' | 'flood-fate' | 'flood-count';
const VARIANTS: readonly Variant[] = [
  'count',
  'sequential',
  'overlap',
  'flood-fate',
  'flood-count',
];

function asVariant(v: unknown): Variant {
  if (VARIANTS.includes(v as Variant)) return v as Variant;
  throw new TypeError(`unknown listen-queues variant ${String(v)}`);
}

const BACKLOG = 'endpoints.server.program[0].listen.backlog';
const FLOOD_COUNT = 'endpoints.attacker.program[0].syn_flood.count';
/**
 * One flood scenario for both settings, the sysctl set per question: the catalog's other
 * one is named "syn-flood", the topic every flood question carries.
 */
const FLOOD_SCENARIO = 'syn-flood-syncookies';

function establishedCount(trace: Trace): number {
  return trace.states.filter(
    (s) => s.endpoint === 'server' && s.socket === 'conn' && s.state === 'ESTABLISHED',
  ).length;
}

/** A client's fate from the trace: whether its SYN and its third ACK were answered, and how. */
function fateOf(trace: Trace, client: string): Fate {
  const syn = trace.segments.find((s) => s.from === client && s.flags === 'S');
  if (syn === undefined) throw new RangeError(`${client} sends no SYN`);
  const reply = trace.segments.find((s) => s.to === client && s.t > syn.t);
  if (reply === undefined || reply.t - syn.t > 0.5) return 'ignored';
  if (reply.flags.startsWith('R')) return 'refused';
  const ack = trace.segments.find((s) => s.from === client && s.flags === '.' && s.t > reply.t);
  if (ack === undefined) throw new RangeError(`${client} never completes its handshake`);
  const rst = trace.segments.find(
    (s) => s.to === client && s.flags.startsWith('R') && s.t > ack.t && s.t - ack.t < 0.5,
  );
  if (rst !== undefined) return 'resetAck';
  const port = syn.cport;
  const served = trace.states.some(
    (s) => s.endpoint === 'server' && s.cport === port && s.state === 'ESTABLISHED',
  );
  return served ? 'connects' : 'synRecv';
}

function floodOf(trace: Trace): Flood {
  const syn = trace.segments.find((s) => s.from === 'client' && s.flags === 'S');
  const ok = trace.events.find((e) => e.endpoint === 'client' && e.event === 'connect_ok');
  if (syn === undefined || ok === undefined) return 'never';
  return ok.t - syn.t < 0.5 ? 'immediate' : 'late';
}

/** How many different attacker SYNs the server answered with a SYN+ACK. */
function answeredSyns(trace: Trace): number {
  const acks = new Set(
    trace.segments
      .filter((s) => s.from === 'server' && s.to === 'attacker' && s.flags === 'S.')
      .map((s) => s.abs_ack),
  );
  return acks.size;
}

function clientName(k: number): string {
  return `client${k}`;
}

/** The key in words (choice) or as a number; one reading of the trace for generate and solve. */
function keyText(trace: Trace, variant: Variant, client: number, locale: Locale): string {
  switch (variant) {
    case 'count':
      return String(establishedCount(trace));
    case 'flood-count':
      return String(answeredSyns(trace));
    case 'sequential':
    case 'overlap':
      return tr(locale, FATE[fateOf(trace, clientName(client))]);
    case 'flood-fate':
      return tr(locale, FLOOD[floodOf(trace)]);
  }
}

interface Parts {
  kind: 'numeric' | 'choice';
  topics: Topic[];
  lesson: string;
  stem: string;
  trace: QuestionBody['trace'];
  key: string;
  distractors: { text: string; misconception?: MisconceptionId }[];
  lines: string[];
  spec: SimSpec;
  focus: Record<string, string | number>;
}

/** d1: how many of four clients a never-accepting listener completes. */
function countParts(ctx: GenContext): Parts {
  const { rng, locale } = ctx;
  const b = rng.int(0, 2);
  const s = rng.int(1, 3);
  const spec: SimSpec = {
    scenario: 'accept-overflow-drop',
    seed: rng.uint32(),
    set: { [BACKLOG]: b, 'server.somaxconn': s },
  };
  const trace = runSim(spec);
  const key = establishedCount(trace);
  const e = Math.min(b, s);
  return {
    kind: 'numeric',
    topics: ['queues', 'socket-api'],
    lesson: 'syn-and-accept-queues',
    stem: TEXT.stemCount[locale](b, s),
    trace: null,
    key: String(key),
    distractors: [
      // The queue holds exactly the effective backlog.
      { text: String(e), misconception: 'accept-queue-equals-backlog' },
      // backlog + 1, with the backlog not clamped to somaxconn.
      { text: String(b + 1), misconception: 'backlog-ignores-somaxconn' },
    ],
    lines: [
      TEXT.effective[locale](b, s, e),
      TEXT.full[locale](e, e + 1),
      TEXT.counted[locale](key),
    ],
    spec,
    focus: { variant: 'count' },
  };
}

/**
 * d2/d3: client k connects after the earlier handshakes finished. With q = min(backlog,
 * somaxconn) + 1 places, k = q connects and k = q + 1 meets a full queue at its SYN.
 */
function sequentialParts(ctx: GenContext, clamp: boolean): Parts {
  const { rng, locale } = ctx;
  const a = rng.int(0, 1);
  const full = rng.int(0, 1) === 1;
  // e + 1 places; client k = e + 1 still fits, k = e + 2 does not (four clients at most).
  let b: number;
  let s: number;
  let e: number;
  if (clamp) {
    e = rng.int(1, 2);
    s = e;
    b = rng.int(e + 2, 8);
  } else {
    e = full ? rng.int(0, 2) : rng.int(1, 3);
    b = e;
    s = SOMAXCONN_DEFAULT;
  }
  const k = full ? e + 2 : e + 1;
  const spec: SimSpec = {
    scenario: 'accept-overflow-drop',
    seed: rng.uint32(),
    set: { [BACKLOG]: b, 'server.somaxconn': s, 'server.tcp_abort_on_overflow': a },
  };
  const trace = runSim(spec);
  const client = clientName(k);
  const cut = trace.segments.findIndex((seg) => seg.from === client);
  const key = tr(locale, FATE[fateOf(trace, client)]);
  const F = (f: Fate) => tr(locale, FATE[f]);
  const distractors: Parts['distractors'] = full
    ? [
        // A SYN at a full accept queue is dropped, never refused, whatever the sysctl says.
        { text: F('refused'), misconception: 'overflow-refuses-syn' },
        // Believing the queue is checked only at the third ACK: the SYN is answered and the
        // third ACK overflows, with the outcome the stem's tcp_abort_on_overflow gives.
        {
          text: F(a === 1 ? 'resetAck' : 'synRecv'),
          misconception: 'accept-queue-checked-only-at-ack',
        },
        // Clamped: backlog + 1 places without somaxconn would still have room for client k.
        clamp && k <= b + 1
          ? { text: F('connects'), misconception: 'backlog-ignores-somaxconn' }
          : { text: F('connects') },
      ]
    : [
        // Only `backlog` places: the queue is already full, so the SYN is dropped.
        { text: F('ignored'), misconception: 'accept-queue-equals-backlog' },
        { text: F('refused') },
        { text: F(a === 1 ? 'resetAck' : 'synRecv') },
      ];
  const lines = [
    TEXT.effective[locale](b, s, e),
    TEXT.full[locale](e, e + 1),
    TEXT.queued[locale](k, e + 1),
    full ? TEXT.overflowSyn[locale](a) : tr(locale, TEXT.room),
    TEXT.fate[locale](endpointName(client, locale), key),
  ];
  return {
    kind: 'choice',
    topics: ['queues'],
    lesson: 'syn-and-accept-queues',
    stem: `${TEXT.setup[locale](b, s, a)}${TEXT.askSequential[locale](k)}`,
    trace: prefixTrace(trace, cut, trace.segments[cut]!.t),
    key,
    distractors,
    lines,
    spec,
    focus: { variant: 'sequential', client: k },
  };
}

/**
 * d3: client k's SYN arrives while the queue still has a place, client k − 1's third ACK then
 * takes it, and client k's third ACK meets a full queue: tcp_abort_on_overflow decides.
 */
function overlapParts(ctx: GenContext): Parts {
  const { rng, locale } = ctx;
  const a = rng.int(0, 1);
  const b = rng.int(1, 2);
  const k = b + 2;
  const prev = clientName(k - 1);
  // Client k starts 5 ms after client k − 1 (whose scenario start is 0.2 s per client).
  const at = Math.round((0.2 * (k - 2) + 0.005) * 1000) / 1000;
  const spec: SimSpec = {
    scenario: 'accept-overflow-drop',
    seed: rng.uint32(),
    set: {
      [BACKLOG]: b,
      'server.somaxconn': SOMAXCONN_DEFAULT,
      'server.tcp_abort_on_overflow': a,
      [`endpoints.${clientName(k)}.program[0].at`]: at,
    },
  };
  const trace = runSim(spec);
  const client = clientName(k);
  // Shown: everything up to and including client k's third ACK.
  const ack = trace.segments.findIndex((s) => s.from === client && s.flags === '.');
  const next = trace.segments[ack + 1];
  if (ack < 0 || next === undefined || !trace.segments.some((s) => s.from === prev))
    throw new RangeError('overlap plan: client k never completes its side of the handshake');
  const key = tr(locale, FATE[fateOf(trace, client)]);
  const F = (f: Fate) => tr(locale, FATE[f]);
  const distractors: Parts['distractors'] = [
    a === 1
      ? // Reading the overflow as the default drop, against the stem's tcp_abort_on_overflow = 1.
        { text: F('synRecv'), misconception: 'abort-on-overflow-ignored' }
      : // RST although tcp_abort_on_overflow = 0.
        { text: F('resetAck'), misconception: 'overflow-always-rst' },
    // The place found at the SYN is taken to be reserved: the queue is not checked again.
    { text: F('connects'), misconception: 'accept-queue-checked-only-at-syn' },
  ];
  return {
    kind: 'choice',
    topics: ['queues'],
    lesson: 'syn-and-accept-queues',
    stem: `${TEXT.setup[locale](b, SOMAXCONN_DEFAULT, a)}${TEXT.askOverlap[locale](k)}`,
    trace: prefixTrace(trace, ack + 1, next.t),
    key,
    distractors,
    lines: [
      TEXT.full[locale](b, b + 1),
      TEXT.overlapWhy[locale](k, b + 1),
      TEXT.abort[locale](a),
      TEXT.fate[locale](endpointName(client, locale), key),
    ],
    spec,
    focus: { variant: 'overlap', client: k },
  };
}

/** A legitimate client after a SYN flood, with syncookies on or off. */
function floodFateParts(ctx: GenContext): Parts {
  const { rng, locale } = ctx;
  const cookies = rng.int(0, 1);
  const spec: SimSpec = {
    scenario: FLOOD_SCENARIO,
    seed: rng.uint32(),
    set: { 'server.tcp_syncookies': cookies },
  };
  const trace = runSim(spec);
  const fate = floodOf(trace);
  const key = tr(locale, FLOOD[fate]);
  const F = (f: Flood) => tr(locale, FLOOD[f]);
  const distractors: Parts['distractors'] =
    cookies === 1
      ? [
          { text: F('late'), misconception: 'flood-blocks-despite-cookies' },
          { text: F('rst'), misconception: 'syn-queue-overflow-rst' },
          { text: F('never') },
        ]
      : [
          { text: F('immediate'), misconception: 'cookies-without-syncookies' },
          { text: F('rst'), misconception: 'syn-queue-overflow-rst' },
          { text: F('never'), misconception: 'half-open-never-expires' },
        ];
  const cut = trace.segments.findIndex((s) => s.from === 'client');
  const ok = trace.events.find((e) => e.endpoint === 'client' && e.event === 'connect_ok');
  return {
    kind: 'choice',
    topics: ['syn-flood'],
    lesson: 'syn-flood-and-syncookies',
    stem: TEXT.stemFloodFate[locale](cookies),
    trace: prefixTrace(trace, Math.max(0, cut), trace.segments[cut]?.t ?? 0),
    key,
    distractors,
    lines: [
      TEXT.cookieWhy[locale](cookies),
      ...(ok === undefined ? [] : [TEXT.connectedAt[locale](fmtSeconds(ok.t))]),
    ],
    spec,
    focus: { variant: 'flood-fate' },
  };
}

/**
 * How many spoofed SYNs get a SYN+ACK: min(n, q) without cookies, all n with them, where
 * q = min(backlog, somaxconn) + 1 is the SYN queue's size. `clamp` makes somaxconn the bound.
 */
function floodCountParts(ctx: GenContext, clamp: boolean): Parts {
  const { rng, locale } = ctx;
  const cookies = rng.int(0, 1);
  const b = clamp ? rng.int(3, 8) : rng.int(0, 4);
  const s = clamp ? rng.int(1, b - 2) : SOMAXCONN_DEFAULT;
  const e = Math.min(b, s);
  const n = rng.int(Math.max(b + 2, 6), 12);
  const spec: SimSpec = {
    scenario: FLOOD_SCENARIO,
    seed: rng.uint32(),
    set: {
      [BACKLOG]: b,
      'server.somaxconn': s,
      'server.tcp_syncookies': cookies,
      [FLOOD_COUNT]: n,
    },
  };
  const trace = runSim(spec);
  const key = answeredSyns(trace);
  const q = e + 1;
  const distractors: Parts['distractors'] =
    cookies === 1
      ? [
          // Only the queued requests are answered, as if cookies did not exist.
          { text: String(q), misconception: 'flood-blocks-despite-cookies' },
        ]
      : [
          // Every SYN answered, as if cookies were on.
          { text: String(n), misconception: 'cookies-without-syncookies' },
          { text: String(e), misconception: 'syn-queue-equals-backlog' },
          ...(clamp
            ? [
                {
                  text: String(Math.min(n, b + 1)),
                  misconception: 'backlog-ignores-somaxconn' as const,
                },
              ]
            : []),
        ];
  return {
    kind: 'numeric',
    topics: ['syn-flood', 'queues'],
    lesson: 'syn-flood-and-syncookies',
    stem: TEXT.stemFloodCount[locale](b, s, cookies, n),
    trace: null,
    key: String(key),
    distractors,
    lines: [
      TEXT.effective[locale](b, s, e),
      TEXT.synFull[locale](e, q),
      TEXT.cookieCount[locale](cookies, n, Math.min(n, q)),
      TEXT.answeredCount[locale](key),
    ],
    spec,
    focus: { variant: 'flood-count' },
  };
}

/**
 * The plan by difficulty. SYN-flood questions come at every difficulty (practice of that topic
 * finds them among ordinary seeds): d1 the legitimate client, d2 and d3 the SYNs answered.
 */
function partsOf(ctx: GenContext): Parts {
  const r = ctx.rng.next();
  switch (ctx.difficulty) {
    case 1:
      return r < 0.7 ? countParts(ctx) : floodFateParts(ctx);
    case 2:
      return r < 0.75 ? sequentialParts(ctx, false) : floodCountParts(ctx, false);
    case 3:
      return r < 0.45
        ? overlapParts(ctx)
        : r < 0.7
          ? sequentialParts(ctx, true)
          : floodCountParts(ctx, true);
  }
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const p = partsOf(ctx);
  const lines = [...p.lines, TEXT.key[locale](p.key)];
  const common = {
    topics: p.topics,
    lesson: p.lesson,
    stem: p.stem,
    trace: p.trace,
    explanation: steps(lines),
    source: sourceOf(p.spec, p.focus),
  };
  if (p.kind === 'numeric') {
    const misconceptions: Record<string, MisconceptionId> = {};
    for (const d of p.distractors)
      if (d.misconception !== undefined && d.text !== p.key && !(d.text in misconceptions))
        misconceptions[d.text] = d.misconception;
    return {
      kind: 'numeric',
      ...common,
      answer: { value: Number(p.key), tolerance: 0 },
      misconceptions,
    };
  }
  const choice = buildChoice(rng, p.key, p.distractors);
  return {
    kind: 'choice',
    ...common,
    options: choice.options,
    answer: choice.answer,
    misconceptions: choice.misconceptions,
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('listen-queues needs a trace');
  const variant = asVariant(q.source.focus['variant']);
  const text = keyText(trace, variant, Number(q.source.focus['client'] ?? 0), q.locale);
  if (q.kind === 'numeric') return { value: Number(text), tolerance: 0 };
  if (q.kind !== 'choice') throw new TypeError('unexpected kind');
  return { option: q.options.find((o) => o.text === text)?.id ?? '' };
}

/** Every stem says "On Linux" (queues, sysctls and cookies are Linux's): no profile flip. */
function hidden(q: Question, trace: Trace): HiddenVariation[] {
  return defaultVariations(q, trace).filter((v) => v.profile === undefined);
}

export const listenQueues: TemplateDef = {
  id: 'listen-queues',
  topics: ['queues', 'syn-flood', 'socket-api'],
  kinds: ['numeric', 'choice'],
  difficulties: [1, 2, 3],
  generate,
  solve,
  hidden,
};
