// grade(question, response): a pure function that normalises what a learner typed (full-width
// digits, spaces, case, flag spellings, units converted to the question's), scores it, and
// names the misconception it reveals.

import { MISCONCEPTIONS, type MisconceptionId } from './misconceptions';
import { responseSchema, type Question, type QuestionResponse } from './schema';
import type { Locale } from './types';

export type ResponseErrorCode =
  | 'MALFORMED'
  | 'WRONG_KIND'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'NOT_A_NUMBER'
  | 'WRONG_UNIT'
  | 'BAD_FLAGS'
  | 'NOT_A_PERMUTATION';

export interface ResponseError {
  code: ResponseErrorCode;
  /** One clear sentence in the question's locale. */
  message: string;
}

export type GradeResult =
  | {
      valid: true;
      correct: boolean;
      /** 0..1; partial credit for fields, multi and order. */
      score: number;
      feedback: string;
      misconception?: MisconceptionId;
    }
  | { valid: false; error: ResponseError };

const MSG = {
  malformed: {
    en: 'The response does not have a recognised shape.',
    zh: '作答格式无法识别。',
  },
  wrongKind: {
    en: (kind: string, field: string) => `This is a ${kind} question: answer with "${field}".`,
    zh: (kind: string, field: string) => `这是 ${kind} 类型的题目，请用“${field}”作答。`,
  },
  unknownOption: {
    en: (v: string, ids: string) => `"${v}" is not one of the options (${ids}).`,
    zh: (v: string, ids: string) => `“${v}”不是选项之一（${ids}）。`,
  },
  duplicate: {
    en: (v: string) => `Option "${v}" is given twice.`,
    zh: (v: string) => `选项“${v}”重复了。`,
  },
  notNumber: {
    en: (v: string) => `"${v}" is not a number.`,
    zh: (v: string) => `“${v}”不是一个数。`,
  },
  wrongUnit: {
    en: (v: string, unit: string | undefined) =>
      unit === undefined
        ? `"${v}": this answer is a plain number, without a unit.`
        : `"${v}" cannot be converted to ${unit}.`,
    zh: (v: string, unit: string | undefined) =>
      unit === undefined ? `“${v}”：本题答案是一个不带单位的数。` : `“${v}”无法换算为${unit}。`,
  },
  badFlags: {
    en: (v: string) => `"${v}" is not a set of TCP flags (e.g. "S.", "SYN+ACK", "F.", "R").`,
    zh: (v: string) => `“${v}”不是合法的 TCP 标志（例如 "S."、"SYN+ACK"、"F."、"R"）。`,
  },
  notPermutation: {
    en: 'Put every item in the order exactly once.',
    zh: '每一项都必须且只能出现一次。',
  },
  correct: { en: 'Correct.', zh: '回答正确。' },
  partly: {
    en: (n: number, of: number) => `Partly right: ${n} of ${of}.`,
    zh: (n: number, of: number) => `部分正确：${of} 项中对了 ${n} 项。`,
  },
  wrong: { en: 'Not quite.', zh: '回答错误。' },
};

/** Full-width ASCII (Ｓ，０-９，ideographic space) to half-width; trim. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (ch === '。') out += '.';
    else out += ch;
  }
  return out.trim();
}

/** A unit a learner may type: what it measures and its size in that dimension's base unit. */
export interface Unit {
  dimension: 'time' | 'size' | 'rtt';
  /** Base units per unit: seconds for time, bytes for size, round trips for rtt. */
  factor: number;
}

const UNIT_NAMES: readonly [readonly string[], Unit][] = [
  [['s', 'sec', 'secs', 'second', 'seconds', '秒'], { dimension: 'time', factor: 1 }],
  [
    ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds', '毫秒'],
    { dimension: 'time', factor: 1e-3 },
  ],
  [['µs', 'μs', 'us', 'microsecond', 'microseconds', '微秒'], { dimension: 'time', factor: 1e-6 }],
  [['min', 'mins', 'minute', 'minutes', '分钟'], { dimension: 'time', factor: 60 }],
  [['b', 'byte', 'bytes', '字节'], { dimension: 'size', factor: 1 }],
  [['rtt', 'rtts', '个rtt'], { dimension: 'rtt', factor: 1 }],
];

/** The unit a name denotes ("ms", "毫秒", "Seconds"), or undefined. */
export function unitOf(name: string): Unit | undefined {
  const key = toHalfWidth(name).replace(/\s+/g, '').toLowerCase();
  return UNIT_NAMES.find(([names]) => names.includes(key))?.[1];
}

/** A number as typed, with the unit typed after it (null when none). */
export interface Quantity {
  value: number;
  unit: Unit | null;
}

/**
 * Read a number and an optional trailing unit: full-width characters, spaces and thousands
 * separators are accepted; an unknown unit makes it not a number.
 */
