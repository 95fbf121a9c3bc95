// The browser's side of the attempt routes: one save, one submit, replies checked with zod
// (a proxy's HTML error page or a cut-off reply counts as a failure to retry, not a crash).
import { z } from 'zod';
import type { PublicQuestion } from '@/lib/questions';
import type { AttemptQuestionProps } from './attempt-client';
import type { SaveOutcome } from './autosave';

const savedSchema = z.object({
  status: z.enum(['saved', 'superseded']),
  secondsLeft: z.number().nullable(),
});
const errorSchema = z.object({ error: z.string(), message: z.string() });
const submittedSchema = z.object({ status: z.string(), reviewUrl: z.string() });

// The questions themselves come from this app's own generator; only the envelope is checked.
const attemptSchema = z.object({
  status: z.enum(['in_progress', 'submitted']),
  title: z.string(),
  number: z.number(),
  secondsLeft: z.number().nullable(),
  questions: z.array(
    z.object({
      position: z.number(),
      points: z.number(),
      question: z.custom<PublicQuestion>(
        (q) => typeof q === 'object' && q !== null && 'kind' in q && 'stem' in q,
      ),
      response: z.unknown().transform((r) => r ?? null),
    }),
  ),
});

export type LoadedAttempt =
  | {
      kind: 'taking';
      title: string;
      number: number;
      secondsLeft: number | null;
      questions: AttemptQuestionProps[];
    }
  | { kind: 'ended' }
  | { kind: 'unauthenticated' }
  | { kind: 'failed' };

/** The attempt's questions and saved answers, in the language the page is shown in. */
export async function loadAttempt(attemptId: string, locale: string): Promise<LoadedAttempt> {
  try {
    const reply = await fetch(
      `/api/attempts/${encodeURIComponent(attemptId)}?locale=${encodeURIComponent(locale)}`,
      { cache: 'no-store' },
    );
    if (reply.status === 401) return { kind: 'unauthenticated' };
    const parsed = attemptSchema.safeParse(await json(reply));
    if (!reply.ok || !parsed.success) return { kind: 'failed' };
    const view = parsed.data;
    if (view.status !== 'in_progress') return { kind: 'ended' };
    return {
      kind: 'taking',
      title: view.title,
      number: view.number,
      secondsLeft: view.secondsLeft,
      questions: view.questions,
    };
  } catch {
    return { kind: 'failed' };
  }
}

async function json(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

export async function saveAnswer(
  attemptId: string,
  position: number,
  response: unknown,
  clientRev: number,
): Promise<SaveOutcome> {
  let reply: Response;
  try {
    reply = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ position, response, clientRev }),
    });
  } catch {
    return { kind: 'retry', afterMs: null };
  }
  const body = await json(reply);
  if (reply.ok) {
    const saved = savedSchema.safeParse(body);
    return saved.success
      ? { kind: 'saved', secondsLeft: saved.data.secondsLeft }
      : { kind: 'retry', afterMs: null };
  }
  if (reply.status === 409) return { kind: 'closed' };
  if (reply.status === 401) return { kind: 'unauthenticated' };
  if (reply.status === 429) {
    const after = Number(reply.headers.get('retry-after'));
    return { kind: 'retry', afterMs: Number.isFinite(after) && after > 0 ? after * 1000 : null };
  }
  const error = errorSchema.safeParse(body);
  if (reply.status >= 400 && reply.status < 500 && error.success) {
    return { kind: 'rejected', message: error.data.message };
  }
  return { kind: 'retry', afterMs: null };
}

export type SubmitOutcome = { ok: true; reviewUrl: string } | { ok: false; message: string | null };

export async function submitAttempt(attemptId: string): Promise<SubmitOutcome> {
  try {
    const reply = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = await json(reply);
    const done = submittedSchema.safeParse(body);
    if (reply.ok && done.success) return { ok: true, reviewUrl: done.data.reviewUrl };
    const error = errorSchema.safeParse(body);
    return { ok: false, message: error.success ? error.data.message : null };
  } catch {
    return { ok: false, message: null };
  }
}
