'use server';
// Server action: create a student account (the client then signs in with it). Sign-ups are
// rate-limited per address (lib/security), before argon2's cost is paid. The answer is the
// same `ok` whether the email was new or taken (lib/auth/credentials.ts registerUser).
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { registerUser } from '@/lib/auth';
import { checkRateLimit, clientIp, rateLimitedMessage, securityEnv } from '@/lib/security';

export type SignUpState =
  | { status: 'idle' }
  | { status: 'ok' }
  | { status: 'limited'; message: string }
  | { status: 'error'; field: 'email' | 'password' | 'name'; code: string };

export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const address = clientIp(await headers(), securityEnv());
  const limit = await checkRateLimit('signup-ip', address);
  if (!limit.ok)
    return { status: 'limited', message: await rateLimitedMessage(limit.retryAfterSec) };
  const locale = await getLocale();
  const result = await registerUser(
    {
      name: form.get('name') ?? undefined,
      email: form.get('email'),
      password: form.get('password'),
    },
    locale === 'zh' ? 'zh' : 'en',
  );
  return result.ok ? { status: 'ok' } : { status: 'error', field: result.field, code: result.code };
}
