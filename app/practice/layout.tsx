// The messages this part's client components read (lib/i18n/client-messages.ts).
import type { ReactNode } from 'react';
import { ClientMessages } from '@/app/_components/client-messages';

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages segment="practice">{children}</ClientMessages>;
}
