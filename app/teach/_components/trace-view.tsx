'use client';
// The trace a question shows, as the ladder diagram with its text list (the learner's view).
import { useMemo } from 'react';
import type { Numbering, PublicQuestion } from '@/lib/questions';
import { traceImportSchema } from '@/lib/trace-export';
import { LadderPlayer } from '@/app/_components/ladder';

export function TraceView({
  trace,
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
  const parsed = useMemo(
    () => (trace ? traceImportSchema.safeParse({ ...trace, scenario: 'question', seed: 0 }) : null),
    [trace],
  );
  if (!parsed?.success) return null;
  return (
    <LadderPlayer trace={parsed.data} start="end" showList title={title} numbering={numbering} />
  );
}
