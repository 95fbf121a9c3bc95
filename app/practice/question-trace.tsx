'use client';
// The trace prefix a question shows, as a ladder diagram, from the question's trace JSON.
import { useMemo } from 'react';
import type { Numbering, PublicQuestion } from '@/lib/questions';
import { traceImportSchema } from '@/lib/trace-export';
import { LadderPlayer } from '../_components/ladder';

export function QuestionTrace({
  trace: raw,
  title,
  numbering,
}: {
  trace: PublicQuestion['trace'];
  title: string;
  /** The numbering of the question's text: the diagram starts in it. */
  numbering: Numbering;
}) {
  // The question's trace has the trace JSON shape without the scenario and seed it was cut
  // from (never sent: they would give the key away); the title is the page's own.
  const trace = useMemo(() => {
    const parsed = raw
      ? traceImportSchema.safeParse({ ...raw, scenario: 'question', seed: 0 })
      : null;
    return parsed?.success ? parsed.data : null;
  }, [raw]);
  return trace ? (
    <LadderPlayer trace={trace} start="end" showList title={title} numbering={numbering} />
  ) : null;
}
