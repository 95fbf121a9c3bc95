// Family "exam-word-problem": 408-style word problems ("主机甲与主机乙之间已建立一个 TCP
// 连接…") whose numbers come from the seed and whose keys come from the simulated trace.
// Structures: d1 the third handshake segment or the first data segment; d2 the ack of two
// segments or of data right after the handshake; d3 three segments with the first or second lost.

import type { Trace } from '@/lib/engine';
import { buildChoice, pick, replyAt, runSim, shuffle, sourceOf } from '../build';
import { steps } from '../explain';

import type { MisconceptionId } from '../misconceptions';
import type { Answer, Question, QuestionBody } from '../schema';
import type { GenContext, SimSpec, TemplateDef } from '../types';

const TEXT = {
  handshake: {
    zh: (x: number, y: number) =>
      `主机甲向主机乙发起 TCP 连接，甲发送的 SYN 段序号为 ${x}，乙的初始序号为 ${y}。若三次握手正常完成，甲发送的第三个报文段（ACK 段）的序号和确认号分别是`,
    en: (x: number, y: number) =>
      `Host A opens a TCP connection to host B. A's SYN has seq = ${x}; B's initial sequence number is ${y}. If the three-way handshake completes normally, what are the seq and ack of A's third segment (the ACK)?`,
  },
  firstData: {
    zh: (x: number, y: number, l: number) =>
      `主机甲向主机乙发起 TCP 连接，甲发送的 SYN 段序号为 ${x}，乙的初始序号为 ${y}。三次握手完成后，甲发送第一个携带 ${l} 字节数据的报文段（握手期间双方都没有发送数据）。该报文段的序号和确认号分别是`,
    en: (x: number, y: number, l: number) =>
      `Host A opens a TCP connection to host B. A's SYN has seq = ${x}; B's initial sequence number is ${y}. After the handshake, A sends its first segment carrying ${l} bytes of data (neither side sent data during the handshake). What are the seq and ack of that segment?`,
  },
  afterHandshake: {
    zh: (x: number, l: number) =>
      `主机甲向主机乙发起 TCP 连接，甲发送的 SYN 段序号为 ${x}。三次握手完成后，甲向乙发送一个携带 ${l} 字节数据的报文段（这是甲发送的第一段数据）。乙正确接收后，发送给甲的确认号是多少？`,
    en: (x: number, l: number) =>
      `Host A opens a TCP connection to host B; A's SYN has seq = ${x}. After the handshake, A sends B one segment carrying ${l} bytes of data (A's first data). Once B has received it, what acknowledgement number does B send to A?`,
  },
  pair: {
    zh: (s: number, a: number) => `seq = ${s}，ack = ${a}`,
    en: (s: number, a: number) => `seq = ${s}, ack = ${a}`,
  },
  data: {
    zh: (s: number, l1: number, l2: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，主机甲向主机乙连续发送了两个 TCP 段，分别包含 ${l1} 字节和 ${l2} 字节的有效载荷，第一个段的序号为 ${s}。主机乙正确接收到两个段后，发送给主机甲的确认号是多少？`,
    en: (s: number, l1: number, l2: number) =>
      `A TCP connection is established between hosts A and B. A sends two consecutive segments to B carrying ${l1} and ${l2} bytes of payload; the first has seq = ${s}. After B receives both correctly, what acknowledgement number does it send to A?`,
  },
  loss: {
    zh: (s: number, l: number, lost: number) =>
      `主机甲与主机乙之间已建立一个 TCP 连接，最大报文段长度为 ${l} 字节。主机甲向主机乙连续发送了三个最大长度的报文段，第一个段的序号为 ${s}。若第 ${lost} 个段丢失，其余两个段被乙正确接收，则乙在收到第三个段后发送给甲的确认号是多少？`,
    en: (s: number, l: number, lost: number) =>
      `A TCP connection is established between hosts A and B; the MSS is ${l} bytes. A sends three full-sized segments back to back, the first with seq = ${s}. Segment ${lost} is lost and B receives the other two. What acknowledgement number does B send after the third segment arrives?`,
  },
  step: {
    synAck: {
      zh: (x: number, y: number) =>
        `乙的 SYN+ACK：seq = ${y}，ack = ${x} + 1 = ${x + 1}（SYN 消耗一个序号）。`,
      en: (x: number, y: number) =>
        `B's SYN+ACK: seq = ${y}, ack = ${x} + 1 = ${x + 1} (the SYN consumes one sequence number).`,
    },
    third: {
      zh: (s: number, a: number, y: number) =>
        `甲的 ACK：seq = ${s}（SYN 之后的下一个序号），ack = ${y} + 1 = ${a}。`,
      en: (s: number, a: number, y: number) =>
        `A's ACK: seq = ${s} (the next number after its SYN), ack = ${y} + 1 = ${a}.`,
    },
    first: {
      zh: (x: number, y: number) =>
        `握手中双方的 SYN 各消耗一个序号：甲的数据从 ${x} + 1 = ${x + 1} 开始，甲确认乙的 ${y} + 1 = ${y + 1}。`,
      en: (x: number, y: number) =>
        `Each SYN consumes one sequence number: A's data starts at ${x} + 1 = ${x + 1}, and A acknowledges B's ${y} + 1 = ${y + 1}.`,
    },
    afterSyn: {
      zh: (x: number, l: number, k: number) =>
        `甲的第一个数据字节是 ${x} + 1（SYN 消耗一个序号），确认号 = ${x} + 1 + ${l} = ${k}。`,
      en: (x: number, l: number, k: number) =>
        `A's first data byte is ${x} + 1 (the SYN consumes one number), so ack = ${x} + 1 + ${l} = ${k}.`,
    },
    cum: {
      zh: (s: number, l1: number, l2: number, k: number) =>
        `确认号 = ${s} + ${l1} + ${l2} = ${k}，即乙期望收到的下一个字节的序号。`,
      en: (s: number, l1: number, l2: number, k: number) =>
        `ack = ${s} + ${l1} + ${l2} = ${k}: the next byte B expects.`,
    },
    range: {
      zh: (n: number, from: number, to: number, fate: boolean) =>
        `第 ${n} 个段：序号 ${from}～${to}，${fate ? '丢失' : '到达'}。`,
      en: (n: number, from: number, to: number, fate: boolean) =>
        `Segment ${n}: bytes ${from}–${to}, ${fate ? 'lost' : 'received'}.`,
    },
    hole: {
      zh: (k: number) => `TCP 采用累积确认，乙只能确认到第一个缺失字节：确认号为 ${k}。`,
      en: (k: number) =>
        `Acknowledgements are cumulative: B can only acknowledge up to the first missing byte, ${k}.`,
    },
    key: { zh: (a: string) => `答案：${a}。`, en: (a: string) => `Answer: ${a}.` },
  },
};

