// /simulator – the playground: a server shell around the client island that runs the engine.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { SimulatorClient } from './page-client';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('simulator') };
}

export default async function SimulatorPage() {
  const t = await getTranslations('simulator');
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <Suspense fallback={<p>{t('loading')}</p>}>
        <SimulatorClient />
      </Suspense>
    </section>
  );
}
