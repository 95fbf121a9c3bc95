// Wraps a part of the app in the messages its client components read, and no others
// (lib/i18n/client-messages.ts lists them per part).
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import {
  pickMessages,
  ROOT_CLIENT_NAMESPACES,
  SEGMENT_CLIENT_NAMESPACES,
  type ClientSegment,
} from '@/lib/i18n';

export async function ClientMessages({
  segment,
  children,
}: {
  /** Omitted in the root layout. */
  segment?: ClientSegment;
  children: ReactNode;
}) {
  const namespaces = segment ? SEGMENT_CLIENT_NAMESPACES[segment] : ROOT_CLIENT_NAMESPACES;
  const messages = pickMessages(await getMessages(), namespaces);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