type Variant = 'handshake' | 'first-data' | 'data' | 'after-handshake' | 'loss';

function asVariant(v: unknown): Variant {
  if (
    v === 'handshake' ||
    v === 'first-data' ||
    v === 'data' ||
    v === 'after-handshake' ||
    v === 'loss'
  )
    return v;
  throw new TypeError(`unknown exam variant ${String(v)}`);
}

function clientData(trace: Trace) {
  return trace.segments.filter((s) => s.from === 'client' && s.len > 0);
}

function replyAfter(trace: Trace, t: number) {
  const delay = Number(trace.params['link.delay'] ?? 0);
  const seg = replyAt(trace, 'server', t + delay);
  if (seg.abs_ack === null) throw new RangeError('no ACK from the server');
  return seg.abs_ack;
}

function thirdSegment(trace: Trace): { seq: number; ack: number } {
  const seg = trace.segments.find((s) => s.from === 'client' && s.flags === '.');
  if (seg?.abs_ack == null) throw new RangeError('no third segment');
  return { seq: seg.abs_seq, ack: seg.abs_ack };
}

/** The first data segment's seq and ack. */
function firstDataSegment(trace: Trace): { seq: number; ack: number } {
  const seg = clientData(trace)[0];
  if (seg?.abs_ack == null) throw new RangeError('no data segment');
  return { seq: seg.abs_seq, ack: seg.abs_ack };
}

