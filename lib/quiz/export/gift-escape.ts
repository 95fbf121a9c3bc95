// GIFT's escaping: the characters GIFT reads as syntax (~ = # { } :), the backslash itself and
// line breaks (a blank line would end the question) are written with a backslash.

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':', '\\']);

/** Escape text for any GIFT position (title, question text, answer, feedback). */
export function escapeGift(text: string): string {
  let out = '';
  for (const ch of text) {
    if (SPECIAL.has(ch)) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else out += ch;
  }
  return out;
}

/** The inverse of escapeGift (what Moodle's importer does), for tests and round trips. */
export function unescapeGift(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined) {
      out += next === 'n' ? '\n' : next;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** GIFT has no escape for a carriage return: line endings are normalised before escaping. */
export function giftText(text: string): string {
  return escapeGift(text.replace(/\r\n?/g, '\n'));
}
