// grade(question, response): a pure function that normalises what a learner typed (full-width
// digits, spaces, case, flag spellings), scores it, and names the misconception it reveals.

import { MISCONCEPTIONS, type MisconceptionId } from './misconceptions';
import { responseSchema, type Question, type QuestionResponse } from './schema';
import type { Locale } from './types';

export type ResponseErrorCode =
  | 'MALFORMED'
  | 'WRONG_KIND'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'NOT_A_NUMBER'
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

/** A number as typed: spaces, thousands separators and a trailing unit are ignored. */
export function parseNumber(raw: number | string): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = toHalfWidth(raw)
    .replace(/[\s,_']/g, '')
    .replace(/(milliseconds?|ms|毫秒|seconds?|secs?|s|秒|bytes?|字节|b)$/i, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
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
      const v = parseNumber(r.value);
      if (v === null) return invalid('NOT_A_NUMBER', MSG.notNumber[locale](String(r.value)));
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
      // Kendall-style credit: the share of item pairs placed in the right relative order.
      const rank = new Map(question.answer.order.map((id, i) => [id, i]));
      let good = 0;
      let pairs = 0;
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          pairs++;
          if ((rank.get(ids[i]!) ?? 0) < (rank.get(ids[j]!) ?? 0)) good++;
        }
      const score = pairs === 0 ? 1 : good / pairs;
      return verdict(locale, score, pairs, undefined);
    }
  }
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