function pairOf(trace: Trace, variant: Variant): { seq: number; ack: number } {
  return variant === 'first-data' ? firstDataSegment(trace) : thirdSegment(trace);
}

function numericKey(trace: Trace, variant: Variant): number {
  const data = clientData(trace);
  if (variant === 'after-handshake') return replyAfter(trace, data[0]!.t);
  if (variant === 'data') return replyAfter(trace, data[1]!.t);
  return replyAfter(trace, data[2]!.t);
}

function generate(ctx: GenContext): QuestionBody {
  const { rng, locale } = ctx;
  const x = rng.int(100, 9999) * 10;
  const y = rng.int(100, 9999) * 10;
  if (ctx.difficulty === 1) {
    const variant: Variant = pick(rng, ['handshake', 'first-data'] as const);
    const l = rng.int(1, 10) * 100;
    const spec: SimSpec =
      variant === 'handshake'
        ? {
            scenario: 'handshake-data-close',
            seed: rng.uint32(),
            set: { 'isn.client': x, 'isn.server': y },
          }
        : {
            scenario: 'data-loss',
            seed: rng.uint32(),
            set: {
              'isn.client': x,
              'isn.server': y,
              'endpoints.client.program[1].send': l,
              'faults[0].match.nth': 99,
            },
          };
    const trace = runSim(spec);
    const k = pairOf(trace, variant);
    const P = TEXT.pair[locale];
    const correct = P(k.seq, k.ack);
    // Each wrong pair is what one misconception computes: a SYN that consumes no number
    // (either or both), the peer's numbers in place of one's own, ack taken from one's own seq.
    const choice = buildChoice(
      rng,
      correct,
      shuffle(rng, [
        { text: P(x, y), misconception: 'syn-consumes-no-sequence-number' as const },
        { text: P(k.seq, y), misconception: 'syn-consumes-no-sequence-number' as const },
        { text: P(y + 1, x + 1), misconception: 'ack-from-own-space' as const },
        { text: P(x + 1, x + 1), misconception: 'ack-from-own-space' as const },
      ]),
    );
    return {
      kind: 'choice',
      topics: ['handshake', 'sequence-numbers'],
      lesson: 'three-way-handshake',
      stem:
        variant === 'handshake' ? TEXT.handshake[locale](x, y) : TEXT.firstData[locale](x, y, l),
      trace: null,
      options: choice.options,
      answer: choice.answer,
      explanation: steps(
        variant === 'handshake'
          ? [
              TEXT.step.synAck[locale](x, y),
              TEXT.step.third[locale](k.seq, k.ack, y),
              TEXT.step.key[locale](correct),
            ]
          : [TEXT.step.first[locale](x, y), TEXT.step.key[locale](correct)],
      ),
      misconceptions: choice.misconceptions,
      source: sourceOf(spec, { variant }),
    };
  }
  if (ctx.difficulty === 2 && rng.int(0, 2) === 0) {
    const l = rng.int(1, 10) * 100;
    const spec: SimSpec = {
      scenario: 'data-loss',
      seed: rng.uint32(),
      set: {
        'isn.client': x,
        'isn.server': y,
        'endpoints.client.program[1].send': l,
        'faults[0].match.nth': 99,
      },
    };
    const trace = runSim(spec);
    const key = numericKey(trace, 'after-handshake');
    const misconceptions: Record<string, MisconceptionId> = {};
    // Forgetting that the SYN consumes a number; taking the data's own seq for the ack.
    const wrongs: [number, MisconceptionId][] = [
      [x + l, 'syn-consumes-no-sequence-number'],
      [x + 1, 'ack-equals-seq'],
    ];
    for (const [v, m] of wrongs)
      if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
    return {
      kind: 'numeric',
      topics: ['handshake', 'sequence-numbers'],
      lesson: 'tcp-header-and-sequence-numbers',
      stem: TEXT.afterHandshake[locale](x, l),
      trace: null,
      answer: { value: key, tolerance: 0 },
      explanation: steps([
        TEXT.step.afterSyn[locale](x, l, key),
        TEXT.step.key[locale](String(key)),
      ]),
      misconceptions,
      source: sourceOf(spec, { variant: 'after-handshake' }),
    };
  }
  const variant: Variant = ctx.difficulty === 2 ? 'data' : 'loss';
  const mss =
    variant === 'data' ? pick(rng, [200, 300, 400, 500]) : pick(rng, [300, 400, 500, 800, 1000]);
  const l2 = variant === 'data' ? rng.int(1, mss / 100) * 100 : mss;
  // The first data byte is ISN + 1, so the ISN is chosen one below the seq the stem names.
  const s = rng.int(10, 999) * 100;
  const lost = rng.int(1, 2);
  const set: Record<string, number> =
    variant === 'data'
      ? {
          'isn.client': s - 1,
          'isn.server': y,
          'link.mtu': mss + 52,
          'endpoints.client.program[1].send': mss + l2,
          'faults[0].match.nth': 99,
        }
      : {
          'isn.client': s - 1,
          'isn.server': y,
          'link.mtu': mss + 52,
          'endpoints.client.program[1].send': 3 * mss,
          'faults[0].match.nth': lost,
        };
  const spec: SimSpec = { scenario: 'data-loss', seed: rng.uint32(), set };
  const trace = runSim(spec);
  const key = numericKey(trace, variant);
  const data = clientData(trace);
  const [a, b] = [data[0]!, data[1]!];
  const wrongs: [number, MisconceptionId][] =
    variant === 'data'
      ? [
          [a.abs_seq + a.len + b.len - 1, 'off-by-payload'],
          [b.abs_seq, 'ack-equals-seq'],
          [a.abs_seq + a.len, 'ack-equals-seq'],
          [a.abs_seq + a.len + b.len + 1, 'off-by-payload'],
        ]
      : [
          [a.abs_seq + 3 * mss, 'ack-skips-hole'],
          [a.abs_seq + 2 * mss, 'ack-equals-seq'],
        ];
  const misconceptions: Record<string, MisconceptionId> = {};
  for (const [v, m] of wrongs)
    if (v !== key && !(String(v) in misconceptions)) misconceptions[String(v)] = m;
  const lines =
    variant === 'data'
      ? [TEXT.step.cum[locale](a.abs_seq, a.len, b.len, key)]
      : [
          ...data
            .slice(0, 3)
            .map((s, i) =>
              TEXT.step.range[locale](i + 1, s.abs_seq, s.abs_seq + s.len - 1, s.dropped),
            ),
          TEXT.step.hole[locale](key),
        ];
  lines.push(TEXT.step.key[locale](String(key)));
  return {
    kind: 'numeric',
    topics: variant === 'data' ? ['sequence-numbers'] : ['sequence-numbers', 'retransmission'],
    lesson: 'tcp-header-and-sequence-numbers',
    stem:
      variant === 'data'
        ? TEXT.data[locale](a.abs_seq, a.len, b.len)
        : TEXT.loss[locale](a.abs_seq, mss, lost),
    trace: null,
    answer: { value: key, tolerance: 0 },
    explanation: steps(lines),
    misconceptions,
    source: sourceOf(spec, { variant }),
  };
}

function solve(trace: Trace | null, q: Question): Answer {
  if (trace === null) throw new TypeError('exam-word-problem needs a trace');
  const variant = asVariant(q.source.focus['variant']);
  if (variant === 'handshake' || variant === 'first-data') {
    if (q.kind !== 'choice') throw new TypeError('handshake problem is a choice');
    const k = pairOf(trace, variant);
    const text = TEXT.pair[q.locale](k.seq, k.ack);
    return { option: q.options.find((o) => o.text === text)?.id ?? '' };
  }
  return { value: numericKey(trace, variant), tolerance: 0 };
}

export const examWordProblem: TemplateDef = {
  id: 'exam-word-problem',
  topics: ['sequence-numbers', 'handshake', 'retransmission'],
  kinds: ['choice', 'numeric'],
  difficulties: [1, 2, 3],
  generate,
  solve,
};
