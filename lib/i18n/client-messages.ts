// Which message namespaces reach the browser, per top-level part of the app. Only client
// components read messages there; sending the whole catalogue (about 31 kB) inside every page's
// payload cost bytes and server time on every request, so each part sends what its client
// components use. tests/unit/i18n/client-messages.test.ts derives these lists from the imports.
import type { Namespace } from './messages';

/** Sent by the root layout: the error boundary (app/error.tsx) is a client component. */
export const ROOT_CLIENT_NAMESPACES: readonly Namespace[] = ['errors'];

/** Keyed by the folder under app/ whose layout wraps its pages in <ClientMessages>. */
export const SEGMENT_CLIENT_NAMESPACES = {
  account: ['account'],
  flashcards: ['flashcards'],
  lessons: ['ladder'],
  me: ['me'],
  practice: ['congestion', 'ladder', 'practice'],
  quizzes: ['ladder', 'practice', 'quizzes'],
  signin: ['auth', 'security'],
  signup: ['auth', 'security'],
  simulator: ['congestion', 'ladder', 'simulator'],
  teach: ['ladder', 'quizPaper', 'teach'],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientSegment = keyof typeof SEGMENT_CLIENT_NAMESPACES;

/** The named namespaces of a loaded catalogue (missing ones are left out, not invented). */
export function pickMessages(
  messages: Record<string, unknown>,
  namespaces: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(namespaces.filter((n) => n in messages).map((n) => [n, messages[n]]));
}
