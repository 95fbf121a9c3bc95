'use server';
// Server action: create a student account (the client then signs in with it).
import { getLocale } from 'next-intl/server';
import { registerUser } from '@/lib/auth';

export type SignUpState =
  | { status: 'idle' }
  | { status: 'ok' }
  | { status: 'error'; field: 'email' | 'password' | 'name'; code: string };

export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
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
