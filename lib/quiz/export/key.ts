// Reading a question's answer key in the forms exporters need: which options are right, the
// misconception a wrong option reveals, and every spelling of a flag set that grade() accepts.

import { canonicalFlags, describeMisconception, type Question } from '@/lib/questions';

/** The feedback for a wrong option or value: the misconception it reveals, if the map names one. */
export function misconceptionFeedback(question: Question, key: string): string {
  const id = question.misconceptions[key];
  return id === undefined ? '' : describeMisconception(id, question.locale);
}

/** Words in the order people write them: SYN+ACK, FIN+ACK, PSH+ACK, RST+ACK. */
const WORDS: readonly (readonly [letter: string, word: string])[] = [
  ['S', 'SYN'],
  ['F', 'FIN'],
  ['R', 'RST'],
  ['P', 'PSH'],
  ['A', 'ACK'],
];

/**
 * Spellings of a flag set for a short-answer box, tcpdump's first: "S.", "SYN+ACK",
 * "ACK+SYN", "SYN,ACK", "SYN, ACK", "SYN ACK". Moodle compares short answers literally (bar
 * case), so each accepted form must be listed; every one here is accepted by grade() too.
 */
export function flagSpellings(flags: string): string[] {
  const canon = canonicalFlags(flags);
  if (canon === null) return [flags];
  const words = WORDS.filter(([letter]) => canon.includes(letter)).map(([, word]) => word);
  const forms = [flags, words.join('+')];
  if (words.length > 1) {
    forms.push([...words].reverse().join('+'), words.join(','), words.join(', '), words.join(' '));
  }
  return [...new Set(forms)];
}

/** How an empty field (a SYN's ack) may be written in a short-answer box. */
export const EMPTY_SPELLINGS: readonly string[] = ['-', 'none', '无'];
