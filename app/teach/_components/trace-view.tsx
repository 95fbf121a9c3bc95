'use client';
// The trace a question shows, as the ladder diagram with its text list (the learner's view).
import { useMemo } from 'react';
import type { PublicQuestion } from '@/lib/questions';
import { traceSchema } from '@/lib/trace-export';
import { LadderPlayer } from '@/app/_components/ladder';

export function TraceView({ trace, title }: { trace: PublicQuestion['trace']; title: string }) {
  // The question's trace has the trace JSON shape; the parser gives the engine's Trace type.
  const parsed = useMemo(() => (trace ? traceSchema.safeParse(trace) : null), [trace]);
  if (!parsed?.success) return null;
  return <LadderPlayer trace={parsed.data} start="end" showList title={title} />;
}
