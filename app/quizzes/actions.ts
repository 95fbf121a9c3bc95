'use server';
// Server actions of the student's quiz pages: join a class with a code, start or resume an
// attempt. Next.js checks their Origin itself; the service checks who may do what.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { joinWithCode, startOrResume, type ClassroomErrorCode } from '@/lib/classroom';
import { clientIp, rateLimitedMessage, securityEnv } from '@/lib/security';
import { tryClassroom } from './_lib/server';

export type JoinState =
  | { status: 'idle' }
  | { status: 'joined'; className: string }
  | { status: 'error'; code: ClassroomErrorCode | 'invalid' }
  /** Too many tries: the wait, in the reader's language. */
  | { status: 'limited'; message: string };

// Codes are short; anything long is not one (the service normalizes case and dashes).
const codeSchema = z.string().trim().min(1).max(40);

export async function joinAction(_previous: JoinState, form: FormData): Promise<JoinState> {
  const code = codeSchema.safeParse(form.get('code'));
  if (!code.success) return { status: 'error', code: 'invalid' };
  const user = await getCurrentUser();
  const address = clientIp(await headers(), securityEnv());
  const joined = await tryClassroom(() => joinWithCode(user, code.data, { address }));
  if (!joined.ok && joined.code === 'rate_limited')
    return { status: 'limited', message: await rateLimitedMessage(joined.retryAfterSec ?? 60) };
  if (!joined.ok) return { status: 'error', code: joined.code };
  return { status: 'joined', className: joined.value.name };
}

export type StartState = { status: 'idle' } | { status: 'error'; code: string };

const quizIdSchema = z.string().min(1).max(64);

/** Starts (or resumes) and goes to the attempt; a refusal comes back as its reason. */
export async function startAction(_previous: StartState, form: FormData): Promise<StartState> {
  const quizId = quizIdSchema.safeParse(form.get('quizId'));
  if (!quizId.success) return { status: 'error', code: 'invalid' };
  const user = await getCurrentUser();
  const started = await tryClassroom(() => startOrResume(user, quizId.data, new Date()));
  if (!started.ok) {
    // A refusal's message is its reason (not_open, closed, no_attempts_left, empty).
    return { status: 'error', code: started.code === 'refused' ? started.message : started.code };
  }
  redirect(`/quizzes/attempts/${started.value}`);
}
