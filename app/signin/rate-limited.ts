// Turns NextAuth's `rate-limited:<seconds>` error (lib/auth/authorize.ts) into words.
type Translate = (
  key: 'rateLimitedSeconds' | 'rateLimitedMinutes',
  values: Record<string, number>,
) => string;

export function rateLimitedSeconds(code: string | null | undefined): number | null {
  const match = /^rate-limited:(\d+)$/.exec(code ?? '');
  return match ? Number(match[1]) : null;
}

export function rateLimitedText(t: Translate, seconds: number): string {
  return seconds < 120
    ? t('rateLimitedSeconds', { seconds: Math.max(1, seconds) })
    : t('rateLimitedMinutes', { minutes: Math.ceil(seconds / 60) });
}