export function parseQuantity(raw: number | string): Quantity | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, unit: null } : null;
  const text = toHalfWidth(raw).replace(/[\s,_']/g, '');
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(text);
  if (m === null) return null;
  const value = Number(m[1]);
  if (m[2] === '') return { value, unit: null };
  const unit = unitOf(m[2]!);
  return unit === undefined ? null : { value, unit };
}

/**
 * A quantity in the unit a question asks for ("7136 ms" is 7.136 in s); a bare number is
 * taken to be in that unit already. Null when the typed unit measures something else. A
 * question without a unit takes bare numbers, and byte counts (sequence numbers count bytes).
 */
export function inUnit(q: Quantity, unit: string | undefined): number | null {
  if (q.unit === null) return q.value;
  const target = unit === undefined ? undefined : unitOf(unit);
  if (target === undefined) return q.unit.dimension === 'size' ? q.value : null;
  if (target.dimension !== q.unit.dimension) return null;
  // 12 significant digits: 7136 × 0.001 is 7.136, not 7.136000000000001.
  return Number(((q.value * q.unit.factor) / target.factor).toPrecision(12));
}

/** The number part of what was typed, its unit ignored (for seq and ack fields). */
export function parseNumber(raw: number | string): number | null {
  return parseQuantity(raw)?.value ?? null;
}

const FLAG_WORDS: Record<string, string> = {
  SYN: 'S',
  FIN: 'F',
  RST: 'R',
  PSH: 'P',
  ACK: 'A',
  S: 'S',
  F: 'F',
  R: 'R',
  P: 'P',
  A: 'A',
};

/**
 * Canonical flag set ("AS" for S., "A" for ., "AF" for F.), from tcpdump notation ("S.",
 * "F.", "R") or words ("SYN+ACK", "syn, ack", "FIN/ACK"); null if not a flag set.
 */
export function canonicalFlags(raw: string): string | null {
  const text = toHalfWidth(raw).toUpperCase().replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const set = new Set<string>();
  if (/^[SFRP]*\.?$/.test(text.replace(/ /g, ''))) {
    const compact = text.replace(/ /g, '');
    for (const ch of compact) set.add(ch === '.' ? 'A' : ch);
  } else {
    for (const word of text.split(/[\s+,/|&、，]+/)) {
      if (word === '') continue;
      const f = FLAG_WORDS[word];
      if (f === undefined) return null;
      set.add(f);
    }
  }
  if (set.size === 0) return null;
  return [...set].sort().join('');
}

/** An empty field: "", "-", "none", "无", … (a SYN or RST has no ack). */
function emptyText(raw: number | string): boolean {
  if (typeof raw === 'number') return false;
  const t = toHalfWidth(raw).toLowerCase();
  return t === '' || t === '-' || t === 'none' || t === 'null' || t === '无' || t === 'n/a';
}

function optionId(raw: string): string {
  return toHalfWidth(raw)
    .replace(/^[([（]\s*|\s*[)\]）.、:：]$/g, '')
    .trim()
    .toLowerCase();
}

function invalid(code: ResponseErrorCode, message: string): GradeResult {
  return { valid: false, error: { code, message } };
}

function verdict(
  locale: Locale,
  score: number,
  total: number,
  misconception: MisconceptionId | undefined,
): GradeResult {
  const correct = score === 1;
  let feedback = correct
    ? MSG.correct[locale]
    : score > 0
      ? MSG.partly[locale](Math.round(score * total), total)
      : MSG.wrong[locale];
  if (misconception !== undefined) feedback += ` ${MISCONCEPTIONS[misconception][locale]}`;
  return {
    valid: true,
    correct,
    score,
    feedback,
    ...(misconception === undefined ? {} : { misconception }),
  };
}

function numericMisconception(q: Question, value: number, tolerance: number) {
  for (const [key, id] of Object.entries(q.misconceptions)) {
    const n = Number(key);
    if (Number.isFinite(n) && Math.abs(n - value) <= tolerance + 1e-9) return id;
  }
  return undefined;
}

/**
 * Grade a response. Never throws on user input: a malformed response gives
 * `{ valid: false, error }` with a message in the question's locale.
 *
 * @example grade(q, { value: '２０４７' }) // full-width digits are accepted
 */
export function grade(question: Question, response: unknown): GradeResult {
  const locale = question.locale;
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success) return invalid('MALFORMED', MSG.malformed[locale]);
  const r = parsed.data;
  switch (question.kind) {
    case 'choice': {
      if (!('option' in r)) return invalid('WRONG_KIND', MSG.wrongKind[locale]('choice', 'option'));
      const id = optionId(r.option);
      if (!question.options.some((o) => o.id === id))
        return invalid(
          'UNKNOWN_OPTION',
          MSG.unknownOption[locale](r.option, question.options.map((o) => o.id).join(', ')),
        );
      const ok = id === question.answer.option;
      return verdict(locale, ok ? 1 : 0, 1, ok ? undefined : question.misconceptions[id]);
    }
    case 'multi': {
      if (!('options' in r))
        return invalid('WRONG_KIND', MSG.wrongKind[locale]('multi', 'options'));
      const ids = r.options.map(optionId);
      const seen = new Set<string>();
      for (const [i, id] of ids.entries()) {
        if (!question.options.some((o) => o.id === id))
          return invalid(
            'UNKNOWN_OPTION',
            MSG.unknownOption[locale](
              r.options[i] ?? id,
              question.options.map((o) => o.id).join(', '),
            ),
          );
        if (seen.has(id)) return invalid('DUPLICATE_OPTION', MSG.duplicate[locale](id));
        seen.add(id);
      }
      const key = new Set(question.answer.options);
      const hits = ids.filter((id) => key.has(id)).length;
      const wrong = ids.filter((id) => !key.has(id));
      const score = Math.max(0, (hits - wrong.length) / key.size);
      const m = wrong.map((id) => question.misconceptions[id]).find((x) => x !== undefined);
      return verdict(locale, score, key.size, m);
    }
    case 'numeric': {
      if (!('value' in r)) return invalid('WRONG_KIND', MSG.wrongKind[locale]('numeric', 'value'));
      const typed = parseQuantity(r.value);
      if (typed === null) return invalid('NOT_A_NUMBER', MSG.notNumber[locale](String(r.value)));
      const v = inUnit(typed, question.unit);
      if (v === null)
        return invalid('WRONG_UNIT', MSG.wrongUnit[locale](String(r.value), question.unit));
      const { value, tolerance } = question.answer;
      const ok = Math.abs(v - value) <= tolerance + 1e-9;
      return verdict(
        locale,
        ok ? 1 : 0,
        1,
        ok ? undefined : numericMisconception(question, v, tolerance),
      );
    }
    case 'fields': {
      if (!('fields' in r)) return invalid('WRONG_KIND', MSG.wrongKind[locale]('fields', 'fields'));
      const key = question.answer.fields;
      const flags = r.fields.flags === undefined ? null : canonicalFlags(r.fields.flags);
      if (r.fields.flags !== undefined && r.fields.flags.trim() !== '' && flags === null)
        return invalid('BAD_FLAGS', MSG.badFlags[locale](r.fields.flags));
      const nums: { seq: number | null; ack: number | null } = { seq: null, ack: null };
      for (const f of ['seq', 'ack'] as const) {
        const raw = r.fields[f];
        if (raw === null || raw === undefined || emptyText(raw)) continue;
        const n = parseNumber(raw);
        if (n === null) return invalid('NOT_A_NUMBER', MSG.notNumber[locale](String(raw)));
        nums[f] = n;
      }
      const flagsOk = flags !== null && flags === canonicalFlags(key.flags);
      const seqOk = nums.seq === key.seq;
      const ackOk = nums.ack === key.ack;
      const right = [flagsOk, seqOk, ackOk].filter(Boolean).length;
      const m =
        (!ackOk ? question.misconceptions[`ack:${nums.ack}`] : undefined) ??
        (!seqOk ? question.misconceptions[`seq:${nums.seq}`] : undefined) ??
        (!flagsOk && flags !== null ? question.misconceptions[`flags:${flags}`] : undefined);
      return verdict(locale, right / 3, 3, m);
    }
    case 'order': {
      if (!('order' in r)) return invalid('WRONG_KIND', MSG.wrongKind[locale]('order', 'order'));
      const ids = r.order.map(optionId);
      const items = question.options.map((o) => o.id);
      const distinct = new Set(ids);
      if (
        ids.length !== items.length ||
        distinct.size !== ids.length ||
        !ids.every((id) => items.includes(id))
      )
        return invalid('NOT_A_PERMUTATION', MSG.notPermutation[locale]);
      // Credit is the share of decided pairs placed in the right relative order; a pair the
      // key leaves open (two segments crossing in flight) is right either way.
      const at = new Map(ids.map((id, i) => [id, i]));
      const pairs = decidedPairs(question.answer);
      const good = pairs.filter(([a, b]) => (at.get(a) ?? 0) < (at.get(b) ?? 0)).length;
      const score = pairs.length === 0 ? 1 : good / pairs.length;
      return verdict(locale, score, pairs.length, undefined);
    }
  }
}

/** The pairs an order key decides: its `before` list, or every pair of a total order. */
export function decidedPairs(answer: { order: string[]; before?: [string, string][] }) {
  if (answer.before !== undefined) return answer.before;
  const out: [string, string][] = [];
  answer.order.forEach((a, i) => answer.order.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}

/**
 * The key in the shape a learner answers with: what a correct response looks like (grading it
 * scores 1). Tests, fixtures and the load test answer with it; the numeric key's tolerance is
 * the grader's, not part of a response.
 */
export function keyAsResponse(question: Question): QuestionResponse {
  switch (question.kind) {
    case 'choice':
      return { option: question.answer.option };
    case 'multi':
      return { options: [...question.answer.options] };
    case 'numeric':
      return { value: question.answer.value };
    case 'fields':
      return { fields: { ...question.answer.fields } };
    case 'order':
      return { order: [...question.answer.order] };
  }
}
