'use server';
// Server action of /account: change one's password. Every other session ends (the session
// version is bumped); this browser gets a fresh session cookie and stays signed in.
import { getTranslations } from 'next-intl/server';
import { changePassword, getCurrentSession, reissueSession } from '@/lib/auth';
import { rateLimitedMessage } from '@/lib/security';

export type ChangePasswordState =
  | { status: 'idle' }
  | { status: 'ok'; signedOut: boolean }
  | { status: 'error'; field: 'current' | 'next' | 'confirm' | null; message: string };

export async function changePasswordAction(
  _prev: ChangePasswordState,
  form: FormData,
): Promise<ChangePasswordState> {
  const t = await getTranslations('account');
  const session = await getCurrentSession();
  const user = session?.user;
  if (!session || !user) return { status: 'error', field: null, message: t('signedOut') };
  const result = await changePassword(user, {
    current: form.get('current'),
    next: form.get('next'),
    confirm: form.get('confirm'),
  });
  if (!result.ok) {
    if ('retryAfterSec' in result) {
      return {
        status: 'error',
        field: null,
        message: await rateLimitedMessage(result.retryAfterSec),
      };
    }
    return {
      status: 'error',
      field: result.field,
      // The codes are the message keys of the `account` namespace.
      message: t(result.code === 'no-password' ? 'noPassword' : (result.code as 'invalid')),
    };
  }
  const kept = await reissueSession(
    { ...user, sessionVersion: result.sessionVersion },
    session.sid,
  );
  return { status: 'ok', signedOut: !kept };
}
