'use client';
// Practice's question diagram, loaded on first use: the ladder, the trace parser and the
// engine and zod code they import are most of the page's JavaScript, and the setup form does
// not need them. The session starts loading them with its first question (loadQuestionTrace)
// and shows a question that has a trace once they are here.
//
// Not next/dynamic: its Suspense boundary kept the session's transition pending until the
// chunk arrived, and the page ignores keys while a transition is pending, so number keys
// pressed as the question appeared were lost. Nothing here suspends.
import { useEffect, useState } from 'react';
import type { Numbering, PublicQuestion } from '@/lib/questions';
import type { QuestionTrace } from './question-trace';

type Diagram = typeof QuestionTrace;

let loaded: Diagram | null = null;
let loading: Promise<Diagram> | null = null;

/** Loads the diagram's code once; later calls share the first load (a failed one is retried). */
export function loadQuestionTrace(): Promise<Diagram> {
  loading ??= import('./question-trace').then(
    (m) => (loaded = m.QuestionTrace),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function LazyQuestionTrace({
  trace,
  title,
  numbering,
}: {
  trace: NonNullable<PublicQuestion['trace']>;
  title: string;
  numbering: Numbering;
}) {
  const [Loaded, setLoaded] = useState<Diagram | 'loading' | 'failed'>(() => loaded ?? 'loading');
  useEffect(() => {
    if (Loaded !== 'loading') return;
    let live = true;
    loadQuestionTrace().then(
      (m) => {
        if (live) setLoaded(() => m);
      },
      // Offline or a failed chunk: the question still reads and answers without its diagram.
      () => {
        if (live) setLoaded('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [Loaded]);
  if (Loaded === 'failed') return null;
  // Holds the diagram's place so the inputs below do not jump when it arrives.
  if (Loaded === 'loading') return <div className="min-h-64" aria-hidden="true" />;
  return <Loaded trace={trace} title={title} numbering={numbering} />;
}
