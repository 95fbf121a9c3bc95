// Which sequence numbers a question speaks in: absolute (the ISN-based values on the wire) or
// tcpdump-style relative ones, so the diagram beside it can start in the same numbering.
import type { Numbering } from '@/lib/trace-export';
import type { Question } from './schema';

export type { Numbering };

/**
 * Relative numbers stay below this much past the trace's own largest relative number, and an
 * absolute number is at least this large: ISNs are random 32-bit values, so a port, a window
 * or a time almost never lands in an ISN's window, and an ISN so small that both numberings
 * nearly agree (or a window wrapping through zero, about once in 30,000 ISNs) is not used to
 * tell them apart.
 */
export const MARGIN = 1 << 17;

const mod32 = (n: number): number => ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;

/** The ISNs the shown trace reveals (absolute minus relative, per direction) and its extent. */
function windowsOf(q: Question): { isns: number[]; span: number } {
  const isns = new Set<number>();
  let span = 0;
  for (const s of q.trace?.segments ?? []) {
    if (s.seq !== null) {
      isns.add(mod32(s.abs_seq - s.seq));
      span = Math.max(span, s.seq + s.len);
    }
    if (s.ack !== null && s.abs_ack !== null) {
      isns.add(mod32(s.abs_ack - s.ack));
      span = Math.max(span, s.ack);
    }
  }
  span += MARGIN;
  return { isns: [...isns].filter((isn) => isn >= MARGIN && isn + span < 2 ** 32), span };
}

/** Every number a learner reads in the question or its key (before and after grading). */
function numbersOf(q: Question): number[] {
  const texts = [q.stem, q.explanation];
  if ('options' in q) texts.push(...q.options.map((o) => o.text));
  const answer = q.answer;
  if ('value' in answer) texts.push(String(answer.value));
  if ('fields' in answer) texts.push(String(answer.fields.seq), String(answer.fields.ack));
  return texts.flatMap((text) => (text.match(/\d+/g) ?? []).map(Number));
}

/**
 * 'absolute' when the stem, options, key or explanation state a sequence or acknowledgement
 * number counted from a real ISN of the shown trace; otherwise 'relative', the numbering of
 * the segment labels (segmentLabel) that options and diagrams use.
 */
export function numberingOf(q: Question): Numbering {
  const { isns, span } = windowsOf(q);
  if (isns.length === 0) return 'relative';
  const absolute = numbersOf(q).some(
    (n) => n >= MARGIN && isns.some((isn) => n >= isn && n - isn <= span),
  );
  return absolute ? 'absolute' : 'relative';
}
