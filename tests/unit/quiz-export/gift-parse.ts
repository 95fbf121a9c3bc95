// Reading back the GIFT the exporter writes (one answer per line), for the tests: blocks,
// answer lines, and the split on unescaped "#".

import { unescapeGift } from '@/lib/quiz/export';

export interface GiftBlock {
  comments: string[];
  /** The line with ::title::, up to and including the opening brace. */
  head: string;
  title: string;
  /** The escaped question text between "[html]" and the opening brace. */
  text: string;
  open: string;
  lines: string[];
}

/** Index of the first occurrence of `ch` not escaped by a backslash, or -1. */
export function bareIndex(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

export function hasBareSpecial(text: string): boolean {
  return ['~', '=', '#', '{', '}', ':'].some((c) => bareIndex(text, c) >= 0);
}

export function parseGift(gift: string): { category: string; blocks: GiftBlock[] } {
  const [category = '', ...rest] = gift.replace(/\n$/, '').split('\n\n');
  const blocks = rest.map((raw) => {
    const all = raw.split('\n');
    const comments = all.filter((l) => l.startsWith('//'));
    const body = all.filter((l) => !l.startsWith('//'));
    const head = body[0] ?? '';
    const titleEnd = head.indexOf('::[html]');
    const title = unescapeGift(head.slice(2, titleEnd));
    const afterHtml = head.slice(titleEnd + '::[html]'.length);
    const brace = bareIndex(afterHtml, '{');
    return {
      comments,
      head,
      title,
      text: afterHtml.slice(0, brace),
      open: afterHtml.slice(brace),
      lines: body.slice(1, -1),
    };
  });
  return { category, blocks };
}

/** "=answer#feedback" → the unescaped answer and feedback. */
export function splitAnswer(line: string): { answer: string; feedback: string } {
  const hash = bareIndex(line, '#');
  const answer = hash < 0 ? line : line.slice(0, hash);
  return {
    answer: unescapeGift(answer),
    feedback: hash < 0 ? '' : unescapeGift(line.slice(hash + 1)),
  };
}
