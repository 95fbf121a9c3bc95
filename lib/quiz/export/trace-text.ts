// The trace a question shows, as monospaced text for formats without the interactive ladder
// (Moodle, GIFT, paper): the engine's text ladder plus a numbered list with absolute numbers.

import { renderLadderText, type TraceSegment } from '@/lib/engine';
import type { Question } from '@/lib/questions';
import { traceImportSchema } from '@/lib/trace-export';

function segmentLine(seg: TraceSegment, index: number): string {
  // Stems speak of "segment #3" and quote absolute seq/ack, while the ladder prints relative
  // numbers as tcpdump does; this list connects the two.
  const parts = [
    `#${index + 1}`.padEnd(4),
    `${seg.t.toFixed(3).padStart(9)} s`,
    `${seg.from} → ${seg.to}`,
    seg.flags,
    `seq=${seg.abs_seq}`,
  ];
  if (seg.abs_ack !== null) parts.push(`ack=${seg.abs_ack}`);
  if (seg.len > 0) parts.push(`len=${seg.len}`);
  if (seg.dropped) parts.push('✗');
  return parts.join('  ');
}

/** The shown trace as text, or null when the question has none (or it does not parse). */
export function traceText(question: Question): string | null {
  if (question.trace === null) return null;
  const parsed = traceImportSchema.safeParse(question.trace);
  if (!parsed.success) return null;
  const trace = parsed.data;
  // The first line names the scenario (e.g. "third-ack-dropped"), which can give the answer away.
  const ladder = renderLadderText(trace).split('\n').slice(1).join('\n');
  if (trace.segments.length === 0) return ladder;
  return `${ladder}\n\n${trace.segments.map(segmentLine).join('\n')}`;
}
