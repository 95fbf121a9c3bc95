// The words a rate-limited person reads, in their language, with the wait rounded up.
import { getTranslations } from 'next-intl/server';

export async function rateLimitedMessage(retryAfterSec: number): Promise<string> {
  const t = await getTranslations('security');
  return retryAfterSec < 120
    ? t('rateLimitedSeconds', { seconds: Math.max(1, Math.ceil(retryAfterSec)) })
    : t('rateLimitedMinutes', { minutes: Math.ceil(retryAfterSec / 60) });
}
