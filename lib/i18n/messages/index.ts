// The interface strings: one JSON file per namespace and locale
// (lib/i18n/messages/<locale>/<namespace>.json). A feature adds its namespace here;
// tests/unit/i18n/messages.test.ts checks the list against the files and zh against en.
import type { UiLocale } from '../negotiate';

export const NAMESPACES = [
  'account',
  'admin',
  'auth',
  'congestion',
  'errors',
  'flashcards',
  'ladder',
  'landing',
  'lessons',
  'me',
  'meta',
  'nav',
  'placeholder',
  'practice',
  'quizPaper',
  'quizzes',
  'security',
  'simulator',
  'teach',
] as const;

export type Namespace = (typeof NAMESPACES)[number];

export async function loadMessages(locale: UiLocale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (namespace) => {
      const loaded = (await import(`./${locale}/${namespace}.json`)) as {
        default: Record<string, unknown>;
      };
      return [namespace, loaded.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
