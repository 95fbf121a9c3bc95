// /quizzes/join?code=CODE: the link an instructor shares. It joins the class (after signing
// in) and says which class; a link followed from another site asks first, since a GET that
// changes something must not be something another site can trigger unseen.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { joinWithCode } from '@/lib/classroom';
import { clientIp, rateLimitedMessage, securityEnv } from '@/lib/security';
import { JoinForm } from '../join-form';
import { signInPath, tryClassroom } from '../_lib/server';
import { BUTTON, ERROR_TEXT } from '../_lib/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('quizzes'))('join.title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const codeSchema = z.string().trim().min(1).max(40);

export default async function JoinPage({ searchParams }: Props) {
  const t = await getTranslations('quizzes');
  const raw = (await searchParams).code;
  const code = codeSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const user = await getCurrentUser();
  if (!user) {
    const back = code.success ? `/quizzes/join?code=${encodeURIComponent(code.data)}` : '/quizzes';
    redirect(signInPath(back));
  }
  const requestHeaders = await headers();
  const site = requestHeaders.get('sec-fetch-site');
  const crossSite = site !== null && site !== 'same-origin' && site !== 'none';
  if (!code.success || crossSite) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t('join.title')}</h1>
        <JoinForm defaultCode={code.success ? code.data : ''} />
      </section>
    );
  }
  const address = clientIp(requestHeaders, securityEnv());
  const joined = await tryClassroom(() => joinWithCode(user, code.data, { address }));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t('join.title')}</h1>
      {joined.ok ? (
        <p data-testid="join-ok">{t('join.joined', { name: joined.value.name })}</p>
      ) : (
        <p role="alert" className={ERROR_TEXT} data-testid="join-error">
          {joined.code === 'rate_limited'
            ? await rateLimitedMessage(joined.retryAfterSec ?? 60)
            : t(`join.error.${joined.code}`)}
        </p>
      )}
      <Link href="/quizzes" className={BUTTON}>
        {t('backToQuizzes')}
      </Link>
    </section>
  );
}
